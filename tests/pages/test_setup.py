"""Årets opsætning: the secretariat sets the year's deadlines and edits its criteria."""

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from prize.actor import Actor
from prize.models import AuditEntry, Criterion, PrizeYear
from prize.services import criteria, years
from prize.services.criteria import CriterionDraft
from tests.factories import CRITERIA_TITLES

NEW_TITLE = "Samarbejde med nabolandsbyerne"


def _setup_page(open_app):
    return open_app("sekretariat").switch_page("pages/setup.py").run()


def _next_year(change_database) -> int:
    """A 2021 year in draft: the current year, its criteria copied from the demo year."""
    with change_database() as session:
        return years.create_year(session, actor=Actor.command_line(), year=2021, title="Landsbyprisen 2021").id


def _titles(engine, year_id: int) -> list[str]:
    with Session(engine) as session:
        return session.scalars(select(Criterion.title_da).where(Criterion.year_id == year_id)
                               .order_by(Criterion.position)).all()


def _deadlines(engine) -> tuple:
    with Session(engine) as session:
        year = session.scalars(select(PrizeYear)).one()
        audit = session.scalars(select(AuditEntry.id).where(AuditEntry.action == "year.deadlines_set")).all()
        return (year.nominations_open_at, year.nomination_deadline, year.screening_deadline, year.final_deadline,
                year.decision_date, audit)


def _deadline_field(app, label: str):
    return next(widget for widget in app.datetime_input if widget.label == label)


def _shown_titles(screen, app) -> list[str]:
    return [value.split(". ", 1)[1].strip("*") for value in screen.values(app.main.markdown)
            if value.startswith("**") and ". " in value]


# --- Deadlines -------------------------------------------------------------------------------

def test_the_deadlines_are_shown_in_danish_time(demo_site, open_app):
    app = _setup_page(open_app)

    assert len(app.exception) == 0
    assert ([(widget.label, widget.value) for widget in app.datetime_input], app.date_input[0].value) == ([
        ("Indkaldelsen åbner", datetime(2019, 10, 1, 9, 0)), ("Frist for indstilling", datetime(2020, 1, 15, 12, 0)),
        ("Frist for første bedømmelse", datetime(2020, 2, 14, 16, 0)),
        ("Frist for finalebedømmelse", datetime(2020, 3, 6, 16, 0))], date(2020, 3, 25))


@pytest.mark.both_databases
def test_saved_deadlines_are_stored_in_utc_and_audited(demo_site, open_app, screen):
    app = _setup_page(open_app)

    _deadline_field(app, "Frist for indstilling").set_value(datetime(2020, 1, 20, 12, 0))
    screen.button(app, "Gem frister").click()
    app.run()

    assert len(app.exception) == 0
    stored = _deadlines(demo_site)
    assert (screen.values(app.success), stored[1], len(stored[5])) == (
        ["Fristerne er gemt."], datetime(2020, 1, 20, 11, 0, tzinfo=UTC), 1)


@pytest.mark.both_databases
def test_out_of_order_deadlines_are_refused_in_danish_and_nothing_is_stored(demo_site, open_app, screen):
    app = _setup_page(open_app)
    before = _deadlines(demo_site)

    _deadline_field(app, "Frist for første bedømmelse").set_value(datetime(2020, 1, 10, 12, 0))
    screen.button(app, "Gem frister").click()
    app.run()

    assert len(app.exception) == 0
    assert (screen.values(app.error), _deadlines(demo_site)) == ([
        "«Frist for indstilling» (15. januar 2020 kl. 12:00) skal ligge før «Frist for første bedømmelse» "
        "(10. januar 2020 kl. 12:00). Ret en af de to datoer."], before)


def test_a_refused_date_stays_in_the_form_to_be_corrected(demo_site, open_app, screen):
    app = _setup_page(open_app)

    _deadline_field(app, "Frist for første bedømmelse").set_value(datetime(2020, 1, 10, 12, 0))
    screen.button(app, "Gem frister").click()
    app.run()

    assert _deadline_field(app, "Frist for første bedømmelse").value == datetime(2020, 1, 10, 12, 0)


# --- Criteria --------------------------------------------------------------------------------

def test_the_criteria_of_a_scored_year_are_shown_read_only_with_the_reason(demo_site, open_app, screen):
    app = _setup_page(open_app)

    assert len(app.exception) == 0
    assert (screen.values(app.info), _shown_titles(screen, app), [b.label for b in app.main.button]) == (
        ["Kriterierne er låst, fordi juryen er begyndt at bedømme: pointene hører til de kriterier, de blev "
         "givet efter."], CRITERIA_TITLES, ["Gem frister"])


