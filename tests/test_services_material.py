"""A nomination's material: files stored with their row or not at all, refused in Danish before anything is stored."""

from __future__ import annotations

import hashlib
import io
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from prize import file_links
from prize.db import session_scope
from prize.errors import (DeadlinePassed, DuplicateUpload, FileNameMismatch, MaterialFull, NominationIncomplete,
                          NotAllowed, NotFound, UnknownFileType, UploadTooLarge)
from prize.filetypes import Kind
from prize.models import Attachment, AuditEntry, PrizeYear
from prize.phases import NominationStatus, Phase
from prize.roles import Role
from prize.services.material import (MEGABYTE, Material, MaterialLimits, add_attachment, file_link, file_links as
                                     links_of, material_of, remove_attachment)
from prize.settings import Settings
from prize.storage import LocalStorage
from tests import material_samples as samples
from tests.factories import actor_of, make_body, make_nomination, make_user, make_year

LIMITS = MaterialLimits(document_mb=1, media_mb=2, nomination_mb=3)
DEADLINE = datetime(2020, 1, 15, 11, 0, tzinfo=UTC)
BEFORE = DEADLINE - timedelta(days=1)
COOKIE_KEY = "test-cookie-key-for-file-links-0123456789"


@pytest.fixture
def storage(tmp_path: Path) -> LocalStorage:
    return LocalStorage(tmp_path / "files")


def stored_files(storage: LocalStorage) -> list[Path]:
    return sorted(path for path in storage.root.rglob("*") if path.is_file()) if storage.root.exists() else []


def rows(session: Session) -> list[tuple[int, str, str]]:
    return [(row.nomination_id, row.filename, row.content_type)
            for row in session.scalars(select(Attachment).order_by(Attachment.id))]


def audit_of(session: Session) -> list[tuple[str, str, int, object, object]]:
    def parsed(text: str | None) -> object:
        return None if text is None else json.loads(text)

    return [(entry.action, entry.entity, entry.entity_id, parsed(entry.old_value), parsed(entry.new_value))
            for entry in session.scalars(select(AuditEntry).where(AuditEntry.action.like("nomination.%"))
                                         .order_by(AuditEntry.id))]


def padded(content: bytes, size: int) -> bytes:
    """``content`` (whose type is read from its first bytes) filled up to ``size`` bytes."""
    return content + b"\x00" * (size - len(content))


@pytest.fixture
def draft(session):
    year = make_year(session, phase=Phase.NOMINATIONS_OPEN)
    year.nomination_deadline = DEADLINE
    return make_nomination(session, year=year, body=make_body(session), status=NominationStatus.DRAFT)


@pytest.fixture
def nominator(session, draft):
    return actor_of(make_user(session, role=Role.NOMINATOR, username="lag.test", body=draft.nominating_body))


def add(session, storage, *, actor, nomination, content: bytes, filename: str, now: datetime = BEFORE,
        limits: MaterialLimits = LIMITS) -> Material:
    return add_attachment(session, actor=actor, storage=storage, nomination_id=nomination.id, filename=filename,
                          stream=io.BytesIO(content), limits=limits, now=now)


# --- Adding ---------------------------------------------------------------------------------

def test_a_nominator_adds_a_pdf_to_their_draft_and_the_bytes_are_stored_under_a_generated_key(
        session, storage, draft, nominator):
    content = samples.pdf_bytes()

    material = add(session, storage, actor=nominator, nomination=draft, content=content, filename="ansøgning.pdf")

    row = session.get(Attachment, material.id)
    assert (material.display_name, material.kind, material.media_type, material.size_bytes) == (
        "ansøgning.pdf", Kind.DOCUMENT, "application/pdf", len(content))
    assert (row.sha256, row.uploaded_by_id, len(row.storage_key), storage.open(row.storage_key).read()) == (
        hashlib.sha256(content).hexdigest(), nominator.id, 32, content)
    assert [path.name for path in stored_files(storage)] == [row.storage_key]


def test_a_village_contact_adds_material_to_their_own_nomination(session, storage, draft):
    contact = actor_of(make_user(session, role=Role.VILLAGE, username="ildsjael.test", nomination=draft))

    material = add(session, storage, actor=contact, nomination=draft, content=samples.jpeg_bytes(),
                   filename="kirken.jpg")

    assert (material.kind, rows(session)) == (Kind.IMAGE, [(draft.id, "kirken.jpg", "image/jpeg")])


