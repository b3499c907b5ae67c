"""Presentation videos in real browsers: the secretariat attaches an uploaded video and a link
to a finalist, a juror plays the uploaded video on the final-round page (the browser reads
its metadata through the signed file route, with a range answered 206), and a visitor
without login sees only the published one on the public finalists page.

The video is a real WebM that Chromium itself records from a canvas (MediaRecorder), so
the browser can decode it. Every wait is for the app's or the player's state, never a time."""

from __future__ import annotations

import base64

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from prize.actor import Actor
from prize.db import make_engine, session_scope
from prize.models import Finalist, Nomination, User
from prize.phases import Phase
from prize.services.shortlist import confirm_shortlist, propose_shortlist
from prize.services.years import missing_sheets, move_phase, require_current_year
from tests.e2e.conftest import AppServer
from tests.e2e.test_browser import (choose, everything_on, expect_title, log_in_at, open_page,
                                    wait_until_settled)

pytestmark = pytest.mark.browser

UPLOADED = "Løvel fortæller (råklip)"
LINKED = "Finalistfilm på Vimeo"
VIMEO = "https://vimeo.com/76979871"

# Records a second of a coloured canvas as WebM (VP8) and returns it base64-encoded.
RECORD_WEBM = """async () => {
  const canvas = Object.assign(document.createElement('canvas'), {width: 64, height: 48});
  const context = canvas.getContext('2d');
  const recorder = new MediaRecorder(canvas.captureStream(10), {mimeType: 'video/webm;codecs=vp8'});
  const chunks = [];
  recorder.ondataavailable = (event) => chunks.push(event.data);
  const stopped = new Promise((resolve) => { recorder.onstop = resolve; });
  recorder.start();
  for (let frame = 0; frame < 10; frame++) {
    context.fillStyle = `rgb(${frame * 25}, 111, 80)`;
    context.fillRect(0, 0, 64, 48);
    await new Promise((resolve) => setTimeout(resolve, 60));
  }
  recorder.stop();
  await stopped;
  const bytes = new Uint8Array(await new Blob(chunks).arrayBuffer());
  let text = '';
  bytes.forEach((byte) => { text += String.fromCharCode(byte); });
  return btoa(text);
}"""


@pytest.fixture
def in_final_round(server: AppServer) -> tuple[AppServer, tuple[int, str]]:
    """The server's demo year with its shortlist confirmed as proposed, through the services."""
    engine = make_engine(server.env["PRIZE_DATABASE_URL"])
    with session_scope(engine) as session:
        secretariat = Actor.of(session.scalars(select(User).where(User.username == "sekretariat")).one())
        year = require_current_year(session)
        if year.phase == Phase.SCREENING:
            missing, _ = missing_sheets(session, year_id=year.id, phase=year.phase)
            move_phase(session, actor=secretariat, year_id=year.id, expected=Phase.SCREENING,
                       target=Phase.SHORTLIST, confirm_missing=missing)
            year = require_current_year(session)
        if year.phase == Phase.SHORTLIST:
            proposal = propose_shortlist(session, actor=secretariat, year=year)
            confirm_shortlist(session, actor=secretariat, year=year, finalists=list(proposal.clear))
        first = session.execute(select(Nomination.id, Nomination.name).join(
            Finalist, Finalist.nomination_id == Nomination.id).order_by(Finalist.position)).first()
    engine.dispose()
    return server, first


def _recorded_webm(page: Page) -> bytes:
    return base64.b64decode(page.evaluate(RECORD_WEBM))


def _add(page: Page, form: str, *, title: str, outcome: str) -> None:
    page.locator(f".st-key-{form}_title input").fill(title)
    page.locator(f".st-key-{form}_submit button").click()
    expect(page.get_by_text(outcome, exact=True)).to_be_visible()
    wait_until_settled(page)


def test_the_secretariat_attaches_videos_a_juror_plays_one_and_a_visitor_sees_only_the_published(
        in_final_round, new_context):
    server, (finalist_id, finalist) = in_final_round
    form = f"videos_{finalist_id}_add"
    secretariat = log_in_at(new_context(), server, "/videos", "sekretariat", "Videoer")
    webm = _recorded_webm(secretariat)

    secretariat.get_by_text(f"Tilføj en video til {finalist}", exact=True).click()
    secretariat.locator(f".st-key-{form}_file input[type=file]").set_input_files(
        files=[{"name": "løvel.webm", "mimeType": "video/webm", "buffer": webm}])
    expect(secretariat.locator(f".st-key-{form}_file").get_by_text("løvel.webm")).to_be_visible()
    _add(secretariat, form, title=UPLOADED, outcome=f"Videoen «{UPLOADED}» er tilføjet til {finalist}.")

    secretariat.get_by_text(f"Tilføj en video til {finalist}", exact=True).click()
    secretariat.locator(f".st-key-{form}_kind").get_by_text("Link til YouTube, Vimeo eller en https-adresse").click()
    wait_until_settled(secretariat)
    secretariat.locator(f".st-key-{form}_url input").fill(VIMEO)
    secretariat.locator(f".st-key-{form}_published").get_by_text("Offentliggør på finalistsiden").click()
    _add(secretariat, form, title=LINKED, outcome=f"Videoen «{LINKED}» er tilføjet til {finalist}.")

    juror = log_in_at(new_context(), server, "/scoring", "jury1", "Bedømmelse")
    with juror.expect_response(lambda answer: "/files/" in answer.url and answer.status == 206) as ranged:
        choose(juror, "Åbn en kandidat", finalist)
        player = juror.locator("video").first
        expect(player).to_have_attribute("preload", "metadata")
    juror.wait_for_function("video => video.readyState >= 1", arg=player.element_handle())
    assert ranged.value.headers["content-type"] == "video/webm"

    visitor = open_page(new_context(), server, "/finalister?year=2020")
    expect_title(visitor, "Landsbyprisens finalister")
    expect(visitor.get_by_text(LINKED, exact=True)).to_be_visible()
    wait_until_settled(visitor)
    content = everything_on(visitor)
    assert (UPLOADED in content, "løvel.webm" in content, "<video" in content) == (False, False, False)
