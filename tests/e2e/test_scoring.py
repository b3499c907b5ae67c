"""Jury scoring in real browsers: two jurors each score two candidates in their own
browser, one declares a conflict, the secretariat follows them on "Juryens arbejde"
and closes the round, and a juror's later save from a page still open is refused.

A juror also opens a candidate by its name in the list, and a reload keeps it open.

Every wait is for the app's state (a checked score, a message, a count), never for a time."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from prize.db import make_engine, session_scope
from prize.models import Conflict, Criterion, Nomination, Score, ScoreSheet, ScoringRound, User
from tests.e2e.conftest import AppServer
from tests.e2e.test_browser import log_in_at, wait_until_settled

pytestmark = pytest.mark.browser

JURORS = {"jury1": "Henrik Aagaard Lund", "jury2": "Birgitte Thorsen"}
SCORED = ["Bakkekær", "Kvolsbæk"]
CONFLICTED = "Gyvelund"
# jury2 has this one open, with one score given, when the round is closed.
LEFT_OPEN = "Rugbjerg"
CONFLICT_NOTE = "Min søster er formand for borgerforeningen i Gyvelund."
VALUES = {"jury1": [4, 3, 5, 5, 4, 2, 3], "jury2": [5, 4, 4, 3, 5, 5, 4]}
CRITERIA = '[class*="st-key-sheet_"][class*="_criterion_"]'
SUBMITTED = re.compile(r"^Indsendt .+\. Du kan genåbne arket, indtil runden lukkes\.$")


@pytest.fixture
def fresh_start(server: AppServer) -> AppServer:
    """The server's demo year with the two jurors' sheets and conflicts removed, so
    each starts the screening round from nothing (jury3 keeps the demo's sheets)."""
    engine = make_engine(server.env["PRIZE_DATABASE_URL"])
    with session_scope(engine) as session:
        jurors = select(User.id).where(User.username.in_(JURORS))
        session.execute(delete(Score).where(Score.sheet_id.in_(
            select(ScoreSheet.id).where(ScoreSheet.juror_id.in_(jurors)))))
        session.execute(delete(ScoreSheet).where(ScoreSheet.juror_id.in_(jurors)))
        session.execute(delete(Conflict).where(Conflict.juror_id.in_(jurors)))
    engine.dispose()
    return server


def _stored(server: AppServer) -> tuple[dict, list, bool]:
    """The two jurors' sheets ({(juror, candidate): (submitted, values)}), their active
    conflicts and whether the round is closed."""
    engine = make_engine(server.env["PRIZE_DATABASE_URL"])
    with Session(engine) as session:
        sheets = session.execute(
            select(User.username, Nomination.name, ScoreSheet.id, ScoreSheet.submitted_at)
            .join(User, User.id == ScoreSheet.juror_id).join(Nomination, Nomination.id == ScoreSheet.nomination_id)
            .where(User.username.in_(JURORS))).all()
        values = {sheet_id: list(session.scalars(
            select(Score.value).join(Criterion, Criterion.id == Score.criterion_id)
            .where(Score.sheet_id == sheet_id).order_by(Criterion.position)))
            for _, _, sheet_id, _ in sheets}
        conflicts = session.execute(
            select(User.username, Nomination.name, Conflict.reason, Conflict.note)
            .join(User, User.id == Conflict.juror_id).join(Nomination, Nomination.id == Conflict.nomination_id)
            .where(User.username.in_(JURORS), Conflict.withdrawn_at.is_(None))).all()
        closed = session.scalars(select(ScoringRound.closed_at)).one() is not None
    engine.dispose()
    return ({(juror, name): (submitted is not None, values[sheet_id]) for juror, name, sheet_id, submitted in sheets},
            [tuple(row) for row in conflicts], closed)


def _open_candidate(page: Page, name: str) -> None:
    page.bring_to_front()
    choice = page.get_by_role("combobox", name="Åbn en kandidat")
    choice.click()
    choice.press_sequentially(name)
    expect(page.get_by_role("option", name=name, exact=True)).to_be_visible()
    choice.press("Enter")
    expect(page.get_by_role("heading", name=name, exact=True)).to_be_visible()
    wait_until_settled(page)


def _give(page: Page, position: int, value: int) -> None:
    """Click ``value`` for the criterion at ``position`` (from 0) and wait for its save."""
    criterion = page.locator(CRITERIA).nth(position)
    criterion.get_by_role("radiogroup").get_by_text(str(value), exact=True).click()
    expect(criterion.get_by_role("radio", name=str(value), exact=True)).to_be_checked()
    wait_until_settled(page)


def _score_and_submit(page: Page, name: str, values: list[int]) -> None:
    _open_candidate(page, name)
    expect(page.locator(CRITERIA)).to_have_count(len(values))
    for position, value in enumerate(values):
        _give(page, position, value)
    expect(page.get_by_text(re.compile(r"^Mangler point: "))).to_have_count(0)
    page.get_by_role("button", name="Indsend", exact=True).click()
    expect(page.get_by_text(SUBMITTED)).to_be_visible()


def _declare_conflict(page: Page, name: str) -> None:
    _open_candidate(page, name)
    page.get_by_role("button", name="Erklær inhabilitet", exact=True).click()
    page.get_by_label("Type", exact=True).click()
    page.get_by_role("option", name="Personlig relation", exact=True).click()
    page.get_by_label("Begrundelse (skal udfyldes, undtagen ved egen kommune)", exact=True).fill(CONFLICT_NOTE)
    page.get_by_role("button", name="Erklær inhabilitet", exact=True).click()
    expect(page.get_by_text("Din inhabilitet er registreret. Kandidaten tæller som færdig i din status.",
                            exact=True)).to_be_visible()
    expect(page.get_by_text("Du har erklæret inhabilitet for denne kandidat. Du kan ikke se eller bedømme den.",
                            exact=True)).to_be_visible()


def _metric(page: Page, label: str):
    return page.locator('[data-testid="stMetric"]').filter(has_text=label).locator(
        '[data-testid="stMetricValue"]')


def _candidate_ids(server: AppServer) -> dict[str, int]:
    engine = make_engine(server.env["PRIZE_DATABASE_URL"])
    with Session(engine) as session:
        ids = dict(session.execute(select(Nomination.name, Nomination.id)).all())
    engine.dispose()
    return ids


def _expect_open(page: Page, name: str, nomination_id: int) -> None:
    """``name``'s sheet is open and the address names it."""
    expect(page.get_by_role("heading", name=name, exact=True)).to_be_visible()
    expect(page.locator(CRITERIA)).to_have_count(len(VALUES["jury1"]))
    expect(page).to_have_url(re.compile(rf"/\?kandidat={nomination_id}$"))
    wait_until_settled(page)


def test_a_candidates_name_opens_it_and_a_reload_keeps_it_open(server, new_context):
    ids = _candidate_ids(server)
    context = new_context()
    overview = log_in_at(context, server, "/scoring", "jury4", "Bedømmelse")

    # Streamlit opens every Markdown link but a "#" anchor in a new tab (the page says so).
    with context.expect_page() as opened:
        overview.locator(".st-key-worklist").get_by_role("link", name="Kvolsbæk", exact=True).click()
    page = opened.value

    _expect_open(page, "Kvolsbæk", ids["Kvolsbæk"])
    page.reload()
    _expect_open(page, "Kvolsbæk", ids["Kvolsbæk"])
    _open_candidate(page, LEFT_OPEN)
    _expect_open(page, LEFT_OPEN, ids[LEFT_OPEN])
    page.get_by_role("button", name="Næste kandidat", exact=True).click()
    _expect_open(page, "Sandkær Strand", ids["Sandkær Strand"])  # the next in name order
    page.reload()
    _expect_open(page, "Sandkær Strand", ids["Sandkær Strand"])


def test_two_jurors_score_one_declares_a_conflict_and_the_secretariat_closes_the_round(fresh_start, new_context):
    jurors = {username: log_in_at(new_context(), fresh_start, "/scoring", username, "Bedømmelse")
              for username in JURORS}
    for username, page in jurors.items():
        for name in SCORED:
            _score_and_submit(page, name, VALUES[username])
    _declare_conflict(jurors["jury1"], CONFLICTED)
    _open_candidate(jurors["jury2"], LEFT_OPEN)
    _give(jurors["jury2"], 0, 3)

    secretariat = log_in_at(new_context(), fresh_start, "/jury", "sekretariat", "Juryens arbejde")
    # 5 jurors x 13 candidates less jury1's conflict; jury3's 3 demo sheets and the 4 new ones.
    expect(_metric(secretariat, "Indsendte ark")).to_have_text("7 af 64")
    expect(_metric(secretariat, "Mangler")).to_have_text("57")
    # The page's table is drawn on a canvas; the same matrix as CSV names jury1's row cell by cell.
    matrix = fresh_start.cli("progress", "--year", "2020", "--round", "screening").splitlines()
    assert [row for row in matrix if row.startswith("Henrik Aagaard Lund;")] == [
        "Henrik Aagaard Lund;Indsendt;Ikke påbegyndt;Ikke påbegyndt;Inhabil;Ikke påbegyndt;Ikke påbegyndt;"
        "Indsendt;Ikke påbegyndt;Ikke påbegyndt;Ikke påbegyndt;Ikke påbegyndt;Ikke påbegyndt;Ikke påbegyndt;3;13"]
    secretariat.get_by_role("button", name="Luk runden", exact=True).click()
    expect(secretariat.get_by_text("Runden er lukket. Ingen ark kan ændres, før den genåbnes.",
                                   exact=True)).to_be_visible()

    jurors["jury2"].locator(CRITERIA).nth(1).get_by_role("radiogroup").get_by_text("4", exact=True).click()

    expect(jurors["jury2"].get_by_text("Bedømmelsesrunden er lukket.", exact=True)).to_be_visible()
    expect(jurors["jury2"].get_by_text("Runden er lukket; arket kan kun læses.", exact=True)).to_be_visible()
    assert _stored(fresh_start) == (
        {("jury1", "Bakkekær"): (True, VALUES["jury1"]), ("jury1", "Kvolsbæk"): (True, VALUES["jury1"]),
         ("jury2", "Bakkekær"): (True, VALUES["jury2"]), ("jury2", "Kvolsbæk"): (True, VALUES["jury2"]),
         ("jury2", LEFT_OPEN): (False, [3])},
        [("jury1", CONFLICTED, "personal", CONFLICT_NOTE)], True)