def test_a_file_name_with_dot_dot_slash_and_nul_is_kept_as_display_text_and_never_becomes_a_path(
        session, storage, draft, nominator):
    material = add(session, storage, actor=nominator, nomination=draft, content=samples.pdf_bytes(),
                   filename="../../etc/pass\x00wd.pdf")

    row = session.get(Attachment, material.id)
    assert (material.display_name, [path.relative_to(storage.root).as_posix() for path in stored_files(storage)]) == (
        "../../etc/passwd.pdf", [f"{row.storage_key[:2]}/{row.storage_key}"])


def test_a_300_character_name_in_another_script_is_kept_shortened_to_255_characters(session, storage, draft,
                                                                                     nominator):
    material = add(session, storage, actor=nominator, nomination=draft, content=samples.pdf_bytes(),
                   filename="村" * 296 + ".pdf")

    assert (len(material.display_name), material.display_name[-5:], session.get(Attachment, material.id).filename) \
        == (255, "….pdf", material.display_name)


def test_a_video_may_be_larger_than_a_document(session, storage, draft, nominator):
    material = add(session, storage, actor=nominator, nomination=draft, content=samples.mp4_bytes(size=MEGABYTE + 1),
                   filename="film.mp4")

    assert (material.kind, material.size_bytes) == (Kind.VIDEO, MEGABYTE + 1)


# --- Refused before anything is stored ------------------------------------------------------

@pytest.mark.parametrize(("content", "filename", "refusal", "message"), [
    pytest.param(samples.pdf_bytes(), "film.mp4", FileNameMismatch,
                 "«film.mp4» er en PDF-fil, men navnet ender på .mp4. Giv filen et navn, der ender på .pdf, "
                 "og prøv igen.", id="pdf-renamed-mp4"),
    pytest.param(samples.exe_bytes(), "ansøgning.pdf", UnknownFileType, None, id="exe-renamed-pdf"),
    pytest.param(samples.zip_bytes(), "ansøgning.docx", UnknownFileType, None, id="zip-renamed-docx"),
    pytest.param(padded(samples.pdf_bytes(), MEGABYTE + 1), "stor.pdf", UploadTooLarge,
                 "«stor.pdf» er for stor (2 MB): et dokument eller billede må højst fylde 1 MB.",
                 id="document-over-limit"),
    pytest.param(samples.mp4_bytes(size=2 * MEGABYTE + 1), "film.mp4", UploadTooLarge,
                 "«film.mp4» er for stor (3 MB): en lyd- eller videofil må højst fylde 2 MB.", id="video-over-limit"),
])
def test_a_refused_file_leaves_no_file_and_no_row(session, storage, draft, nominator, content, filename, refusal,
                                                  message):
    with pytest.raises(refusal) as refused:
        add(session, storage, actor=nominator, nomination=draft, content=content, filename=filename)

    assert (stored_files(storage), rows(session)) == ([], [])
    if message is not None:
        assert refused.value.message("da", plain=True) == message


def test_a_file_over_what_is_left_of_the_nominations_total_is_refused_and_says_how_much_is_used(
        session, storage, draft, nominator):
    add(session, storage, actor=nominator, nomination=draft, content=samples.mp4_bytes(size=2 * MEGABYTE),
        filename="film.mp4")
    before = stored_files(storage)

    with pytest.raises(MaterialFull) as refused:
        add(session, storage, actor=nominator, nomination=draft, content=samples.mov_bytes() + b"\x00" * MEGABYTE,
            filename="film.mov")

    assert (stored_files(storage), len(rows(session))) == (before, 1)
    assert refused.value.message("da", plain=True) == (
        "«film.mov» (2 MB) kan ikke tilføjes: materialet til én indstilling må højst fylde 3 MB i alt, og der er "
        "allerede brugt 2 MB.")


def test_the_same_file_twice_in_one_nomination_is_refused_naming_the_first(session, storage, draft, nominator):
    add(session, storage, actor=nominator, nomination=draft, content=samples.png_bytes(), filename="kort.png")
    before = stored_files(storage)

    with pytest.raises(DuplicateUpload) as refused:
        add(session, storage, actor=nominator, nomination=draft, content=samples.png_bytes(), filename="kopi.png")

    assert (stored_files(storage), rows(session)) == (before, [(draft.id, "kort.png", "image/png")])
    assert refused.value.message("da", plain=True) == (
        "«kopi.png» er allerede uploadet til denne indstilling som «kort.png».")