def test_each_criterion_shows_its_weight_scale_and_anchors(demo_site, open_app, screen):
    app = _setup_page(open_app)

    assert len(app.exception) == 0
    summaries = [caption for caption in screen.values(app.caption) if caption.startswith("Vægt")]
    assert (summaries, screen.values(app.expander[0].markdown)[-1]) == (
        ["Vægt 1 · skala 1–5"] * 7,
        "- **1** – Ikke belyst i materialet\n- **2** – Svagt – få eller spredte tiltag\n"
        "- **3** – Tilfredsstillende – tydelige tiltag\n- **4** – Stærkt – gennemtænkt og med synlige resultater\n"
        "- **5** – Fremragende og til inspiration for andre")


@pytest.mark.both_databases
def test_the_secretariat_adds_a_criterion_and_sees_it(demo_site, open_app, screen, change_database):
    year_id = _next_year(change_database)
    app = _setup_page(open_app)

    app.button(key="criteria_add").click()
    app.run()
    app.text_input(key="criteria_new_title_da").input(NEW_TITLE)
    app.number_input(key="criteria_new_weight").set_value(2.0)
    app.number_input(key="criteria_new_scale_max").set_value(3)
    app.run()
    for value, text in [(1, "Intet samarbejde"), (2, "Nogen"), (3, "Fast og forpligtende")]:
        app.text_input(key=f"criteria_new_anchor_{value}_da").input(text)
    app.button(key="criteria_new_save").click()
    app.run()

    assert len(app.exception) == 0
    assert (screen.values(app.success), _shown_titles(screen, app), _titles(demo_site, year_id)) == (
        [f"Kriteriet «{NEW_TITLE}» er tilføjet."], [*CRITERIA_TITLES, NEW_TITLE], [*CRITERIA_TITLES, NEW_TITLE])


def test_the_anchor_fields_follow_the_scale_as_it_is_typed(demo_site, open_app, change_database):
    _next_year(change_database)
    app = _setup_page(open_app)
    app.button(key="criteria_add").click()
    app.run()

    app.number_input(key="criteria_new_scale_min").set_value(0)
    app.number_input(key="criteria_new_scale_max").set_value(2)
    app.run()

    assert len(app.exception) == 0
    assert [widget.label for widget in app.text_input if "anchor" in widget.key] == [
        "Trin 0", "Trin 0 på engelsk", "Trin 1", "Trin 1 på engelsk", "Trin 2", "Trin 2 på engelsk"]


def test_a_criterion_without_a_title_is_refused_and_nothing_is_stored(demo_site, open_app, screen, change_database):
    year_id = _next_year(change_database)
    app = _setup_page(open_app)

    app.button(key="criteria_add").click()
    app.run()
    app.button(key="criteria_new_save").click()
    app.run()

    assert len(app.exception) == 0
    assert (screen.values(app.error), _titles(demo_site, year_id)) == (["Feltet «Titel» skal udfyldes."], CRITERIA_TITLES)


def test_a_zero_weight_is_refused_in_danish(demo_site, open_app, screen, change_database):
    year_id = _next_year(change_database)
    app = _setup_page(open_app)
    app.button(key="criteria_add").click()
    app.run()

    app.text_input(key="criteria_new_title_da").input(NEW_TITLE)
    app.number_input(key="criteria_new_weight").set_value(0.0)
    app.button(key="criteria_new_save").click()
    app.run()

    assert (screen.values(app.error), _titles(demo_site, year_id)) == (
        ["Vægten skal være et tal større end 0 og højst 100 (du skrev 0)."], CRITERIA_TITLES)


@pytest.mark.both_databases
def test_moving_a_criterion_down_reorders_the_list(demo_site, open_app, screen, change_database):
    year_id = _next_year(change_database)
    app = _setup_page(open_app)
    first = _criterion_ids(demo_site, year_id)[0]

    app.button(key=f"criteria_down_{first}").click()
    app.run()

    expected = [CRITERIA_TITLES[1], CRITERIA_TITLES[0], *CRITERIA_TITLES[2:]]
    assert len(app.exception) == 0
    assert (_shown_titles(screen, app), _titles(demo_site, year_id)) == (expected, expected)


