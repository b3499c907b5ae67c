"""Præsentationer: the secretariat schedules the finalists' presentations; jurors see the
schedule on their scoring page in the final round and write shared notes."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from prize.db import session_scope
from prize.models import Presentation
from prize.services.presentations import schedule_presentation
from prize.services.years import require_current_year
from tests.pages.finals import confirm_shortlist, secretariat_of
from tests.pages.conftest import as_read_table

PAGE = "pages/presentations.py"


@pytest.fixture
def finalists(demo_in_shortlist):
    return confirm_shortlist(demo_in_shortlist)


def _open(open_app, username="sekretariat", page=PAGE):
    return open_app(username).switch_page(page).run()


def _stored(engine) -> list[tuple]:
    with Session(engine) as session:
        return [tuple(row) for row in session.execute(
            select(Presentation.nomination_id, Presentation.starts_at, Presentation.place, Presentation.notes))]


@pytest.mark.both_databases
def test_the_secretariat_schedules_a_presentation_in_danish_time(finalists, demo_in_shortlist, open_app, screen):
    app = _open(open_app)
    nomination_id, name = finalists[0]

    next(box for box in app.selectbox if box.label == "Finalist").select(nomination_id)
    app.date_input[0].set_value(datetime(2020, 3, 10).date())
    app.time_input[0].set_value(datetime(2020, 3, 10, 14, 0).time())
    screen.field(app, "Sted").input("Forsamlingshuset")
    screen.button(app, "Gem tid og sted").click()
    app.run()

    assert len(app.exception) == 0
    assert (screen.values(app.success), _stored(demo_in_shortlist)) == (
        [f"Præsentationen for {name} er fastlagt: 10. marts 2020 kl. 14:00."],
        [(nomination_id, datetime(2020, 3, 10, 13, 0, tzinfo=UTC), "Forsamlingshuset", "")])
    assert as_read_table(app.table[0]).loc[name].tolist()[1:] == ["10. marts 2020 kl. 14:00", "Forsamlingshuset"]


def test_a_link_that_is_not_https_is_refused_in_danish(finalists, demo_in_shortlist, open_app, screen):
    app = _open(open_app)

    next(box for box in app.selectbox if box.label == "Finalist").select(finalists[0][0])
    app.date_input[0].set_value(datetime(2020, 3, 10).date())
    screen.field(app, "Link til online-møde (https)").input("http://meet.example.dk/x")
    screen.button(app, "Gem tid og sted").click()
    app.run()

    assert len(app.exception) == 0
    assert (screen.values(app.error), _stored(demo_in_shortlist)) == (
        ["Linket til online-mødet skal begynde med https:// («http://meet.example.dk/x» kan ikke bruges)."], [])


def test_the_jurors_scoring_page_shows_the_schedule_in_the_final_round(finalists, demo_in_shortlist, open_app):
    with session_scope(demo_in_shortlist) as session:
        year = require_current_year(session)
        schedule_presentation(session, actor=secretariat_of(session), year_id=year.id, nomination_id=finalists[0][0],
                              starts_at=datetime(2020, 3, 10, 13, 0, tzinfo=UTC),
                              online_url="https://meet.example.dk/a")

    app = _open(open_app, "jury1", page="pages/scoring.py")

    assert len(app.exception) == 0
    assert ([header.value for header in app.header][:1], as_read_table(app.table[0]).loc[finalists[0][1]].tolist()[1:]) == (
        ["Program for præsentationerne"],
        ["10. marts 2020 kl. 14:00", "[Online-møde](https://meet.example.dk/a)"])


@pytest.mark.both_databases
def test_a_juror_writes_the_shared_notes_of_a_presentation(finalists, demo_in_shortlist, open_app, screen):
    app = _open(open_app, "jury1")

    app.text_area[0].input("Stærkt fællesskab.")
    screen.button(app, "Gem noterne").click()
    app.run()

    assert len(app.exception) == 0
    assert (screen.values(app.success), [row[3] for row in _stored(demo_in_shortlist)]) == (
        [f"Noterne om {finalists[0][1]} er gemt."], ["Stærkt fællesskab."])
