"""Indstillere: the secretariat's list of nominating bodies, adding one and editing one."""

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from prize.i18n import danish_sort_key
from prize.models import BodyKind, Municipality, NominatingBody, Nomination
from tests.pages.conftest import as_read_table


def _bodies_page(open_app):
    return open_app("sekretariat").switch_page("pages/bodies.py").run()


def _municipality_ids(engine, *names: str) -> list[int]:
    with Session(engine) as session:
        by_name = dict(session.execute(select(Municipality.name, Municipality.id)).tuples().all())
    return [by_name[name] for name in names]


def _bodies(engine) -> list[tuple]:
    with Session(engine) as session:
        return [(b.name, b.kind, b.active, b.nomination_limit, sorted(m.name for m in b.municipalities))
                for b in session.scalars(select(NominatingBody).order_by(NominatingBody.id))]


def _fill_new(app, *, name: str, kind: BodyKind = BodyKind.LAG, municipalities: list[int], limit: int = 1):
    app.text_input(key="new_body_0_name").input(name)
    app.selectbox(key="new_body_0_kind").set_value(kind)
    app.multiselect(key="new_body_0_municipalities").set_value(municipalities)
    app.number_input(key="new_body_0_limit").set_value(limit)
    next(button for button in app.button if button.label == "Tilføj indstiller").click()
    app.run()


def test_the_table_lists_every_body_in_danish_order_with_this_years_nominations(demo_site, open_app, demo_facts):
    app = _bodies_page(open_app)

    table = as_read_table(app.table[0])
    names = sorted((body["name"] for body in demo_facts.data["nominating_bodies"]), key=danish_sort_key)
    counts = {body["name"]: len(demo_facts.nomination_names(body=body["key"]))
              for body in demo_facts.data["nominating_bodies"]}
    assert len(app.exception) == 0
    assert (list(table.columns), list(table["Navn"]), list(table["Indstillinger i år"])) == (
        ["Navn", "Type", "Kommuner", "Indstillinger i år", "Højst pr. år", "Aktiv"], names,
        [counts[name] for name in names])
    assert table.iloc[0].tolist() == ["LAG Djursland", "LAG", "Norddjurs, Syddjurs", counts["LAG Djursland"], 1, "Ja"]


def test_the_demo_bodies_cover_every_municipality_once(demo_site, open_app, screen):
    app = _bodies_page(open_app)

    assert len(app.exception) == 0
    shared = [caption for caption in screen.values(app.caption) if "dækkes af flere aktive" in caption]
    assert (screen.values(app.warning), shared) == ([], [])


@pytest.mark.both_databases
def test_the_secretariat_adds_a_body_and_sees_it(demo_site, open_app, screen):
    app = _bodies_page(open_app)

    _fill_new(app, name="LAG Kronjylland", municipalities=_municipality_ids(demo_site, "Randers", "Viborg"), limit=2)

    assert len(app.exception) == 0
    table = as_read_table(app.table[0]).set_index("Navn")
    assert (screen.values(app.success), table.loc["LAG Kronjylland"].tolist(), _bodies(demo_site)[-1]) == (
        ["Indstilleren «LAG Kronjylland» er tilføjet."], ["LAG", "Randers, Viborg", 0, 2, "Ja"],
        ("LAG Kronjylland", BodyKind.LAG, True, 2, ["Randers", "Viborg"]))


def test_after_adding_the_form_starts_empty(demo_site, open_app):
    app = _bodies_page(open_app)

    _fill_new(app, name="LAG Kronjylland", municipalities=_municipality_ids(demo_site, "Randers"))

    assert [widget.value for widget in app.text_input if widget.key.startswith("new_body_")] == [""]


def test_a_municipality_covered_twice_is_shown(demo_site, open_app, screen):
    app = _bodies_page(open_app)

    _fill_new(app, name="Randers Kommune", kind=BodyKind.MUNICIPALITY,
              municipalities=_municipality_ids(demo_site, "Randers"))

    assert len(app.exception) == 0
    assert [c for c in screen.values(app.caption) if "dækkes af flere aktive" in c] == [
        "Randers dækkes af flere aktive indstillere: LAG Randers-Favrskov, Randers Kommune."]


@pytest.mark.parametrize(("name", "municipalities", "message"), [
    pytest.param("LAG Djursland", ["Norddjurs"], "Der findes allerede en indstiller med navnet «LAG Djursland».",
                 id="duplicate-name"),
    pytest.param("LAG Kronjylland", [], "Vælg mindst én kommune, som indstilleren dækker.", id="no-municipality"),
    pytest.param("", ["Randers"], "Feltet «Navn» skal udfyldes.", id="empty-name"),
    pytest.param("LAG\x07Kronjylland", ["Randers"], "Feltet «Navn» indeholder et kontroltegn eller et usynligt "
                 "styretegn for tekstretning. Fjern det og prøv igen.", id="control-character"),
])
def test_a_bad_body_is_refused_in_danish_and_nothing_is_stored(demo_site, open_app, screen, name, municipalities,
                                                                message):
    app = _bodies_page(open_app)
    before = _bodies(demo_site)

    _fill_new(app, name=name, municipalities=_municipality_ids(demo_site, *municipalities))

    assert len(app.exception) == 0
    assert (screen.values(app.error), _bodies(demo_site)) == ([message], before)


@pytest.mark.both_databases
def test_a_deactivated_body_keeps_its_nominations(demo_site, open_app, screen):
    app = _bodies_page(open_app)
    with Session(demo_site) as session:
        body_id = session.scalar(select(NominatingBody.id).where(NominatingBody.name == "LAG Randers-Favrskov"))
        nominations = session.scalar(select(func.count()).where(Nomination.nominating_body_id == body_id))
    app.selectbox(key="bodies_choose").set_value(body_id)
    app.run()

    app.checkbox(key=f"edit_body_{body_id}_active").uncheck()
    next(button for button in app.button if button.label == "Gem ændringer").click()
    app.run()

    assert len(app.exception) == 0
    table = as_read_table(app.table[0]).set_index("Navn")
    with Session(demo_site) as session:
        kept = session.scalar(select(func.count()).where(Nomination.nominating_body_id == body_id))
        active = session.get(NominatingBody, body_id).active
    assert (screen.values(app.success), table.loc["LAG Randers-Favrskov", "Aktiv"], active, kept) == (
        ["Indstilleren «LAG Randers-Favrskov» er gemt."], "Nej", False, nominations)


def test_the_edit_form_shows_the_body_as_stored(demo_site, open_app):
    app = _bodies_page(open_app)
    with Session(demo_site) as session:
        body_id = session.scalar(select(NominatingBody.id).where(NominatingBody.name == "Samsø Kommune"))

    app.selectbox(key="bodies_choose").set_value(body_id)
    app.run()

    prefix = f"edit_body_{body_id}"
    assert len(app.exception) == 0
    assert (app.text_input(key=f"{prefix}_name").value, app.selectbox(key=f"{prefix}_kind").value,
            app.multiselect(key=f"{prefix}_municipalities").value, app.number_input(key=f"{prefix}_limit").value,
            app.checkbox(key=f"{prefix}_active").value) == (
        "Samsø Kommune", BodyKind.MUNICIPALITY, _municipality_ids(demo_site, "Samsø"), 1, True)
