"""Finalister: the secretariat sees the proposal, confirms it as is or changes it with a
justification, and then sees the confirmed shortlist; nominators then see who went on."""

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from prize.models import Finalist, Nomination, PrizeYear
from tests.pages.conftest import as_read_table

PAGE = "pages/shortlist.py"


def _open(open_app, username="sekretariat"):
    return open_app(username).switch_page(PAGE).run()


def _top(demo_facts, n=5) -> list[str]:
    return [name for name, _ in demo_facts.screening_ranking()[:n]]


def _stored(engine) -> tuple[str, list[int]]:
    with Session(engine) as session:
        return (session.scalars(select(PrizeYear.phase)).one().value,
                list(session.scalars(select(Finalist.nomination_id).order_by(Finalist.position))))


def test_the_proposal_is_the_top_five_of_the_screening_round(demo_in_shortlist, open_app, demo_facts):
    app = _open(open_app)

    assert len(app.exception) == 0
    assert list(as_read_table(app.table[0])["Kandidat"]) == _top(demo_facts)


@pytest.mark.both_databases
def test_confirming_the_proposal_says_what_happened_and_shows_the_finalists(demo_in_shortlist, open_app, screen,
                                                                            demo_facts):
    app = _open(open_app)

    screen.button(app, "Bekræft forslaget").click()
    app.run()

    assert len(app.exception) == 0
    assert screen.values(app.success) == [
        f"5 finalister er bekræftet: {', '.join(_top(demo_facts))}. Året er flyttet til «Finalerunde», og "
        "finalerunden er åbnet for finalisterne."]
    assert (list(as_read_table(app.table[0])["Kandidat"]), _stored(demo_in_shortlist)[0]) == (_top(demo_facts), "final_round")


def _change(app, screen, engine, *, drop: str, add: str, justification: str):
    picker = next(box for box in app.multiselect if box.label == "Finalister")
    with Session(engine) as session:
        ids = dict(session.execute(select(Nomination.name, Nomination.id)).tuples().all())
    picker.unselect(ids[drop]).select(ids[add])
    if justification:
        app.text_area[0].input(justification)
    screen.button(app, "Bekræft de valgte finalister").click()
    return app.run()


def test_a_change_without_a_justification_is_refused_in_danish(demo_in_shortlist, open_app, screen, demo_facts):
    app = _open(open_app)

    app = _change(app, screen, demo_in_shortlist, drop=_top(demo_facts)[4], add="Gyvelund", justification="")

    assert len(app.exception) == 0
    assert (screen.values(app.error), _stored(demo_in_shortlist)) == (
        ["Listen afviger fra forslaget. Skriv en begrundelse for ændringen."], ("shortlist", []))


@pytest.mark.both_databases
def test_a_change_with_a_justification_is_confirmed_and_its_reason_shown(demo_in_shortlist, open_app, screen,
                                                                         demo_facts):
    app = _open(open_app)
    reason = "Gyvelund har det mest gennemarbejdede klimaprojekt."

    app = _change(app, screen, demo_in_shortlist, drop=_top(demo_facts)[4], add="Gyvelund", justification=reason)

    assert len(app.exception) == 0
    assert list(as_read_table(app.table[0])["Kandidat"]) == [*_top(demo_facts, 4), "Gyvelund"]
    assert [value for value in screen.values(app.markdown) if "ndret" in value or value == reason] == [
        "Listen er ændret i forhold til forslaget.", reason]


def test_in_the_screening_phase_the_proposal_is_shown_but_not_confirmed(demo_site, open_app, screen, demo_facts):
    app = _open(open_app)

    assert len(app.exception) == 0
    assert (list(as_read_table(app.table[0])["Kandidat"]), screen.values(app.info),
            [button.label for button in app.main.button]) == (
        _top(demo_facts), ["Det kan ikke lade sig gøre, mens året er i fasen «Første bedømmelsesrunde»."],
        ["Gem metode og antal"])


def test_a_nominator_sees_not_advanced_on_a_non_finalist_once_confirmed(demo_in_shortlist, open_app, screen):
    app = _open(open_app)
    screen.button(app, "Bekræft forslaget").click()
    app.run()

    nominator = open_app("kommune.samsoe")

    table = as_read_table(nominator.table[0])
    assert len(nominator.exception) == 0
    assert dict(zip(table["Kandidat"], table["Status"], strict=True)) == {"Bådsted": "Ikke gået videre"}


@pytest.mark.parametrize("username", ["jury1", "lag.randers"])
def test_the_page_is_the_secretariats_only(demo_site, open_app, screen, username):
    app = screen.request_url_path(open_app(username), "shortlist")

    assert (len(app.exception), len(app.table)) == (0, 0)