def test_the_same_file_in_two_nominations_is_fine(session, storage, draft, nominator):
    other = make_nomination(session, year=_year_of(session, draft), body=draft.nominating_body,
                            name="Ramme og Lomborg", status=NominationStatus.DRAFT)

    add(session, storage, actor=nominator, nomination=draft, content=samples.png_bytes(), filename="kort.png")
    add(session, storage, actor=nominator, nomination=other, content=samples.png_bytes(), filename="kort.png")

    assert (len(stored_files(storage)), len(rows(session))) == (2, 2)


def _year_of(session, nomination) -> PrizeYear:
    return session.get(PrizeYear, nomination.year_id)


def test_another_bodys_nominator_is_refused_in_the_service(session, storage, draft):
    stranger = actor_of(make_user(session, role=Role.NOMINATOR, username="lag.djursland",
                                  body=make_body(session, name="LAG Djursland", municipalities=("Norddjurs",))))

    with pytest.raises(NotAllowed):
        add(session, storage, actor=stranger, nomination=draft, content=samples.pdf_bytes(), filename="x.pdf")

    assert (stored_files(storage), rows(session)) == ([], [])


def test_a_village_contact_cannot_add_to_another_nomination(session, storage, draft):
    own = make_nomination(session, year=_year_of(session, draft), body=draft.nominating_body, name="Skjød",
                          status=NominationStatus.DRAFT)
    contact = actor_of(make_user(session, role=Role.VILLAGE, username="ildsjael.skjoed", nomination=own))

    with pytest.raises(NotAllowed):
        add(session, storage, actor=contact, nomination=draft, content=samples.pdf_bytes(), filename="x.pdf")

    assert (stored_files(storage), rows(session)) == ([], [])


def test_after_the_deadline_nothing_is_added(session, storage, draft, nominator):
    with pytest.raises(DeadlinePassed):
        add(session, storage, actor=nominator, nomination=draft, content=samples.pdf_bytes(), filename="x.pdf",
            now=DEADLINE + timedelta(minutes=1))

    assert (stored_files(storage), rows(session)) == ([], [])


def test_the_secretariat_and_jurors_do_not_upload(session, storage, draft):
    secretariat = actor_of(make_user(session, role=Role.SECRETARIAT, username="sekretariat.test"))
    juror = actor_of(make_user(session, role=Role.JUROR, username="jury.test"))

    refusals = []
    for actor in (secretariat, juror):
        with pytest.raises(NotAllowed) as refused:
            add(session, storage, actor=actor, nomination=draft, content=samples.pdf_bytes(), filename="x.pdf")
        refusals.append(type(refused.value))

    assert (refusals, stored_files(storage)) == ([NotAllowed, NotAllowed], [])


# --- A file and its row stand or fall together ----------------------------------------------

@pytest.fixture
def committed(engine):
    """A draft, its nominator and an engine, committed: these tests commit and roll back themselves."""
    with session_scope(engine) as session:
        year = make_year(session, phase=Phase.NOMINATIONS_OPEN)
        nomination = make_nomination(session, year=year, body=make_body(session), status=NominationStatus.DRAFT)
        actor = actor_of(make_user(session, role=Role.NOMINATOR, username="lag.test", body=nomination.nominating_body))
    return engine, nomination, actor


def _refuse(session: Session, name: str) -> None:
    def refuse(*_args) -> None:
        raise RuntimeError(f"the database refuses the {name}")

    event.listen(session, name, refuse)


@pytest.mark.parametrize("failing", ["before_flush", "before_commit"])
def test_an_upload_whose_flush_or_commit_fails_leaves_neither_row_nor_file(committed, storage, failing):
    engine, nomination, actor = committed

    with pytest.raises(RuntimeError), session_scope(engine) as session:
        _refuse(session, failing)
        add(session, storage, actor=actor, nomination=nomination, content=samples.pdf_bytes(), filename="x.pdf",
            now=datetime.now(UTC))

    with Session(engine) as session:
        assert (stored_files(storage), rows(session)) == ([], [])


