"""Videoer: the secretariat attaches, publishes and removes the finalists' videos; the public
finalists page (``/finalister?year=2020``) shows, without login, the published finalists
with their published videos and nothing else: no unpublished video, no score, no contact."""

import io

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from prize.actor import Actor
from prize.db import session_scope
from prize.models import Finalist, Municipality, Nomination, Score, User, Video, VideoKind
from prize.services.material import MaterialLimits
from prize.services.shortlist import confirm_shortlist, propose_shortlist
from prize.services.videos import add_video_file, add_video_link
from prize.services.years import require_current_year
from prize.storage import LocalStorage
from tests import material_samples as samples

PAGE = "pages/videos.py"
YOUTUBE = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
PUBLISHED = "Præsentation til finalistsiden"
UNPUBLISHED = "Råklip kun til juryen"


@pytest.fixture
def demo_in_final_round(demo_in_shortlist):
    """The demo year with its shortlist confirmed as proposed: five finalists, the final round open."""
    with session_scope(demo_in_shortlist) as session:
        secretariat = _secretariat(session)
        year = require_current_year(session)
        proposal = propose_shortlist(session, actor=secretariat, year=year)
        confirm_shortlist(session, actor=secretariat, year=year, finalists=list(proposal.clear))
    return demo_in_shortlist


def _secretariat(session: Session) -> Actor:
    return Actor.of(session.scalars(select(User).where(User.username == "sekretariat")).one())


def _finalists(engine) -> list[tuple[int, str]]:
    with Session(engine) as session:
        return list(session.execute(select(Nomination.id, Nomination.name).join(
            Finalist, Finalist.nomination_id == Nomination.id).order_by(Finalist.position)).tuples())


def _videos(engine) -> list[tuple[int, str, bool]]:
    with Session(engine) as session:
        return [(row.nomination_id, row.title, row.published)
                for row in session.scalars(select(Video).order_by(Video.id))]


def _open(open_app, username="sekretariat"):
    return open_app(username).switch_page(PAGE).run()


def _add_link(app, *, finalist_id: int, title: str, url: str):
    form = f"videos_{finalist_id}_add"
    app.radio(key=f"{form}_kind").set_value(VideoKind.LINK).run()
    app.text_input(key=f"{form}_title").input(title)
    app.text_input(key=f"{form}_url").input(url)
    app.button(key=f"{form}_submit").click()
    return app.run()


def test_the_secretariat_sees_every_finalist_with_a_form_to_add_a_video(demo_in_final_round, open_app, screen):
    app = _open(open_app)

    assert len(app.exception) == 0
    assert screen.values(app.header) == [
        f"{position}. {name} ({municipality})" for position, (name, municipality) in
        enumerate(_names_and_municipalities(demo_in_final_round), 1)]


def _names_and_municipalities(engine) -> list[tuple[str, str]]:
    with Session(engine) as session:
        return list(session.execute(
            select(Nomination.name, Municipality.name).join(Finalist, Finalist.nomination_id == Nomination.id)
            .join(Municipality, Municipality.id == Nomination.municipality_id).order_by(Finalist.position)).tuples())


@pytest.mark.both_databases
def test_the_secretariat_adds_a_youtube_link_and_is_told_so(demo_in_final_round, open_app, screen):
    app = _open(open_app)
    first_id, first_name = _finalists(demo_in_final_round)[0]

    app = _add_link(app, finalist_id=first_id, title="Løvel på YouTube", url=YOUTUBE)

    assert len(app.exception) == 0
    assert screen.values(app.success) == [f"Videoen «Løvel på YouTube» er tilføjet til {first_name}."]
    assert _videos(demo_in_final_round) == [(first_id, "Løvel på YouTube", False)]
    assert [frame.proto.src for frame in app.get("iframe")] == ["https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"]


def test_a_javascript_link_is_refused_in_danish_and_nothing_is_stored(demo_in_final_round, open_app, screen):
    app = _open(open_app)
    first_id, _ = _finalists(demo_in_final_round)[0]

    app = _add_link(app, finalist_id=first_id, title="Farlig", url="javascript:alert(1)")

    assert len(app.exception) == 0
    assert screen.values(app.error) == [
        "«javascript:alert(1)» kan ikke bruges: links, der kører et script eller indeholder data (javascript:, "
        "data:), afvises."]
    assert _videos(demo_in_final_round) == []


