"""Bedømmelse: a juror sees the round's candidates with their own progress only."""

import pytest
from sqlalchemy import update

from prize.db import session_scope
from prize.models import Score, ScoreSheet
from tests.pages.conftest import as_read_table

JURORS = ["jury1", "jury2", "jury3", "jury4"]  # all submitted, with a conflict, one in progress, none started
COLUMNS = ["Din status", "Kandidat", "Kommune", "Type", "Kriterier bedømt", "Indsendt"]


@pytest.mark.parametrize("juror", JURORS)
def test_the_progress_line_counts_submitted_sheets_and_conflicts_as_done(demo_site, open_app, demo_facts, juror):
    app = open_app(juror)
    conflicts = len(demo_facts.conflicts_of(juror))
    done, total = demo_facts.submitted_count(juror) + conflicts, len(demo_facts.candidate_names())

    assert len(app.exception) == 0
    assert [bar.text for bar in app.get("progress")] == [f"{done} af {total} bedømt"]


@pytest.mark.parametrize("juror", JURORS)
def test_every_candidate_is_listed_with_the_jurors_own_status(demo_site, open_app, demo_facts, juror):
    app = open_app(juror)

    assert len(app.exception) == 0
    table = as_read_table(app.table[0])
    assert (list(table.columns), dict(zip(table["Kandidat"], table["Din status"], strict=True))) == (
        COLUMNS, {name: demo_facts.sheet_state(juror, name) for name in demo_facts.candidate_names()})


@pytest.mark.parametrize("juror", JURORS)
def test_the_criteria_column_counts_only_the_jurors_own_scores(demo_site, open_app, demo_facts, juror):
    app = open_app(juror)

    assert len(app.exception) == 0
    table = as_read_table(app.table[0])
    assert dict(zip(table["Kandidat"], table["Kriterier bedømt"], strict=True)) == {
        name: f"{demo_facts.criteria_scored(juror, name)}/7" for name in demo_facts.candidate_names()}


def test_a_juror_who_has_not_started_sees_nothing_of_the_others_progress(demo_site, open_app, demo_facts):
    app = open_app("jury4")

    assert len(app.exception) == 0
    table = as_read_table(app.table[0])
    assert (set(table["Din status"]), set(table["Kriterier bedømt"]), set(table["Indsendt"])) == (
        {"Ikke påbegyndt"}, {"0/7"}, {"-"})


def test_the_page_names_the_round_and_its_deadline(demo_site, open_app, screen):
    app = open_app("jury1")

    assert len(app.exception) == 0
    assert screen.values(app.main.caption) == [
        "Landsbyprisen 2020 (demo) · Første runde · frist: 14. februar 2020 kl. 16:00",
        "Kandidater, hvor du har erklæret inhabilitet, tæller som færdige: 1 af dem.",
        "Du ser kun dine egne bedømmelser. De andre jurymedlemmers point og kommentarer vises først, når "
        "sekretariatet frigiver rundens resultater, eller, hvis runden er sat op sådan, når du har indsendt din "
        "egen bedømmelse af kandidaten."]


def test_opening_a_candidate_shows_its_texts_beside_the_sheet(demo_site, open_app, demo_facts):
    app = open_app("jury4")
    name = demo_facts.candidate_names()[0]

    app = next(box for box in app.selectbox if box.label == "Åbn en kandidat").select_index(0).run()

    assert len(app.exception) == 0
    assert ([header.value for header in app.header], [header.value for header in app.subheader], len(app.radio)) == (
        [name], ["Kort beskrivelse", "Svar på de vejledende spørgsmål", "Links", "Inhabilitet", "Materiale",
                 "Dit bedømmelsesark"], 7)


def test_a_score_chosen_on_the_sheet_is_saved_and_the_weighted_mean_follows(demo_site, open_app, demo_facts):
    app = open_app("jury4")
    app = next(box for box in app.selectbox if box.label == "Åbn en kandidat").select_index(0).run()

    app = app.radio[0].set_value(4).run()

    assert len(app.exception) == 0
    assert ([radio.value for radio in app.radio], [metric.value for metric in app.metric]) == (
        [4, None, None, None, None, None, None], ["4"])


def test_next_candidate_moves_on_without_the_list(demo_site, open_app, demo_facts):
    app = open_app("jury4")
    names = demo_facts.candidate_names()
    app = next(box for box in app.selectbox if box.label == "Åbn en kandidat").select_index(0).run()

    app = next(button for button in app.button if button.label == "Næste kandidat").click().run()

    assert [header.value for header in app.header] == [names[1]]


SECRET = "Hemmelig-jury1-kommentar"


def test_no_juror_page_shows_another_jurors_score_or_comment_before_release(demo_site, open_app, screen):
    with session_scope(demo_site) as session:
        session.execute(update(Score).values(comment=SECRET))
        session.execute(update(ScoreSheet).values(comment=SECRET))
    app = open_app("jury4")
    pages = [screen.text(app)]
    picker = next(box for box in app.selectbox if box.label == "Åbn en kandidat")
    for index in range(len(picker.options)):
        app = next(box for box in app.selectbox if box.label == "Åbn en kandidat").select_index(index).run()
        pages.append(screen.text(app))

    assert (len(app.exception), [SECRET in text for text in pages], [len(app.dataframe) + len(app.table)]) == (
        0, [False] * 14, [1])
