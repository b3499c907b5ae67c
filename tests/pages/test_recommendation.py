"""Indstilling: the secretariat writes the jury's recommendation, approves it, and after
that changes it only with a reason."""

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from prize.models import Recommendation
from tests.pages.finals import confirm_shortlist

PAGE = "pages/recommendation.py"
RATIONALE = "Landsbyen arbejder med alle syv kriterier og især med klima og biodiversitet."


@pytest.fixture
def finalists(demo_in_shortlist):
    return confirm_shortlist(demo_in_shortlist)


def _open(open_app, username="sekretariat"):
    return open_app(username).switch_page(PAGE).run()


def _stored(engine) -> list[tuple]:
    with Session(engine) as session:
        return [tuple(row) for row in session.execute(
            select(Recommendation.nomination_id, Recommendation.rationale, Recommendation.approved_at.is_not(None)))]


def _draft(app, screen, *, winner: int, rationale: str):
    next(box for box in app.selectbox if box.label == "Indstillet vinder").select(winner).run()
    app.text_area[0].input(rationale)
    screen.button(app, "Gem indstillingen").click()
    return app.run()


@pytest.mark.both_databases
def test_the_secretariat_drafts_the_recommendation_and_sees_it_as_a_draft(finalists, demo_in_shortlist, open_app,
                                                                         screen):
    app = _open(open_app)
    winner, name = finalists[1]

    app = _draft(app, screen, winner=winner, rationale=RATIONALE)

    assert len(app.exception) == 0
    assert (screen.values(app.success), _stored(demo_in_shortlist)) == (
        [f"Indstillingen af {name} er gemt."], [(winner, RATIONALE, False)])
    assert f"Juryen indstiller **{name}** som vinder af Landsbyprisen." in screen.values(app.markdown)


def test_a_recommendation_without_a_rationale_is_refused_in_danish(finalists, demo_in_shortlist, open_app, screen):
    app = _open(open_app)

    app = _draft(app, screen, winner=finalists[0][0], rationale="  ")

    assert len(app.exception) == 0
    assert (screen.values(app.error), _stored(demo_in_shortlist)) == (["Feltet «Begrundelse» skal udfyldes."], [])


@pytest.mark.both_databases
def test_approving_locks_the_recommendation_and_the_form_then_asks_for_a_reason(finalists, demo_in_shortlist,
                                                                                open_app, screen):
    app = _draft(_open(open_app), screen, winner=finalists[0][0], rationale=RATIONALE)

    screen.button(app, "Godkend indstillingen").click()
    app.run()

    assert len(app.exception) == 0
    assert ([header.value for header in app.header], [area.label for area in app.text_area],
            _stored(demo_in_shortlist)) == (
        ["Indstillingen til Regionsrådet som fil", "Begrundelse", "Ret den godkendte indstilling"],
        ["Begrundelse", "Begrundelse for ændringen"],
        [(finalists[0][0], RATIONALE, True)])
    assert [button.label for button in app.button if button.label == "Godkend indstillingen"] == []


def test_before_the_shortlist_there_is_nothing_to_recommend(demo_in_shortlist, open_app, screen):
    app = _open(open_app)

    assert len(app.exception) == 0
    assert screen.values(app.info) == ["Der er ingen finalister endnu. Indstillingen skrives i finalerunden."]
