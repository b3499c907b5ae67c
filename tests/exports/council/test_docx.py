"""The recommendation as Word, read back with python-docx."""

import io
from datetime import UTC, datetime

import pandas as pd
from docx import Document
from docx.shared import Mm

from prize.db import session_scope
from prize.exports import exporter_for
from prize.exports.council.model import Organisation, gather_report
from prize.services.years import require_current_year
from tests.docx_parts import watermarks
from tests.exports.council.conftest import WINNER, configured_organisation
from tests.pages.finals import secretariat_of

NOW = datetime(2020, 3, 1, 13, 5, tzinfo=UTC)


def _document(session, organisation: Organisation = Organisation()):
    exporter = exporter_for("recommendation-docx")(year=require_current_year(session), organisation=organisation)
    exported = exporter.export(session, actor=secretariat_of(session), now=NOW)
    return exported, Document(io.BytesIO(exported.content))


def _picture_blobs(document) -> list[bytes]:
    """The image bytes of each picture in the body (python-docx's inline shapes), in order."""
    return [document.part.related_parts[shape._inline.graphic.graphicData.pic.blipFill.blip.embed].blob
            for shape in document.inline_shapes]


def _paragraphs(document) -> list[str]:
    return [paragraph.text for paragraph in document.paragraphs if paragraph.text]


def _tables(document) -> list[list[list[str]]]:
    return [[[cell.text for cell in row.cells] for row in table.rows] for table in document.tables]


def test_the_word_document_names_the_winner_and_every_finalist_in_order(recommended_session):
    session = recommended_session
    report = gather_report(session, year=require_current_year(session), now=NOW)

    exported, document = _document(session)

    paragraphs = _paragraphs(document)
    finalists = [line.candidate for line in report.finalists]
    assert (exported.filename, paragraphs[:5], f"Juryen indstiller {WINNER} til Landsbyprisen 2020." in paragraphs,
            [text for text in paragraphs if text.split(" (")[0] in finalists]) == (
        "landsbyprisen-2020-indstilling-20200301-1405.docx",
        ["Region Midtjylland", "Indstilling til Regionsrådet", "Landsbyprisen 2020 (demo)", "1. marts 2020",
         "Prisen er på 150.000 kr."],
        True, [f"{WINNER} (Indstillet vinder)", *finalists[1:]])


def test_the_screening_table_lists_every_eligible_candidate_with_rank_and_score_in_danish(recommended_session):
    session = recommended_session
    table = gather_report(session, year=require_current_year(session), now=NOW).screening.table
    expected = [["–" if pd.isna(row.rank) else str(row.rank), row.candidate,
                 "–" if pd.isna(row.score) else f"{row.score:.2f}".replace(".", ",")]
                for row in table.itertuples()]

    _, document = _document(session)

    screening = next(rows for rows in _tables(document) if rows[0][:3] == ["Plads", "Kandidat", "Score"])
    assert [row[:3] for row in screening[1:]] == expected
    assert len(screening) - 1 == 13


def test_the_criteria_weights_and_conflicts_are_there_with_danish_letters_intact(recommended_session):
    session = recommended_session
    report = gather_report(session, year=require_current_year(session), now=NOW)

    _, document = _document(session)

    tables = _tables(document)
    criteria = next(rows for rows in tables if rows[0][1:] == ["Vægt", "Skala"])
    conflicts = next(rows for rows in tables if rows[0] == ["Jurymedlem", "Kandidat", "Type"])
    assert [row[0] for row in criteria[1:]] == [f"{n}. {line.title}" for n, line in enumerate(report.criteria, 1)]
    assert [row[1] for row in criteria[1:]] == [f"{line.weight:.1f}".replace(".", ",") for line in report.criteria]
    assert conflicts[1:] == [["Birgitte Thorsen", "Klitbjerg-klyngen", "Egen kommune"],
                             ["Henrik Aagaard Lund", "Ulvedal", "Faglig relation"]]


def test_the_recommendation_itself_has_no_watermark(recommended_session):
    _, document = _document(recommended_session)

    assert (watermarks(document), document.sections[0].header.is_linked_to_previous) == ([[]], True)


def test_a_year_before_the_recommendation_is_a_draft_watermarked_udkast_on_every_page(demo_engine):
    with session_scope(demo_engine) as session:
        _, document = _document(session)

        header = document.sections[0].header
        assert (watermarks(document), header.paragraphs[0].text,
                "Udkast: Året er endnu ikke nået til indstillingen. Indholdet kan ændre sig." in _paragraphs(document)) == (
            [["UDKAST"]], "", True)
        # Word's watermark: a VML text shape turned 315 degrees, centred on the page, behind the text.
        shape = next(header._element.iter("{urn:schemas-microsoft-com:vml}shape"))
        assert (shape.get("type"), "rotation:315" in shape.get("style"), "z-index:-" in shape.get("style")) == (
            "#_x0000_t136", True, True)


def test_the_title_page_shows_the_configured_logo_and_organisation_name(recommended_session, tmp_path):
    organisation, logo = configured_organisation(tmp_path, name="Region Midtjylland, Regional Udvikling")

    _, document = _document(recommended_session, organisation)

    first = document.inline_shapes[0]
    assert (_picture_blobs(document)[0], len(document.paragraphs[0]._p.xpath(".//pic:pic")),
            [paragraph.text for paragraph in document.paragraphs[:3]], round(first.width / Mm(1)),
            round(first.height / Mm(1))) == (
        logo, 1, ["", "Region Midtjylland, Regional Udvikling", "Indstilling til Regionsrådet"], 70, 23)


def test_without_a_logo_the_title_page_has_no_picture(demo_engine):
    with session_scope(demo_engine) as session:
        _, document = _document(session)

        assert (document.paragraphs[0].text, document.paragraphs[0]._p.xpath(".//pic:pic")) == (
            "Region Midtjylland", [])
