"""The three files of the recommendation to the council, for the secretariat: the Word
document, its PDF copy and the scores in Excel. Each is written from one report gathered
at the moment of export, whose creation time is also the time in the file name. The
organisation (its name and logo, from the settings) is given by the caller; the year's
choices (an anonymous jury, the conflicts' reasons) come with the year."""

from __future__ import annotations

from datetime import datetime
from sqlalchemy.orm import Session

from prize.actor import Actor
from prize.exports.base import Exporter, ExportFile
from prize.exports.council.model import CouncilReport, Organisation, gather_report
from prize.exports.council.docx import council_docx
from prize.exports.council.pdf import council_pdf
from prize.exports.council.xlsx import council_xlsx
from prize.models.base import utcnow
from prize.permissions import Action
from prize.services.years import YearInfo


class _CouncilFile:
    """What the three files share; mixed in before ``Exporter`` (which registers every
    subclass, so this one is not one)."""

    file_stem = "indstilling"
    action = Action.EXPORT_RECOMMENDATION

    def __init__(self, *, year: YearInfo, locale: str = "da", organisation: Organisation = Organisation()) -> None:
        super().__init__(year=year, locale=locale)
        self.organisation = organisation

    def export(self, session: Session, *, actor: Actor, now: datetime | None = None) -> ExportFile:
        now = now or utcnow()
        self.authorise(session, actor=actor)
        return ExportFile(filename=self.filename(now=now), media_type=self.media_type,
                          content=self.write(self.report(session, now=now)))

    def render(self, session: Session) -> bytes:
        return self.write(self.report(session, now=utcnow()))

    def report(self, session: Session, *, now: datetime) -> CouncilReport:
        return gather_report(session, year=self.year, locale=self.locale, organisation=self.organisation, now=now)

    def write(self, report: CouncilReport) -> bytes:
        """The file's bytes from the report."""
        raise NotImplementedError


class RecommendationXlsx(_CouncilFile, Exporter):
    identifier = "recommendation-xlsx"
    extension = "xlsx"
    media_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    title = "council.exporter.xlsx"

    def write(self, report: CouncilReport) -> bytes:
        return council_xlsx(report)


class RecommendationDocx(_CouncilFile, Exporter):
    identifier = "recommendation-docx"
    extension = "docx"
    media_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    title = "council.exporter.docx"

    def write(self, report: CouncilReport) -> bytes:
        return council_docx(report)


class RecommendationPdf(_CouncilFile, Exporter):
    identifier = "recommendation-pdf"
    extension = "pdf"
    media_type = "application/pdf"
    title = "council.exporter.pdf"

    def write(self, report: CouncilReport) -> bytes:
        return council_pdf(report)