def test_a_committed_upload_keeps_its_file(committed, storage):
    engine, nomination, actor = committed

    with session_scope(engine) as session:
        added = add(session, storage, actor=actor, nomination=nomination, content=samples.pdf_bytes(),
                    filename="x.pdf", now=datetime.now(UTC))

    with Session(engine) as session:
        key = session.get(Attachment, added.id).storage_key
        assert ([path.name for path in stored_files(storage)], rows(session)) == (
            [key], [(nomination.id, "x.pdf", "application/pdf")])


def test_a_removal_deletes_the_file_once_committed_and_a_rolled_back_one_keeps_both(committed, storage):
    engine, nomination, actor = committed
    with session_scope(engine) as session:
        added = add(session, storage, actor=actor, nomination=nomination, content=samples.pdf_bytes(),
                    filename="x.pdf", now=datetime.now(UTC))

    with pytest.raises(RuntimeError), session_scope(engine) as session:
        remove_attachment(session, actor=actor, storage=storage, attachment_id=added.id, now=datetime.now(UTC))
        raise RuntimeError("something after the removal fails")
    kept = len(stored_files(storage))
    with session_scope(engine) as session:
        removed = remove_attachment(session, actor=actor, storage=storage, attachment_id=added.id,
                                    now=datetime.now(UTC))

    with Session(engine) as session:
        assert (kept, removed.display_name, stored_files(storage), rows(session)) == (1, "x.pdf", [], [])


# --- Removing -------------------------------------------------------------------------------

def test_another_bodys_nominator_cannot_remove_and_the_file_stays(session, storage, draft, nominator):
    added = add(session, storage, actor=nominator, nomination=draft, content=samples.pdf_bytes(), filename="x.pdf")
    stranger = actor_of(make_user(session, role=Role.NOMINATOR, username="lag.djursland",
                                  body=make_body(session, name="LAG Djursland", municipalities=("Norddjurs",))))

    with pytest.raises(NotAllowed):
        remove_attachment(session, actor=stranger, storage=storage, attachment_id=added.id, now=BEFORE)

    assert (len(stored_files(storage)), len(rows(session))) == (1, 1)


def _submit(session, draft) -> None:
    draft.contact_name, draft.contact_email, draft.summary = "Bo Holm", "bo@example.dk", "Varme."
    draft.status = NominationStatus.SUBMITTED
    session.flush()


def test_a_submitted_nomination_cannot_lose_its_only_material_and_the_file_stays(session, storage, draft,
                                                                                  nominator):
    added = add(session, storage, actor=nominator, nomination=draft, content=samples.pdf_bytes(), filename="x.pdf")
    _submit(session, draft)

    with pytest.raises(NominationIncomplete) as refused:
        remove_attachment(session, actor=nominator, storage=storage, attachment_id=added.id, now=BEFORE)

    assert (refused.value.message("da", plain=True), len(stored_files(storage)), rows(session)) == (
        "En indsendt indstilling skal være komplet, så ændringen er ikke gemt. Den ville mangle: "
        "«Materiale (mindst én fil eller et videolink)».", 1, [(draft.id, "x.pdf", "application/pdf")])


def test_a_submitted_nomination_with_other_material_may_lose_one_file(session, storage, draft, nominator):
    first = add(session, storage, actor=nominator, nomination=draft, content=samples.pdf_bytes(), filename="x.pdf")
    add(session, storage, actor=nominator, nomination=draft, content=samples.png_bytes(), filename="y.png")
    _submit(session, draft)

    removed = remove_attachment(session, actor=nominator, storage=storage, attachment_id=first.id, now=BEFORE)

    assert (removed.display_name, rows(session)) == ("x.pdf", [(draft.id, "y.png", "image/png")])


def test_an_unknown_attachment_is_not_found_to_the_secretariat_and_not_allowed_to_others(session, storage, nominator):
    secretariat = actor_of(make_user(session, role=Role.SECRETARIAT, username="sekretariat.test"))

    with pytest.raises(NotAllowed):
        remove_attachment(session, actor=nominator, storage=storage, attachment_id=99999, now=BEFORE)
    with pytest.raises(NotFound):
        file_link(session, actor=secretariat, attachment_id=99999, settings=Settings(cookie_key=COOKIE_KEY))


# --- The audit log after submission ---------------------------------------------------------