def test_before_the_final_round_the_page_says_videos_come_later(demo_in_shortlist, open_app, screen):
    app = _open(open_app)

    assert len(app.exception) == 0
    assert screen.values(app.info) == [
        "Det kan ikke lade sig gøre, mens året er i fasen «Udvælgelse af finalister»."]


# --- The public page ------------------------------------------------------------------------

@pytest.fixture
def published_and_not(demo_in_final_round, storage_dir):
    """The first finalist with a published link and an unpublished uploaded file."""
    first_id = _finalists(demo_in_final_round)[0][0]
    with session_scope(demo_in_final_round) as session:
        secretariat = _secretariat(session)
        add_video_link(session, actor=secretariat, nomination_id=first_id, url=YOUTUBE, title=PUBLISHED,
                       published=True)
        add_video_file(session, actor=secretariat, storage=LocalStorage(storage_dir), nomination_id=first_id,
                       filename="råklip.webm", stream=io.BytesIO(samples.webm_bytes()), title=UNPUBLISHED,
                       limits=MaterialLimits(document_mb=25, media_mb=200, nomination_mb=500))
    return demo_in_final_round


def _public(open_app, screen, year="2020"):
    app = open_app()
    app.query_params["year"] = year
    return screen.request_url_path(app, "finalister")


def _private_facts(engine, demo_facts) -> list[str]:
    """What the public page must never show: the finalists' contacts, every user, and any score."""
    with Session(engine) as session:
        finalists = session.scalars(select(Nomination).join(Finalist, Finalist.nomination_id == Nomination.id)).all()
        contacts = [text for each in finalists for text in (each.contact_name, each.contact_email, each.contact_phone)]
        comments = [comment for comment in session.scalars(select(Score.comment)) if comment]
    return contacts + demo_facts.person_names() + demo_facts.usernames() + comments


def test_a_visitor_without_login_sees_the_published_finalists_and_only_the_published_video(
        published_and_not, open_app, screen, demo_facts):
    app = _public(open_app, screen)

    text = screen.text(app)
    assert len(app.exception) == 0
    assert screen.values(app.subheader) == [name for name, _ in _names_and_municipalities(published_and_not)]
    assert (PUBLISHED in text, UNPUBLISHED in text, "råklip" in text, "/files/" in text) == (True, False, False, False)
    assert screen.shown(app, _private_facts(published_and_not, demo_facts)) == []
    assert [button.proto.url for button in app.get("link_button")] == ["/pressekit/2020.zip"]


def test_the_public_page_shows_no_score(published_and_not, open_app, screen):
    app = _public(open_app, screen)

    shown = screen.text(app).lower()
    assert [word for word in ("score", "point", "placering", "bedømmelse", "gennemsnit") if word in shown] == []


def test_a_year_without_published_finalists_says_so(demo_site, open_app, screen):
    app = _public(open_app, screen)

    assert len(app.exception) == 0
    assert screen.values(app.info) == ["Der er endnu ingen offentliggjorte finalister."]


def test_a_logged_in_juror_opens_the_public_page_at_the_same_address(published_and_not, open_app, screen):
    app = open_app("jury1")

    app = screen.request_url_path(app, "finalister")

    assert len(app.exception) == 0
    assert (PUBLISHED in screen.text(app), UNPUBLISHED in screen.text(app)) == (True, False)


def test_a_juror_plays_a_finalists_uploaded_video_beside_the_final_round_sheet(published_and_not, open_app, screen):
    first_id, _ = _finalists(published_and_not)[0]
    app = open_app("jury1").switch_page("pages/scoring.py").run()

    app.selectbox(key="scoring_pick").select(first_id).run()

    html = [node.proto.body for node in app.get("html") if not node.proto.body.startswith("<style")]
    assert len(app.exception) == 0
    assert (len(html), html[0].startswith('<video controls preload="metadata" src="/files/')) == (1, True)
    assert (PUBLISHED in screen.text(app), UNPUBLISHED in screen.text(app)) == (True, True)
