"""Rådets beslutning: the secretariat records the council's decision once the approved
recommendation has gone to the council; then the page shows the decision."""

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from prize.models import CouncilDecision, PrizeYear
from tests.pages.finals import confirm_shortlist, send_recommendation

PAGE = "pages/decision.py"


@pytest.fixture
def finalists(demo_in_shortlist):
    return confirm_shortlist(demo_in_shortlist)


def _open(open_app, username="sekretariat"):
    return open_app(username).switch_page(PAGE).run()


def _stored(engine) -> tuple:
    with Session(engine) as session:
        return (session.scalars(select(PrizeYear.phase)).one().value,
                [tuple(row) for row in session.execute(
                    select(CouncilDecision.winner_nomination_id, CouncilDecision.prize_amount))])


def test_before_the_recommendation_is_approved_the_page_says_so_and_offers_no_form(finalists, demo_in_shortlist,
                                                                                   open_app, screen):
    app = _open(open_app)

    assert len(app.exception) == 0
    assert (screen.values(app.info), [button.label for button in app.button if "Registrér" in button.label]) == (
        ["Juryens indstilling er ikke godkendt. Rådets beslutning kan først registreres, når indstillingen er "
         "godkendt og sendt til Regionsrådet."], [])


@pytest.mark.both_databases
def test_the_secretariat_records_the_recommended_winner_and_the_year_is_decided(finalists, demo_in_shortlist,
                                                                                open_app, screen):
    winner, name = finalists[0]
    send_recommendation(demo_in_shortlist, nomination_id=winner)
    app = _open(open_app)

    screen.button(app, "Registrér beslutningen").click()
    app.run()

    assert len(app.exception) == 0
    assert (screen.values(app.success), _stored(demo_in_shortlist)) == (
        [f"Regionsrådets beslutning er registreret: {name} vinder Landsbyprisen. Året er flyttet til «Afgjort»."],
        ("decided", [(winner, 150_000)]))
    assert screen.values(app.markdown)[:2] == [f"**{name}** vinder Landsbyprisen 2020.",
                                               "Regionsrådet besluttede det 25. marts 2020. Præmien er 150.000 kr."]


def test_another_winner_than_the_recommended_one_without_a_note_is_refused(finalists, demo_in_shortlist, open_app,
                                                                          screen):
    send_recommendation(demo_in_shortlist, nomination_id=finalists[0][0])
    app = _open(open_app)

    next(box for box in app.selectbox if box.label == "Vinder").select(finalists[1][0])
    screen.button(app, "Registrér beslutningen").click()
    app.run()

    assert len(app.exception) == 0
    assert (screen.values(app.error), _stored(demo_in_shortlist)) == (
        [f"Rådet har valgt {finalists[1][1]}, men juryen indstillede {finalists[0][1]}. Skriv en note om rådets "
         "valg."], ("recommendation", []))
