"""The final in a real browser: the secretariat writes the jury's recommendation,
approves it, moves the year to the council, records the council's decision, and the
archive lists the winner.

Every wait is for the app's state (a heading, a message, a cell), never for a time."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from prize.actor import Actor
from prize.db import make_engine, session_scope
from prize.models import User
from prize.phases import Phase
from prize.services import rounds, shortlist
from prize.services.years import missing_sheets, move_phase, require_current_year
from tests.e2e.conftest import AppServer
from tests.e2e.test_browser import choose, expect_title, log_in_at, wait_until_settled

pytestmark = pytest.mark.browser

# The demo's top five of the screening round, confirmed as the finalists (tests/e2e/test_shortlist.py).
WINNER = "Egehoved-klyngen"
RATIONALE = "Egehoved-klyngen arbejder sammen på tværs af syv landsbyer og viser vejen for klima og fællesskab."


@pytest.fixture
def final_round_closed(server: AppServer) -> AppServer:
    """The server's demo year with the shortlist confirmed (the year in the final round)
    and the final round closed early by the secretariat, through the services."""
    engine = make_engine(server.env["PRIZE_DATABASE_URL"])
    with session_scope(engine) as session:
        secretariat = Actor.of(session.scalars(select(User).where(User.username == "sekretariat")).one())
        year = require_current_year(session)
        missing, _ = missing_sheets(session, year_id=year.id, phase=year.phase)
        year = move_phase(session, actor=secretariat, year_id=year.id, expected=Phase.SCREENING,
                          target=Phase.SHORTLIST, confirm_missing=missing)
        proposal = shortlist.propose_shortlist(session, actor=secretariat, year=year)
        shortlist.confirm_shortlist(session, actor=secretariat, year=year, finalists=list(proposal.clear))
        rounds.close_round(session, actor=secretariat, year_id=year.id)
    engine.dispose()
    return server


def _go(page: Page, server: AppServer, path: str, title: str) -> None:
    page.goto(server.url(path))
    expect_title(page, title)
    wait_until_settled(page)


def test_the_secretariat_recommends_approves_sends_records_the_decision_and_the_archive_lists_the_winner(
        final_round_closed, new_context):
    server = final_round_closed
    page = log_in_at(new_context(), server, "/recommendation", "sekretariat", "Indstilling")

    choose(page, "Indstillet vinder", WINNER)
    wait_until_settled(page)
    page.get_by_label("Begrundelse", exact=True).fill(RATIONALE)
    page.get_by_role("button", name="Gem indstillingen", exact=True).click()
    expect(page.get_by_text(f"Indstillingen af {WINNER} er gemt.", exact=True)).to_be_visible()
    wait_until_settled(page)
    page.get_by_role("button", name="Godkend indstillingen", exact=True).click()
    expect(page.get_by_text(re.compile(rf"^Indstillingen af {WINNER} er godkendt og låst\."))).to_be_visible()

    _go(page, server, "/overview", "Årets forløb")
    page.get_by_role("button", name="Gå videre til «Indstilling til Regionsrådet»", exact=True).click()
    page.get_by_text(re.compile(r"^Ja, året skal videre")).click()
    page.get_by_role("button", name="Ja, flyt året", exact=True).click()
    expect(page.get_by_text("Året er flyttet til fasen «Indstilling til Regionsrådet».", exact=True)).to_be_visible()

    _go(page, server, "/decision", "Rådets beslutning")
    page.get_by_role("button", name="Registrér beslutningen", exact=True).click()
    expect(page.get_by_text(f"Regionsrådets beslutning er registreret: {WINNER} vinder Landsbyprisen. Året er "
                            "flyttet til «Afgjort».", exact=True)).to_be_visible()

    _go(page, server, "/archive", "Arkiv")
    row = page.get_by_role("table").first.locator("tbody tr").filter(has_text="2020")
    expect(row.locator("td").first).to_have_text(WINNER)
    expect(row.locator("td").nth(4)).to_have_text("150.000 kr.")
