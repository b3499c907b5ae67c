"""Indstilling: the secretariat downloads the recommendation to the council as Word, PDF and Excel."""

import io

import pytest
from docx import Document
from streamlit.runtime.media_file_manager import MediaFileManager

PAGE = "pages/recommendation.py"


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


def test_the_secretariat_sees_three_downloads_and_the_word_file_is_a_draft_before_the_recommendation(
        demo_in_shortlist, open_app, downloads):
    app = open_app("sekretariat").switch_page(PAGE).run()

    buttons = app.get("download_button")
    document = Document(io.BytesIO(downloads[0]()))

    assert [(button.proto.label, button.proto.ignore_rerun) for button in buttons] == [
        ("Hent indstillingen (Word)", True), ("Hent indstillingen (PDF)", True), ("Hent scorerne (Excel)", True)]
    assert (len(downloads), document.sections[0].header.paragraphs[0].text, downloads[1]()[:5],
            downloads[2]()[:2]) == (3, "UDKAST", b"%PDF-", b"PK")
