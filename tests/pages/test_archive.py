"""Arkiv: every year with its winner, finalists and number of nominations; the secretariat
adds the winner of a year from before the app."""

from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from prize.models import CouncilDecision
from tests.pages.conftest import as_read, as_read_table

PAGE = "pages/archive.py"


def _open(open_app, username="sekretariat"):
    return open_app(username).switch_page(PAGE).run()


def _entered(engine) -> list[tuple]:
    with Session(engine) as session:
        return [tuple(row) for row in session.execute(
            select(CouncilDecision.winner_name, CouncilDecision.winner_villages, CouncilDecision.winner_municipality))]


def test_the_archive_lists_the_demo_year_without_a_winner_yet(demo_site, open_app, demo_facts):
    app = _open(open_app)

    assert len(app.exception) == 0
    table = as_read_table(app.table[0])
    assert (list(table.index), list(table.columns), table.loc["2020"].tolist()) == (
        ["2020"], ["Vinder", "Kommune", "Finalister", "Indstillinger", "Præmie", "Afgjort"],
        ["–", "–", "–", str(len([n for n in demo_facts.data["nominations"] if n["status"] not in ("draft", "withdrawn")])),
         "150.000 kr.", "–"])


@pytest.mark.both_databases
def test_the_secretariat_adds_a_past_winner_and_the_archive_lists_it(demo_site, open_app, screen):
    app = _open(open_app)

    app.number_input[0].set_value(2019)
    screen.field(app, "Vinder").input("Idom-Råsted")
    next(box for box in app.selectbox if box.label == "Kommune").select("Holstebro")
    screen.field(app, "Landsbyer").input("Idom, Råsted")
    screen.button(app, "Tilføj vinderen").click()
    app.run()

    assert len(app.exception) == 0
    assert (screen.values(app.success), _entered(demo_site)) == (
        ["Idom-Råsted er tilføjet som vinder af Landsbyprisen 2019."], [("Idom-Råsted", "Idom, Råsted", "Holstebro")])
    assert [as_read(cell) for cell in as_read_table(app.table[0]).loc["2019"].tolist()[:2]] == [
        "Idom-Råsted (indtastet)", "Holstebro"]


def test_a_past_winner_without_a_year_is_refused_in_danish(demo_site, open_app, screen):
    app = _open(open_app)

    screen.field(app, "Vinder").input("Faster Sogn")
    next(box for box in app.selectbox if box.label == "Kommune").select("Ringkøbing-Skjern")
    screen.button(app, "Tilføj vinderen").click()
    app.run()

    assert len(app.exception) == 0
    assert (screen.values(app.error), _entered(demo_site)) == ([f"Året skal ligge mellem 2009 og {date.today().year - 1}."], [])


def test_a_juror_sees_the_archive_without_the_form(demo_site, open_app):
    app = _open(open_app, "jury1")

    assert len(app.exception) == 0
    assert (len(app.table), [header.value for header in app.header]) == (1, [])


def test_the_secretariat_starts_the_next_year_as_a_copy_from_the_archive(demo_site, open_app, screen):
    app = _open(open_app)

    screen.button(app, "Opret prisåret").click()
    app.run()

    assert len(app.exception) == 0
    assert (screen.values(app.success), list(as_read_table(app.table[0]).index)) == (
        ["Prisåret 2021 er oprettet som kladde med kriterierne og indstillingerne fra året før."], ["2021", "2020"])
