"""Files the app produces from a year's data: each exporter declares its identifier,
file extension, media type and file name, and is found by its identifier."""

from prize.exports.base import EXPORTERS, Exporter, ExportFile, exporter_for

__all__ = ["EXPORTERS", "ExportFile", "Exporter", "exporter_for"]

# Importing the concrete exporters registers them.
from prize.exports import audit, nominations, progress, ranking, receipt, recommendation  # noqa: E402,F401
