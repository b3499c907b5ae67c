"""The recommendation as PDF, read back with the project's own text extractor."""

from datetime import UTC, datetime

from prize.db import session_scope
from prize.exports.council.model import gather_report
from prize.exports.council.pdf import council_pdf
from prize.services.years import require_current_year
from tests.exports.council.conftest import WINNER, configured_organisation
from tests.pdf_text import pdf_pages, pdf_text_lines

NOW = datetime(2020, 3, 1, 13, 5, tzinfo=UTC)


def _lines(session, **options) -> tuple[list[str], object]:
    report = gather_report(session, year=require_current_year(session), now=NOW)
    return pdf_text_lines(council_pdf(report, compress=False, charts=False, **options)), report


def test_the_pdf_holds_the_title_page_the_winner_and_every_finalist_with_danish_letters(recommended_session):
    lines, report = _lines(recommended_session)

    assert lines[:5] == ["Region Midtjylland", "Indstilling til Regionsrådet", "Landsbyprisen 2020 (demo)",
                         "1. marts 2020", "Prisen er på 150.000 kr."]
    assert f"Juryen indstiller {WINNER} til Landsbyprisen 2020." in lines
    assert [line for line in lines if line.split(" (")[0] in {f.candidate for f in report.finalists}
            and line.startswith(tuple(f.candidate for f in report.finalists))][:5] == [
        f"{WINNER} (Indstillet vinder)", *[f.candidate for f in report.finalists[1:]]]


def test_the_screening_table_shows_every_candidate_with_rank_and_danish_score(recommended_session):
    lines, report = _lines(recommended_session)

    start = lines.index("Jurymedlemmer", lines.index("Plads")) + 1
    cells = lines[start:start + 7 * 13]
    rows = [cells[index:index + 7] for index in range(0, len(cells), 7)]
    assert [row[1] for row in rows] == list(report.screening.table["candidate"])
    assert rows[0][:3] == ["1", report.screening.table["candidate"][0],
                           f"{report.screening.table['score'][0]:.2f}".replace(".", ",")]


def test_the_criteria_with_their_weights_and_the_conflicts_are_in_the_pdf(recommended_session):
    lines, report = _lines(recommended_session)

    first = report.criteria[0]
    at = lines.index(f"1. {first.title}")
    conflicts = lines.index("Inhabilitet")
    assert lines[at + 1:at + 3] == [f"{first.weight:.1f}".replace(".", ","), f"{first.scale_min}–{first.scale_max}"]
    assert lines[conflicts + 1:conflicts + 10] == ["Jurymedlem", "Kandidat", "Type",
                                                   "Birgitte Thorsen", "Klitbjerg-klyngen", "Egen kommune",
                                                   "Henrik Aagaard Lund", "Ulvedal", "Faglig relation"]


def _pages(session, **gathered):
    report = gather_report(session, year=require_current_year(session), now=NOW, **gathered)
    return pdf_pages(council_pdf(report, compress=False, charts=False))


def test_every_page_of_a_draft_carries_the_udkast_watermark_first_behind_its_text(demo_engine):
    with session_scope(demo_engine) as session:
        pages = _pages(session)

        assert ([page.lines[0] for page in pages], [page.lines.count("UDKAST") for page in pages]) == (
            ["UDKAST"] * len(pages), [1] * len(pages))
        assert len(pages) >= 3


def test_the_recommendation_itself_has_no_watermark(recommended_session):
    pages = _pages(recommended_session)

    assert [line for page in pages for line in page.lines if "UDKAST" in line] == []
    assert pages[0].lines[:2] == ["Region Midtjylland", "Indstilling til Regionsrådet"]


def test_the_title_page_shows_the_configured_logo_and_organisation_name(recommended_session, tmp_path):
    organisation, _ = configured_organisation(tmp_path, name="Region Midtjylland, Regional Udvikling", kind="JPEG")

    pages = _pages(recommended_session, organisation=organisation)

    assert (pages[0].images, pages[0].lines[:2], [page.images for page in pages[1:]]) == (
        [(600, 200)], ["Region Midtjylland, Regional Udvikling", "Indstilling til Regionsrådet"],
        [[]] * (len(pages) - 1))
