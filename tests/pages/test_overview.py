"""Årets forløb: the secretariat's overview of the year, and moving the year to its next phase."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from prize.models import AuditEntry, PrizeYear
from prize.phases import Phase

MOVE = "Gå videre til «Udvælgelse af finalister»"
CONFIRM = "Vil du flytte året til fasen «Udvælgelse af finalister»? Flytningen registreres i logbogen."


def _phase(engine) -> str:
    with Session(engine) as session:
        return session.scalars(select(PrizeYear.phase)).one().value


def _phase_moves(engine) -> list[tuple]:
    with Session(engine) as session:
        return session.execute(select(AuditEntry.actor_label, AuditEntry.old_value, AuditEntry.new_value)
                               .where(AuditEntry.action == "year.phase_moved")).tuples().all()


def test_the_overview_is_titled_as_in_the_menu_names_the_year_and_marks_the_current_phase(demo_site, open_app,
                                                                                           screen):
    app = open_app("sekretariat")

    assert len(app.exception) == 0
    assert (screen.values(app.title), screen.values(app.header), [bar.text for bar in app.get("progress")],
            screen.values(app.main.markdown)[:2]) == (["Årets forløb"], ["Landsbyprisen 2020 (demo)"],
                                                      ["Fase 4 af 9: Første bedømmelsesrunde"], [
        ":gray[✓ Kladde] → :gray[✓ Indstilling åben] → :gray[✓ Indstilling lukket] → "
        "**:green[Første bedømmelsesrunde]** → :gray[Udvælgelse af finalister] → :gray[Finalerunde] → "
        ":gray[Indstilling til Regionsrådet] → :gray[Afgjort] → :gray[Arkiveret]",
        "Juryen bedømmer alle kandidater. Følg med i, hvem der mangler, og gå videre til udvælgelse af "
        "finalister, når alle har indsendt."])


def test_the_metrics_count_candidates_jurors_conflicts_and_submitted_sheets(demo_site, open_app, demo_facts):
    app = open_app("sekretariat")
    expected_sheets = demo_facts.juror_count() * len(demo_facts.candidate_names()) - demo_facts.conflict_count()

    assert len(app.exception) == 0
    assert [(metric.label, metric.value) for metric in app.metric] == [
        ("Kandidater", str(len(demo_facts.candidate_names()))), ("Jurymedlemmer", str(demo_facts.juror_count())),
        ("Inhabiliteter", str(demo_facts.conflict_count())),
        ("Bedømt i 1. runde", f"{demo_facts.submitted_count()} af {expected_sheets}")]


def test_the_demo_metrics_are_those_of_the_2020_demo_year(demo_site, open_app):
    app = open_app("sekretariat")

    assert len(app.exception) == 0
    assert [metric.value for metric in app.metric] == ["13", "5", "2", "21 af 63"]


def test_the_facts_list_the_prize_amount_and_the_deadlines(demo_site, open_app, screen):
    app = open_app("sekretariat")

    assert len(app.exception) == 0
    assert screen.values(app.main.markdown)[2] == (
        "- Prisbeløb: 150.000 kr.\n- Antal finalister: 5\n- Indstillingen åbner: 1. oktober 2019 kl. 09:00\n"
        "- Frist for indstilling: 15. januar 2020 kl. 12:00\n- Frist for første bedømmelse: 14. februar 2020 "
        "kl. 16:00\n- Frist for finalebedømmelse: 6. marts 2020 kl. 16:00\n- Regionsrådets møde: 25. marts 2020")


def test_the_phase_move_asks_for_confirmation_before_it_moves(demo_site, open_app, screen):
    app = open_app("sekretariat")

    screen.button(app, MOVE).click()
    app.run()

    assert len(app.exception) == 0
    assert (screen.values(app.warning), _phase(demo_site), _phase_moves(demo_site)) == ([CONFIRM], "screening", [])


def test_a_confirmed_phase_move_moves_the_year_and_logs_it(demo_site, open_app, screen):
    app = open_app("sekretariat")
    screen.button(app, MOVE).click()
    app.run()

    app.checkbox(key="confirm_missing").check()
    app.run()
    screen.button(app, "Ja, flyt året").click()
    app.run()

    assert len(app.exception) == 0
    assert (screen.values(app.success), screen.values(app.warning)) == (
        ["Året er flyttet til fasen «Udvælgelse af finalister»."], [])
    assert (_phase(demo_site), _phase_moves(demo_site)) == (
        "shortlist", [("Mette Kjær Lauridsen (sekretariat)", "screening", "shortlist")])


def test_a_cancelled_phase_move_leaves_the_year_where_it_was(demo_site, open_app, screen):
    app = open_app("sekretariat")
    screen.button(app, MOVE).click()
    app.run()

    screen.button(app, "Annullér").click()
    app.run()

    assert len(app.exception) == 0
    assert (screen.values(app.warning), screen.values(app.success), _phase(demo_site), _phase_moves(demo_site)) == (
        [], [], "screening", [])


def test_a_move_confirmed_after_someone_else_moved_the_year_says_where_the_year_is_now(demo_site, open_app,
                                                                                         screen, change_database):
    app = open_app("sekretariat")
    screen.button(app, MOVE).click()
    app.run()
    with change_database() as session:  # another secretary moves the year meanwhile
        session.scalars(select(PrizeYear)).one().phase = Phase.SHORTLIST

    app.checkbox(key="confirm_missing").check()
    app.run()
    screen.button(app, "Ja, flyt året").click()
    app.run()

    assert len(app.exception) == 0
    assert (screen.values(app.error), _phase(demo_site), _phase_moves(demo_site)) == (
        ["Året er i mellemtiden flyttet og er nu i fasen «Udvælgelse af finalister». "
         "Siden viser nu den aktuelle fase; vælg igen."], "shortlist", [])


def test_the_move_names_the_missing_sheets_and_waits_for_their_confirmation(demo_site, open_app, screen):
    app = open_app("sekretariat")
    screen.button(app, MOVE).click()
    app.run()

    assert len(app.exception) == 0
    assert (app.checkbox(key="confirm_missing").label, screen.button(app, "Ja, flyt året").disabled,
            "42 af 63 ark er ikke indsendt." in screen.values(app.caption)) == (
        "Ja, året skal videre, selv om 42 af 63 ark ikke er indsendt; de kan ikke indsendes bagefter, medmindre "
        "året flyttes tilbage.", True, True)
    assert _phase(demo_site) == "screening"
