"""Privatlivspolitik: how the app handles personal data. Public: open to everyone,
logged in or not (ui/registry.py PUBLIC_PAGES), so it shows the notice's fixed text
(the catalog, or the region's own text from the settings), never stored data."""

from ui.components import privacy_notice
from ui.guard import require_public_page

require_public_page("privacy")

privacy_notice.show()
