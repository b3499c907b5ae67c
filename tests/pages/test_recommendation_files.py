"""Indstilling: the secretariat downloads the recommendation to the council as Word, PDF and
Excel, with the year's choices for it and the organisation's logo from the settings."""

import io

import pytest
from docx import Document
from openpyxl import load_workbook
from sqlalchemy import select
from sqlalchemy.orm import Session
from streamlit.runtime.media_file_manager import MediaFileManager

from prize.models import PrizeYear
from tests.docx_parts import watermarks
from tests.exports.council.conftest import logo_file

PAGE = "pages/recommendation.py"
ANONYMOUS, REASONS = "Anonym jury", "Udskriv begrundelser for inhabilitet"


@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch) -> list:
    """The callables the page hands its download buttons, to call as a click would."""
    made = []
    original = MediaFileManager.add_deferred

    def remember(self, data, *args, **kwargs):
        made.append(data)
        return original(self, data, *args, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", remember)
    return made


def _choices(engine) -> tuple[bool, bool]:
    with Session(engine) as session:
        return session.execute(select(PrizeYear.anonymous_jury, PrizeYear.print_conflict_reasons)).tuples().one()


def _summary(app, screen) -> str:
    return next(text for text in screen.values(app.caption) if text.startswith("I filerne"))


def _tables(document) -> list[list[list[str]]]:
    return [[[cell.text for cell in row.cells] for row in table.rows] for table in document.tables]


def test_the_secretariat_sees_three_downloads_and_the_word_file_is_a_draft_before_the_recommendation(
        demo_in_shortlist, open_app, downloads):
    app = open_app("sekretariat").switch_page(PAGE).run()

    buttons = app.get("download_button")
    document = Document(io.BytesIO(downloads[0]()))

    assert [(button.proto.label, button.proto.ignore_rerun) for button in buttons] == [
        ("Hent indstillingen (Word)", True), ("Hent indstillingen (PDF)", True), ("Hent scorerne (Excel)", True)]
    assert (len(downloads), watermarks(document), downloads[1]()[:5], downloads[2]()[:2]) == (
        3, [["UDKAST"]], b"%PDF-", b"PK")


def test_the_secretariat_makes_the_jury_anonymous_and_prints_the_conflict_reasons_and_the_files_follow(
        demo_in_shortlist, open_app, downloads, screen):
    app = open_app("sekretariat").switch_page(PAGE).run()
    before = ([(box.label, box.value) for box in app.checkbox], _choices(demo_in_shortlist), _summary(app, screen))

    for box in app.checkbox:
        box.check()
    screen.button(app, "Gem valgene").click()
    app.run()

    assert len(app.exception) == 0
    assert (before, screen.values(app.success), [(box.label, box.value) for box in app.checkbox],
            _choices(demo_in_shortlist), _summary(app, screen)) == (
        ([(ANONYMOUS, False), (REASONS, False)], (False, False),
         "I filerne: juryen nævnes ved navn; begrundelser for inhabilitet udelades."),
        ["Valgene for indstillingen er gemt."], [(ANONYMOUS, True), (REASONS, True)], (True, True),
        "I filerne: juryen er anonym (Jurymedlem 1, 2 …); begrundelser for inhabilitet udskrives.")
    tables = _tables(Document(io.BytesIO(downloads[-3]())))
    jury = next(rows for rows in tables if rows[0][0] == "Jurymedlem" and len(rows[0]) == 2)
    conflicts = next(rows for rows in tables if rows[0][:3] == ["Jurymedlem", "Kandidat", "Type"])
    workbook = load_workbook(io.BytesIO(downloads[-1]()))
    assert ([row[0] for row in jury[1:]], [row[0] for row in conflicts], conflicts[1][:3],
            [cell.value for cell in workbook["Inhabilitet"][1]][-2:]) == (
        [f"Jurymedlem {n}" for n in range(1, 6)], ["Jurymedlem", "Jurymedlem 1", "Jurymedlem 3"],
        ["Jurymedlem 1", "Klitbjerg-klyngen", "Egen kommune"], ["Begrundelse", "Begrundelse for tilbagetrækning"])
    assert conflicts[0] == ["Jurymedlem", "Kandidat", "Type", "Begrundelse"]


def test_the_configured_logo_is_on_the_title_page_of_the_word_file(demo_in_shortlist, open_app, downloads,
                                                                   monkeypatch, tmp_path):
    logo = logo_file(tmp_path)
    monkeypatch.setenv("PRIZE_ORGANISATION_LOGO", str(logo))
    monkeypatch.setenv("PRIZE_ORGANISATION_NAME", "Region Midtjylland, Regional Udvikling")

    open_app("sekretariat").switch_page(PAGE).run()

    document = Document(io.BytesIO(downloads[0]()))
    shape = document.inline_shapes[0]
    blob = document.part.related_parts[shape._inline.graphic.graphicData.pic.blipFill.blip.embed].blob
    assert (blob, [paragraph.text for paragraph in document.paragraphs[:2]]) == (
        logo.read_bytes(), ["", "Region Midtjylland, Regional Udvikling"])
