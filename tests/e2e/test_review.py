"""The secretariat checks a nomination in a real browser: finds it in the list,
opens it, marks it eligible with a reason; a link that is no web address is no link."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from sqlalchemy import select
from sqlalchemy.orm import Session

from prize.db import make_engine, session_scope
from prize.models import AuditEntry, Nomination, PrizeYear
from prize.phases import NominationStatus, Phase
from tests.e2e.conftest import AppServer
from tests.e2e.test_browser import choose, log_in_at, wait_until_settled

pytestmark = pytest.mark.browser

CANDIDATE = "Bakkekær"
REASON = "I regionen, komplet og inden for LAG'ens antal indstillinger."


@pytest.fixture
def intake_closed(server: AppServer) -> AppServer:
    """The server's demo year back at "nominations closed", Bakkekær submitted and
    not yet checked, with a script address as its web site."""
    engine = make_engine(server.env["PRIZE_DATABASE_URL"])
    with session_scope(engine) as session:
        session.scalars(select(PrizeYear)).one().phase = Phase.NOMINATIONS_CLOSED
        nomination = session.scalars(select(Nomination).where(Nomination.name == CANDIDATE)).one()
        nomination.status, nomination.eligibility_reason = NominationStatus.SUBMITTED, ""
        nomination.website_url = "javascript:alert(document.cookie)"
    engine.dispose()
    return server


def _stored(server: AppServer) -> tuple[NominationStatus, str, list[str]]:
    engine = make_engine(server.env["PRIZE_DATABASE_URL"])
    with Session(engine) as session:
        nomination = session.scalars(select(Nomination).where(Nomination.name == CANDIDATE)).one()
        audited = session.scalars(select(AuditEntry.action).where(AuditEntry.entity == "nomination",
                                                                  AuditEntry.entity_id == nomination.id)).all()
        stored = (nomination.status, nomination.eligibility_reason, list(audited))
    engine.dispose()
    return stored


def test_the_secretariat_finds_a_nomination_and_marks_it_eligible(intake_closed, new_context):
    page = log_in_at(new_context(), intake_closed, "/nominations", "sekretariat", "Indstillinger")
    expect(page.get_by_text("13 af 13 indstillinger vises.", exact=True)).to_be_visible()

    choose(page, "Vælg en indstilling", CANDIDATE)
    expect(page.get_by_role("heading", name=CANDIDATE, exact=True)).to_be_visible()
    wait_until_settled(page)
    web_site = page.get_by_text("(ikke et http- eller https-link; vises kun som tekst)")
    expect(web_site).to_be_visible()
    # The invisible word joiner after ":" keeps the address from turning into an autolink.
    assert (web_site.inner_text().replace("\u2060", ""), page.locator('a[href^="javascript"]').count()) == (
        "Hjemmeside: javascript:alert(document.cookie) (ikke et http- eller https-link; vises kun som tekst)", 0)

    page.get_by_role("radiogroup").get_by_text("Godkendt", exact=True).click()
    page.get_by_label("Begrundelse (skal udfyldes)").first.fill(REASON)
    page.get_by_role("button", name="Gem vurdering").click()

    expect(page.get_by_text(f"{CANDIDATE} er markeret som «Godkendt».", exact=True)).to_be_visible()
    assert _stored(intake_closed) == (NominationStatus.ELIGIBLE, REASON, ["nomination.eligibility_marked"])
