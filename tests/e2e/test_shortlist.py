"""The shortlist in real browsers: the secretariat opens the screening round's results,
confirms the proposed five finalists, and a nominator whose candidate did not go on
sees «Ikke gået videre» on their own list, and no score.

Every wait is for the app's state (a heading, a message, a cell), never for a time."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from prize.actor import Actor
from prize.db import make_engine, session_scope
from prize.models import User
from prize.phases import Phase
from prize.services.years import missing_sheets, move_phase, require_current_year
from tests.e2e.conftest import AppServer
from tests.e2e.test_browser import everything_on, expect_title, log_in_at, wait_until_settled

pytestmark = pytest.mark.browser

# The demo's top five of the screening round by the weighted mean (tests/pages/conftest.py
# DemoFacts.screening_ranking computes them from data/demo/year.json).
FINALISTS = ["Lindådalens landsbyklynge", "Egehoved-klyngen", "Stenhøj Vestermark", "Klitbjerg-klyngen", "Kvolsbæk"]
NOT_ADVANCED = "Bådsted"  # Samsø Kommune's candidate


@pytest.fixture
def in_shortlist(server: AppServer) -> AppServer:
    """The server's demo year moved on to the shortlist by the secretariat through the
    services, which closes the screening round."""
    engine = make_engine(server.env["PRIZE_DATABASE_URL"])
    with session_scope(engine) as session:
        secretariat = Actor.of(session.scalars(select(User).where(User.username == "sekretariat")).one())
        year = require_current_year(session)
        missing, _ = missing_sheets(session, year_id=year.id, phase=year.phase)
        move_phase(session, actor=secretariat, year_id=year.id, expected=Phase.SCREENING, target=Phase.SHORTLIST,
                   confirm_missing=missing)
    engine.dispose()
    return server


def test_the_secretariat_confirms_the_shortlist_and_a_nominator_sees_not_advanced(in_shortlist, new_context):
    secretariat = log_in_at(new_context(), in_shortlist, "/results", "sekretariat", "Resultater")
    expect(secretariat.get_by_role("heading", name="Hvor robust er udvælgelsen?", exact=True)).to_be_visible()
    ranking = secretariat.get_by_role("table").first.locator("tbody tr th + td")
    expect(ranking).to_have_text([*FINALISTS, "Gyvelund", "Vesterkær Sogn", "Rugbjerg", "Bakkekær", "Hørbjerg",
                                  NOT_ADVANCED, "Sandkær Strand"])

    secretariat.goto(in_shortlist.url("/shortlist"))
    expect_title(secretariat, "Finalister")
    wait_until_settled(secretariat)
    secretariat.get_by_role("button", name="Bekræft forslaget", exact=True).click()
    expect(secretariat.get_by_text(
        f"5 finalister er bekræftet: {', '.join(FINALISTS)}. Året er flyttet til «Finalerunde», og finalerunden er "
        "åbnet for finalisterne.", exact=True)).to_be_visible()

    nominator = log_in_at(new_context(), in_shortlist, "/", "kommune.samsoe", "Mine indstillinger")
    # The list is a real HTML table (ui/components/table.py), status first.
    row = nominator.locator('[data-testid="stTable"] tr').filter(has_text=NOT_ADVANCED)
    expect(row.locator("td").filter(has_text=re.compile(r"^Ikke gået videre$"))).to_have_count(1)
    content = everything_on(nominator)
    assert [word for word in ("Score", "Gennemsnit", "4,00", "3,43") if word in content] == []