def test_material_changes_of_a_submitted_nomination_are_audited_with_old_and_new(session, storage, draft, nominator):
    draft.status, draft.video_url = NominationStatus.SUBMITTED, "https://video.example.dk/stenhoej"
    session.flush()
    content = samples.pdf_bytes()

    added = add(session, storage, actor=nominator, nomination=draft, content=content, filename="bilag.pdf")
    remove_attachment(session, actor=nominator, storage=storage, attachment_id=added.id, now=BEFORE)

    described = {"attachment_id": added.id, "filename": "bilag.pdf", "content_type": "application/pdf",
                 "size_bytes": len(content), "sha256": hashlib.sha256(content).hexdigest()}
    assert audit_of(session) == [
        ("nomination.attachment_added", "nomination", draft.id, None, described),
        ("nomination.attachment_removed", "nomination", draft.id, described, None)]


def test_a_drafts_material_changes_are_audited_too(session, storage, draft, nominator):
    content = samples.pdf_bytes()

    added = add(session, storage, actor=nominator, nomination=draft, content=content, filename="x.pdf")
    remove_attachment(session, actor=nominator, storage=storage, attachment_id=added.id, now=BEFORE)

    described = {"attachment_id": added.id, "filename": "x.pdf", "content_type": "application/pdf",
                 "size_bytes": len(content), "sha256": hashlib.sha256(content).hexdigest()}
    assert audit_of(session) == [
        ("nomination.attachment_added", "nomination", draft.id, None, described),
        ("nomination.attachment_removed", "nomination", draft.id, described, None)]


# --- Seeing the material and links to it ----------------------------------------------------

def test_the_material_is_listed_as_plain_values_oldest_first(session, storage, draft, nominator):
    pdf = add(session, storage, actor=nominator, nomination=draft, content=samples.pdf_bytes(), filename="a.pdf")
    video = add(session, storage, actor=nominator, nomination=draft, content=samples.webm_bytes(), filename="b.webm")

    listed = material_of(session, actor=nominator, nomination_id=draft.id)

    assert [(item.id, item.display_name, item.kind, item.media_type, item.type_key, item.inline)
            for item in listed] == [
        (pdf.id, "a.pdf", Kind.DOCUMENT, "application/pdf", "material.type.pdf", True),
        (video.id, "b.webm", Kind.VIDEO, "video/webm", "material.type.webm", True)]
    assert [item.uploaded_at.replace(tzinfo=None) <= datetime.now(UTC).replace(tzinfo=None) for item in listed] == [
        True, True]


def test_a_link_is_signed_only_for_someone_who_may_see_the_nomination(session, storage, draft, nominator):
    added = add(session, storage, actor=nominator, nomination=draft, content=samples.docx_bytes(),
                filename="ansøgning.docx")
    stranger = actor_of(make_user(session, role=Role.NOMINATOR, username="lag.djursland",
                                  body=make_body(session, name="LAG Djursland", municipalities=("Norddjurs",))))
    settings = Settings(cookie_key=COOKIE_KEY, file_link_minutes=60)
    now = datetime(2020, 1, 10, 9, 2, tzinfo=UTC)

    path = file_link(session, actor=nominator, attachment_id=added.id, settings=settings, now=now)
    with pytest.raises(NotAllowed):
        file_link(session, actor=stranger, attachment_id=added.id, settings=settings, now=now)
    with pytest.raises(NotAllowed):
        links_of(session, actor=stranger, nomination_id=draft.id, settings=settings, now=now)

    grant = file_links.verify(path.removeprefix("/files/"), cookie_key=COOKIE_KEY, now=now)
    assert (path.startswith("/files/"), grant) == (True, file_links.FileGrant(
        storage_key=session.get(Attachment, added.id).storage_key,
        media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        download_name="ansøgning.docx", expires_at=datetime(2020, 1, 10, 10, 5, tzinfo=UTC)))
    assert links_of(session, actor=nominator, nomination_id=draft.id, settings=settings, now=now) == {added.id: path}


def test_links_are_given_for_viewing_so_they_work_after_the_deadline_too(session, storage, draft, nominator):
    added = add(session, storage, actor=nominator, nomination=draft, content=samples.pdf_bytes(), filename="x.pdf")
    later = DEADLINE + timedelta(days=30)

    path = file_link(session, actor=nominator, attachment_id=added.id, settings=Settings(cookie_key=COOKIE_KEY),
                     now=later)

    assert file_links.verify(path.removeprefix("/files/"), cookie_key=COOKIE_KEY, now=later).download_name == "x.pdf"
