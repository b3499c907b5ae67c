"""The material component, run by AppTest on a real database and a temporary storage:
the editor uploads, refuses in Danish and removes; the gallery shows files through signed links."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session
from streamlit.testing.v1 import AppTest

from prize.actor import Actor
from prize.db import session_scope
from prize.file_links import verify
from prize.models import Attachment, PrizeYear
from prize.phases import NominationStatus, Phase
from prize.roles import Role
from prize.services.material import MaterialLimits, add_attachment
from prize.storage import LocalStorage
from tests import material_samples as samples
from tests.factories import actor_of, make_body, make_nomination, make_user, make_year
from tests.pages.conftest import RUN_TIMEOUT, TEST_COOKIE_KEY, as_read

LIMITS = MaterialLimits(document_mb=25, media_mb=200, nomination_mb=500)


def editor_page(actor, nomination_id):
    from ui.components import material

    material.show_editor(actor=actor, nomination_id=nomination_id, key="material")


def gallery_page(actor, nomination_id):
    from ui.components import material

    material.show(actor=actor, nomination_id=nomination_id, key="gallery")


@pytest.fixture
def storage(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> LocalStorage:
    monkeypatch.setenv("PRIZE_STORAGE_DIR", str(tmp_path / "files"))
    return LocalStorage(tmp_path / "files")


@pytest.fixture
def site(engine: Engine, storage, monkeypatch: pytest.MonkeyPatch) -> dict:
    """A year open for nominations with one draft, its nominator and a stranger, committed."""
    monkeypatch.setenv("PRIZE_DATABASE_URL", engine.url.render_as_string(hide_password=False))
    with session_scope(engine) as session:
        year = make_year(session, phase=Phase.NOMINATIONS_OPEN)
        draft = make_nomination(session, year=year, body=make_body(session), status=NominationStatus.DRAFT)
        nominator = actor_of(make_user(session, role=Role.NOMINATOR, username="lag.test", body=draft.nominating_body))
        stranger = actor_of(make_user(session, role=Role.NOMINATOR, username="lag.djursland",
                                      body=make_body(session, name="LAG Djursland", municipalities=("Norddjurs",))))
    return {"engine": engine, "year_id": year.id, "nomination_id": draft.id, "nominator": nominator,
            "stranger": stranger}


def open_component(page, actor: Actor, nomination_id: int) -> AppTest:
    return AppTest.from_function(page, args=(actor, nomination_id), default_timeout=RUN_TIMEOUT).run()


def stored(storage: LocalStorage) -> list[str]:
    return sorted(path.name for path in storage.root.rglob("*") if path.is_file()) if storage.root.exists() else []


def attachments(engine: Engine) -> list[tuple[str, str]]:
    with Session(engine) as session:
        return [(row.filename, row.content_type)
                for row in session.scalars(select(Attachment).order_by(Attachment.id))]


def add(site: dict, storage: LocalStorage, content: bytes, filename: str) -> None:
    with session_scope(site["engine"]) as session:
        add_attachment(session, actor=site["nominator"], storage=storage, nomination_id=site["nomination_id"],
                       filename=filename, stream=io.BytesIO(content), limits=LIMITS)


def texts(elements) -> list[str]:
    return [as_read(element.value) for element in elements]


# --- The editor -----------------------------------------------------------------------------

def test_an_empty_editor_shows_the_limits_and_an_uploader(site):
    app = open_component(editor_page, site["nominator"], site["nomination_id"])

    assert len(app.exception) == 0
    assert (texts(app.caption), texts(app.info), len(app.file_uploader)) == (
        ["Højst 25 MB pr. dokument/billede, 200 MB pr. lyd/video, 500 MB i alt; brugt: 0,0 MB."],
        ["Der er endnu ikke uploadet materiale."], 1)


def test_an_uploaded_pdf_is_stored_listed_and_counted(site, storage):
    app = open_component(editor_page, site["nominator"], site["nomination_id"])
    pdf = samples.pdf_bytes()

    app.file_uploader[0].set_value(("ansøgning.pdf", pdf, "application/pdf"))
    app.run()

    assert len(app.exception) == 0
    assert (texts(app.success), attachments(site["engine"]), len(stored(storage))) == (
        ["«ansøgning.pdf» er tilføjet."], [("ansøgning.pdf", "application/pdf")], 1)
    assert texts(app.caption)[0] == (
        "Højst 25 MB pr. dokument/billede, 200 MB pr. lyd/video, 500 MB i alt; brugt: 0,0 MB.")
    assert texts(app.markdown)[0].startswith("[ansøgning.pdf](http://localhost/files/")
    assert (len(app.file_uploader), app.file_uploader[0].value) == (1, [])


def test_a_pdf_renamed_mp4_is_refused_in_danish_and_nothing_is_stored(site, storage):
    app = open_component(editor_page, site["nominator"], site["nomination_id"])

    app.file_uploader[0].set_value(("film.mp4", samples.pdf_bytes(), "video/mp4"))
    app.run()

    assert len(app.exception) == 0
    assert (texts(app.error), attachments(site["engine"]), stored(storage)) == (
        ["«film.mp4» er en PDF-fil, men navnet ender på .mp4. Giv filen et navn, der ender på .pdf, og prøv igen."],
        [], [])


def test_of_two_files_at_once_the_good_one_is_added_and_the_bad_one_refused(site, storage):
    app = open_component(editor_page, site["nominator"], site["nomination_id"])

    app.file_uploader[0].set_value([("kirken.jpg", samples.jpeg_bytes(), "image/jpeg"),
                                    ("program.pdf", samples.elf_bytes(), "application/pdf")])
    app.run()

    assert len(app.exception) == 0
    assert (texts(app.success), [text[:30] for text in texts(app.error)], attachments(site["engine"])) == (
        ["«kirken.jpg» er tilføjet."], ["«program.pdf» kan ikke modtage"], [("kirken.jpg", "image/jpeg")])


def test_a_removed_file_is_gone_from_the_list_the_database_and_the_storage(site, storage):
    add(site, storage, samples.png_bytes(), "kort.png")
    app = open_component(editor_page, site["nominator"], site["nomination_id"])

    next(button for button in app.button if button.label == "Fjern").click()
    app.run()

    assert len(app.exception) == 0
    assert (texts(app.success), attachments(site["engine"]), stored(storage), texts(app.info)) == (
        ["«kort.png» er fjernet."], [], [], ["Der er endnu ikke uploadet materiale."])


def test_after_the_deadline_the_material_is_listed_without_uploader_or_remove_buttons(site, storage):
    add(site, storage, samples.png_bytes(), "kort.png")
    with session_scope(site["engine"]) as session:
        session.get(PrizeYear, site["year_id"]).nomination_deadline = datetime.now(UTC) - timedelta(hours=1)

    app = open_component(editor_page, site["nominator"], site["nomination_id"])

    assert len(app.exception) == 0
    assert (len(app.file_uploader), [button.label for button in app.button], texts(app.info)) == (
        0, [], ["Materialet kan ikke længere ændres."])


def test_another_bodys_nominator_gets_the_refusal_and_no_editor(site):
    app = open_component(editor_page, site["stranger"], site["nomination_id"])

    assert len(app.exception) == 0
    assert (texts(app.error), len(app.file_uploader), len(app.markdown)) == (
        ["Du har ikke adgang til denne handling."], 0, 0)


# --- The gallery ----------------------------------------------------------------------------

def _token(url: str) -> str:
    return url.removeprefix("http://localhost/files/")


def test_the_gallery_shows_pictures_players_and_document_links_through_signed_urls(site, storage):
    add(site, storage, samples.jpeg_bytes(), "kirken.jpg")
    add(site, storage, samples.mp4_bytes(), "film.mp4")
    add(site, storage, samples.mp3_bytes(), "podcast.mp3")
    add(site, storage, samples.pdf_bytes(), "ansøgning.pdf")
    add(site, storage, samples.docx_bytes(), "budget.docx")
    now = datetime.now(UTC)

    app = open_component(gallery_page, site["nominator"], site["nomination_id"])

    assert len(app.exception) == 0
    image_urls = [url for image in app.get("image") for url in image.value]
    video_urls = [element.proto.url for element in app.get("video")]
    audio_urls = [element.proto.url for element in app.get("audio")]
    assert [verify(_token(url), cookie_key=TEST_COOKIE_KEY, now=now).download_name
            for url in image_urls + video_urls + audio_urls] == ["kirken.jpg", "film.mp4", "podcast.mp3"]
    links = [text for text in texts(app.markdown) if "/files/" in text]
    assert [text.split("](")[0] for text in links] == [":material/description: [Åbn «ansøgning.pdf»",
                                                       ":material/description: [Hent «budget.docx»"]
    assert [verify(_token(text.split("](")[1].rstrip(")")), cookie_key=TEST_COOKIE_KEY, now=now).media_type
            for text in links] == ["application/pdf",
                                   "application/vnd.openxmlformats-officedocument.wordprocessingml.document"]


def test_a_picture_in_the_gallery_has_its_file_name_as_alternative_text(site, storage):
    add(site, storage, samples.jpeg_bytes(), "kirken_*mod*_syd.jpg")

    app = open_component(gallery_page, site["nominator"], site["nomination_id"])

    assert len(app.exception) == 0
    # The alternative text is an attribute: the plain name, not the caption's escaped Markdown.
    assert [image.alt for element in app.get("image") for image in element.proto.imgs] == ["kirken_*mod*_syd.jpg"]


def test_the_gallery_reads_no_file_into_the_app(site, storage, monkeypatch):
    add(site, storage, samples.mp4_bytes(), "film.mp4")
    add(site, storage, samples.jpeg_bytes(), "kirken.jpg")

    def no_reading(self, key):
        raise AssertionError(f"the page opened the stored file {key}")

    monkeypatch.setattr(LocalStorage, "open", no_reading)
    app = open_component(gallery_page, site["nominator"], site["nomination_id"])

    assert (len(app.exception), len(app.get("video")), len(app.get("image"))) == (0, 1, 1)


def test_a_stranger_sees_no_gallery_and_no_link(site, storage):
    add(site, storage, samples.jpeg_bytes(), "kirken.jpg")

    app = open_component(gallery_page, site["stranger"], site["nomination_id"])

    assert len(app.exception) == 0
    assert (texts(app.error), len(app.get("image"))) == (["Du har ikke adgang til denne handling."], 0)


def test_a_name_with_markdown_is_shown_literally(site, storage):
    add(site, storage, samples.pdf_bytes(), "[klik](javascript:alert(1)) ![x](http://evil.example/x.png).pdf")

    app = open_component(gallery_page, site["nominator"], site["nomination_id"])

    assert len(app.exception) == 0
    link = next(text for text in (element.value for element in app.markdown) if "/files/" in text)
    assert link.split("](http://localhost/files/")[0] == (
        ":material/description: [Åbn «\\[klik\\]\\(javascript\\:\u2060alert\\(1\\)\\) "
        "\\!\\[x\\]\\(http\\:\u2060\\/\\/evil\\.example\\/x\\.png\\)\\.pdf»")
