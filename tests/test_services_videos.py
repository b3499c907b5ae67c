"""A finalist's presentation videos: attached as a file or a link, each bad input refused in
Danish with nothing stored, changes audited, and played only to those the rule book names."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from prize import file_links
from prize.errors import (ConflictOfInterest, FileNameMismatch, InvalidInput, InvalidUpload, InvalidVideoLink,
                          NotAllowed, OutOfPhase, UnknownFileType, UploadTooLarge, VideoRefused)
from prize.models import AuditEntry, Shortlist, Video, VideoKind
from prize.models.base import utcnow
from prize.phases import NominationStatus, Phase
from prize.roles import Role
from prize.services.material import MEGABYTE, MaterialLimits
from prize.services.videos import (add_video_file, add_video_link, edit_video, may_watch_videos, public_finalists,
                                   remove_video, set_video_published, watchable_videos)
from prize.settings import Settings
from prize.storage import LocalStorage
from prize.video_links import Platform
from tests import material_samples as samples
from tests.factories import (actor_of, make_body, make_conflict, make_finalist, make_nomination, make_user,
                             make_year)

LIMITS = MaterialLimits(document_mb=1, media_mb=2, nomination_mb=3)
COOKIE_KEY = "test-cookie-key-for-file-links-0123456789"
SETTINGS = Settings(cookie_key=COOKIE_KEY)
YOUTUBE = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"


@pytest.fixture
def storage(tmp_path: Path) -> LocalStorage:
    return LocalStorage(tmp_path / "files")


def stored_files(storage: LocalStorage) -> list[Path]:
    return sorted(path for path in storage.root.rglob("*") if path.is_file()) if storage.root.exists() else []


def videos_stored(session: Session) -> list[tuple[int, str, str]]:
    return [(row.nomination_id, row.kind.value, row.title) for row in session.scalars(select(Video).order_by(Video.id))]


def audit_of(session: Session) -> list[tuple[str, str, int, object, object]]:
    def parsed(text: str | None) -> object:
        return None if text is None else json.loads(text)

    return [(entry.action, entry.entity, entry.entity_id, parsed(entry.old_value), parsed(entry.new_value))
            for entry in session.scalars(select(AuditEntry).where(AuditEntry.action.like("video.%"))
                                         .order_by(AuditEntry.id))]


class Year:
    """A year in the final round: Løvel a finalist, Skjød a candidate that did not go on."""

    def __init__(self, session: Session, phase: Phase = Phase.FINAL_ROUND) -> None:
        self.year = make_year(session, phase=phase)
        self.body = make_body(session)
        self.finalist = make_nomination(session, year=self.year, body=self.body, name="Løvel",
                                        status=NominationStatus.ELIGIBLE)
        self.other = make_nomination(session, year=self.year, body=self.body, name="Skjød",
                                     status=NominationStatus.ELIGIBLE)
        make_finalist(session, nomination=self.finalist)
        if phase == Phase.FINAL_ROUND:
            session.add(Shortlist(year_id=self.year.id, method="weighted_mean", finalist_count=1,
                                  published_at=utcnow()))
            session.flush()
        self.secretary = actor_of(make_user(session, role=Role.SECRETARIAT, username="sekretariat"))


@pytest.fixture
def year(session) -> Year:
    return Year(session)


def _file(session, year, storage, *, content: bytes = None, filename="præsentation.webm", title="Løvel fortæller",
          published=False, limits=LIMITS):
    return add_video_file(session, actor=year.secretary, storage=storage, nomination_id=year.finalist.id,
                          filename=filename, stream=io.BytesIO(samples.webm_bytes() if content is None else content),
                          title=title, description="Tre minutter om forsamlingshuset.", published=published,
                          limits=limits)


def _link(session, year, *, url=YOUTUBE, title="Løvel på YouTube", published=False, nomination=None):
    return add_video_link(session, actor=year.secretary, nomination_id=(nomination or year.finalist).id, url=url,
                          title=title, description="", published=published)


# --- Attaching ------------------------------------------------------------------------------

def test_the_secretariat_attaches_an_uploaded_webm_to_a_finalist_stored_under_a_new_key(session, year, storage):
    added = _file(session, year, storage)

    row = session.get(Video, added.id)
    assert (added.kind, added.title, added.filename, added.media_type, added.size_bytes, added.published) == (
        VideoKind.FILE, "Løvel fortæller", "præsentation.webm", "video/webm", len(samples.webm_bytes()), False)
    assert (row.storage_key is not None, storage.open(row.storage_key).read()) == (True, samples.webm_bytes())


def test_an_mp4_is_accepted_as_well(session, year, storage):
    added = _file(session, year, storage, content=samples.mp4_bytes(), filename="film.mp4")

    assert (added.media_type, len(stored_files(storage))) == ("video/mp4", 1)


def test_the_secretariat_attaches_a_youtube_link_that_plays_embedded(session, year):
    added = _link(session, year, published=True)

    assert (added.kind, added.url, added.platform, added.embed_url, added.published) == (
        VideoKind.LINK, YOUTUBE, Platform.YOUTUBE, "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ", True)


def test_attaching_is_audited_with_what_was_attached(session, year, storage):
    added = _file(session, year, storage)

    assert audit_of(session) == [("video.added", "video", added.id, None, {
        "nomination_id": year.finalist.id, "kind": "file", "title": "Løvel fortæller",
        "description": "Tre minutter om forsamlingshuset.", "published": False, "filename": "præsentation.webm",
        "content_type": "video/webm", "size_bytes": len(samples.webm_bytes()),
        "sha256": session.get(Video, added.id).sha256})]


# --- Bad input: a clear Danish message, nothing stored ---------------------------------------

@pytest.mark.parametrize(("content", "filename", "error", "message"), [
    (samples.pdf_bytes(), "præsentation.pdf", InvalidUpload,
     "«præsentation.pdf» kan ikke bruges som video: indholdet er ikke en mp4- eller webm-video. Det er filens "
     "indhold, ikke dens navn, der afgør typen."),
    (samples.mov_bytes(), "præsentation.mov", InvalidUpload,
     "«præsentation.mov» kan ikke bruges som video: indholdet er ikke en mp4- eller webm-video. Det er filens "
     "indhold, ikke dens navn, der afgør typen."),
    (samples.elf_bytes(), "præsentation.webm", UnknownFileType, None),
    (samples.pdf_bytes(), "præsentation.webm", FileNameMismatch, None),
], ids=["pdf", "quicktime", "program-named-webm", "pdf-named-webm"])
def test_a_file_that_is_not_an_mp4_or_webm_video_is_refused_and_nothing_is_stored(session, year, storage, content,
                                                                                  filename, error, message):
    with pytest.raises(error) as refused:
        _file(session, year, storage, content=content, filename=filename)

    assert type(refused.value) is error
    if message is not None:
        assert refused.value.message("da", plain=True) == message
    assert (videos_stored(session), stored_files(storage), audit_of(session)) == ([], [], [])


def test_a_video_over_the_settings_limit_is_refused_and_nothing_is_stored(session, year, storage):
    oversized = samples.webm_bytes() + b"\x00" * (2 * MEGABYTE)

    with pytest.raises(UploadTooLarge) as refused:
        _file(session, year, storage, content=oversized, filename="lang.webm")

    assert refused.value.message("da", plain=True) == "«lang.webm» er for stor (3 MB): en video må højst fylde 2 MB."
    assert (videos_stored(session), stored_files(storage)) == ([], [])


@pytest.mark.parametrize(("url", "message"), [
    ("ftp://film.example.dk/løvel.mp4",
     "«ftp://film.example.dk/løvel.mp4» kan ikke bruges: et videolink skal begynde med https:// (eller http://)."),
    ("javascript:alert(document.cookie)",
     "«javascript:alert(document.cookie)» kan ikke bruges: links, der kører et script eller indeholder data "
     "(javascript:, data:), afvises."),
    ("http://localhost:8501/files/x",
     "«http://localhost:8501/files/x» kan ikke bruges: adressen peger på en lokal eller intern maskine (fx "
     "localhost, 127.0.0.1, 10.x, 192.168.x eller ::1), som besøgende ikke kan nå."),
    ("https://192.168.1.20/film.mp4", None),
    ("http://127.0.0.1/film", None),
    ("http://10.1.2.3/film", None),
    ("http://[::1]/film", None),
    ("http://169.254.169.254/latest", None),
    ("http://2130706433/film", None),
    ("https://nas.local/film.mp4", None),
    ("www.youtube.com/watch?v=dQw4w9WgXcQ",
     "«www.youtube.com/watch?v=dQw4w9WgXcQ» kan ikke bruges: et videolink skal begynde med https:// (eller http://)."),
    ("", "Skriv et link til videoen."),
], ids=["ftp", "javascript", "localhost", "192.168", "127", "10", "ipv6-loopback", "link-local", "decimal-127",
        "dot-local", "no-scheme", "empty"])
def test_a_link_that_is_not_http_or_points_to_a_local_address_is_refused_and_nothing_is_stored(session, year, url,
                                                                                                message):
    with pytest.raises(InvalidVideoLink) as refused:
        _link(session, year, url=url)

    if message is not None:
        assert refused.value.message("da", plain=True) == message
    else:
        assert refused.value.key == "videos.error.link_local"
    assert (videos_stored(session), audit_of(session)) == ([], [])


def test_a_video_for_a_candidate_that_is_no_finalist_is_refused_and_nothing_is_stored(session, year, storage):
    with pytest.raises(VideoRefused) as refused:
        add_video_file(session, actor=year.secretary, storage=storage, nomination_id=year.other.id,
                       filename="skjød.webm", stream=io.BytesIO(samples.webm_bytes()), title="Skjød", limits=LIMITS)

    assert refused.value.message("da", plain=True) == (
        "Kandidaten er ikke finalist i året. Videoer kan kun knyttes til årets finalister.")
    assert (videos_stored(session), stored_files(storage)) == ([], [])


def test_a_video_without_a_title_is_refused(session, year):
    with pytest.raises(InvalidInput) as refused:
        _link(session, year, title="  ")

    assert (refused.value.message("da", plain=True), videos_stored(session)) == ("Feltet «Titel» skal udfyldes.", [])


def test_no_video_is_attached_before_the_final_round(session, storage):
    screening = Year(session, phase=Phase.SHORTLIST)

    with pytest.raises(OutOfPhase):
        _link(session, screening)

    assert videos_stored(session) == []


def test_a_juror_may_not_attach_a_video(session, year):
    juror = actor_of(make_user(session, role=Role.JUROR, username="jury1"))

    with pytest.raises(NotAllowed):
        add_video_link(session, actor=juror, nomination_id=year.finalist.id, url=YOUTUBE, title="Løvel")

    assert videos_stored(session) == []


# --- Changing, publishing, removing ---------------------------------------------------------

def test_editing_a_video_changes_its_texts_and_is_audited_with_old_and_new(session, year):
    added = _link(session, year)

    edited = edit_video(session, actor=year.secretary, video_id=added.id, title="Løvel i 3 minutter",
                        description="Forsamlingshuset og skoven.")

    assert (edited.title, edited.description) == ("Løvel i 3 minutter", "Forsamlingshuset og skoven.")
    assert audit_of(session)[-1] == ("video.changed", "video", added.id,
                                     {"title": "Løvel på YouTube", "description": ""},
                                     {"title": "Løvel i 3 minutter", "description": "Forsamlingshuset og skoven."})


def test_publishing_and_unpublishing_are_audited_each(session, year):
    added = _link(session, year)

    published = set_video_published(session, actor=year.secretary, video_id=added.id, published=True)
    withdrawn = set_video_published(session, actor=year.secretary, video_id=added.id, published=False)

    assert (published.published, published.published_at is not None, withdrawn.published) == (True, True, False)
    assert [entry[0] for entry in audit_of(session)] == ["video.added", "video.published", "video.unpublished"]


def test_removing_an_uploaded_video_deletes_its_file_once_committed(session, year, storage):
    added = _file(session, year, storage)
    session.commit()

    remove_video(session, actor=year.secretary, storage=storage, video_id=added.id)
    session.commit()

    assert (videos_stored(session), stored_files(storage)) == ([], [])
    assert audit_of(session)[-1][:3] == ("video.removed", "video", added.id)


def test_a_file_stored_for_a_video_whose_transaction_rolls_back_is_deleted(session, year, storage):
    _file(session, year, storage)

    session.rollback()

    assert stored_files(storage) == []


def test_changing_a_removed_video_says_it_is_gone(session, year, storage):
    added = _link(session, year)
    remove_video(session, actor=year.secretary, storage=storage, video_id=added.id)

    with pytest.raises(VideoRefused) as refused:
        set_video_published(session, actor=year.secretary, video_id=added.id, published=True)

    assert refused.value.message("da", plain=True) == "Videoen findes ikke længere. Den kan være fjernet af en anden."


# --- Watching -------------------------------------------------------------------------------

def test_a_juror_watches_an_uploaded_video_through_a_signed_link_to_the_file(session, year, storage):
    added = _file(session, year, storage)
    juror = actor_of(make_user(session, role=Role.JUROR, username="jury1"))

    [video] = watchable_videos(session, actor=juror, nomination_id=year.finalist.id, settings=SETTINGS)

    token = video.file_url.removeprefix(file_links.ROUTE_PREFIX)
    grant = file_links.verify(token, cookie_key=COOKIE_KEY, now=video.uploaded_at)
    assert (video.id, grant.storage_key, grant.media_type, grant.download_name) == (
        added.id, session.get(Video, added.id).storage_key, "video/webm", "præsentation.webm")


@pytest.mark.parametrize("who", ["secretariat", "juror", "nominator", "village"])
def test_the_secretariat_jurors_and_the_finalists_own_people_may_watch_its_videos(session, year, who):
    user = {"secretariat": lambda: make_user(session, role=Role.SECRETARIAT, username="sekretariat2"),
            "juror": lambda: make_user(session, role=Role.JUROR, username="jury1"),
            "nominator": lambda: make_user(session, role=Role.NOMINATOR, body=year.body, username="lag"),
            "village": lambda: make_user(session, role=Role.VILLAGE, nomination=year.finalist, username="ildsjael"),
            }[who]()

    assert may_watch_videos(session, actor=actor_of(user), nomination_id=year.finalist.id) is True


def test_another_bodys_nominator_may_not_watch_a_finalists_videos(session, year):
    stranger = make_user(session, role=Role.NOMINATOR, body=make_body(session, name="LAG Djursland",
                                                                      municipalities=("Norddjurs",)))

    with pytest.raises(NotAllowed):
        watchable_videos(session, actor=actor_of(stranger), nomination_id=year.finalist.id, settings=SETTINGS)

    assert may_watch_videos(session, actor=actor_of(stranger), nomination_id=year.finalist.id) is False


def test_a_juror_with_a_conflict_of_interest_may_not_watch_the_finalists_videos(session, year):
    juror = make_user(session, role=Role.JUROR, username="jury1")
    make_conflict(session, juror=juror, nomination=year.finalist)

    with pytest.raises(ConflictOfInterest):
        watchable_videos(session, actor=actor_of(juror), nomination_id=year.finalist.id, settings=SETTINGS)


def test_a_candidate_that_is_no_finalist_has_no_videos_to_watch(session, year):
    nominator = actor_of(make_user(session, role=Role.NOMINATOR, body=year.body, username="lag"))

    assert may_watch_videos(session, actor=nominator, nomination_id=year.other.id) is False


# --- The public page ------------------------------------------------------------------------

def test_the_public_page_shows_only_published_videos(session, year, storage):
    _file(session, year, storage, title="Upubliceret film")
    shown = _link(session, year, title="Løvel på YouTube", published=True)
    year.finalist.summary = "Landsbyen med det fælles forsamlingshus."
    session.flush()

    public = public_finalists(session, year=2020, settings=SETTINGS)

    [finalist] = public.finalists
    assert (finalist.name, finalist.municipality, finalist.summary, [video.id for video in finalist.videos]) == (
        "Løvel", "Randers", "Landsbyen med det fælles forsamlingshus.", [shown.id])


def test_a_year_without_a_published_shortlist_has_no_public_page(session):
    Year(session, phase=Phase.SCREENING)

    assert (public_finalists(session, year=2020, settings=SETTINGS),
            public_finalists(session, year=1999, settings=SETTINGS)) == (None, None)