def test_the_first_cannot_move_up_nor_the_last_down(demo_site, open_app, change_database):
    year_id = _next_year(change_database)
    app = _setup_page(open_app)
    ids = _criterion_ids(demo_site, year_id)

    assert [app.button(key=f"criteria_up_{ids[0]}").disabled, app.button(key=f"criteria_down_{ids[-1]}").disabled,
            app.button(key=f"criteria_down_{ids[0]}").disabled] == [True, True, False]


@pytest.mark.both_databases
def test_removing_a_criterion_asks_first_then_removes_it(demo_site, open_app, screen, change_database):
    year_id = _next_year(change_database)
    app = _setup_page(open_app)
    last = _criterion_ids(demo_site, year_id)[-1]

    app.button(key=f"criteria_remove_{last}").click()
    app.run()
    asked = (screen.values(app.warning), _titles(demo_site, year_id))
    app.button(key="criteria_confirm_remove").click()
    app.run()

    assert len(app.exception) == 0
    assert asked == (["Vil du fjerne kriteriet «Landsbyens overordnede udvikling»? Det registreres i logbogen."],
                     CRITERIA_TITLES)
    assert (screen.values(app.success), _titles(demo_site, year_id)) == (
        ["Kriteriet «Landsbyens overordnede udvikling» er fjernet."], CRITERIA_TITLES[:-1])


@pytest.mark.both_databases
def test_editing_a_criterion_saves_its_new_scale_and_anchors(demo_site, open_app, screen, change_database):
    year_id = _next_year(change_database)
    app = _setup_page(open_app)
    first = _criterion_ids(demo_site, year_id)[0]
    app.button(key=f"criteria_edit_{first}").click()
    app.run()

    app.number_input(key=f"criteria_{first}_scale_max").set_value(6)
    app.run()
    app.text_input(key=f"criteria_{first}_anchor_6_da").input("Enestående")
    app.button(key=f"criteria_{first}_save").click()
    app.run()

    assert len(app.exception) == 0
    with Session(demo_site) as session:
        criterion = session.get(Criterion, first)
        stored = (criterion.scale_max, [(a.value, a.text_da) for a in criterion.anchors][-2:])
    assert (screen.values(app.success), stored) == (
        ["Kriteriet «Et attraktivt og gennemtænkt fysisk miljø» er gemt."],
        (6, [(5, "Fremragende og til inspiration for andre"), (6, "Enestående")]))


def test_a_title_with_markdown_is_shown_as_typed_not_as_an_image(demo_site, open_app, screen, change_database):
    year_id = _next_year(change_database)
    with change_database() as session:
        criteria.edit_criterion(session, actor=Actor.command_line(), criterion_id=_criterion_ids(demo_site, year_id)[0],
                                draft=CriterionDraft(title_da="![x](http://spor.dk) *fed*"))

    app = _setup_page(open_app)

    assert len(app.exception) == 0
    assert screen.raw_values(app.main.markdown)[0] == "**1. \\!\\[x\\]\\(http\\:\u2060\\/\\/spor\\.dk\\) \\*fed\\***"


def test_the_page_speaks_english_to_an_english_reader(demo_site, open_app, screen):
    app = open_app("sekretariat")
    app.selectbox(key="language_sidebar").set_value("en")
    app.switch_page("pages/setup.py").run()

    assert len(app.exception) == 0
    assert (screen.values(app.title), [tab.label for tab in app.tabs], screen.values(app.info)) == (
        ["The year's set-up"], ["Deadlines", "Criteria"],
        ["The criteria are locked because the jury has begun scoring: the scores belong to the criteria they "
         "were given against."])


def test_a_criterion_removed_by_someone_else_while_edited_ends_the_editing(demo_site, open_app, change_database):
    year_id = _next_year(change_database)
    app = _setup_page(open_app)
    last = _criterion_ids(demo_site, year_id)[-1]
    app.button(key=f"criteria_edit_{last}").click()
    app.run()

    with change_database() as session:
        criteria.remove_criterion(session, actor=Actor.command_line(), criterion_id=last)
    app.run()

    assert len(app.exception) == 0
    assert ([b.key for b in app.main.button if b.key.startswith(f"criteria_{last}_")],
            app.button(key="criteria_add").label) == ([], "Tilføj kriterium")


def _criterion_ids(engine, year_id: int) -> list[int]:
    with Session(engine) as session:
        return session.scalars(select(Criterion.id).where(Criterion.year_id == year_id)
                               .order_by(Criterion.position)).all()
