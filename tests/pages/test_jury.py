"""Juryens arbejde: the secretariat's progress matrix, round controls and reminders."""

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from prize.models import AuditEntry, MailKind, OutboxMessage, ScoringRound

PAGE = "pages/jury.py"


def _open(open_app, username="sekretariat"):
    app = open_app(username)
    return app.switch_page(PAGE).run()


def _screening(engine) -> ScoringRound:
    with Session(engine) as session:
        return session.scalars(select(ScoringRound)).one()


def test_the_page_shows_the_rounds_counts(demo_site, open_app):
    app = _open(open_app)

    assert len(app.exception) == 0
    assert [(metric.label, metric.value) for metric in app.metric] == [
        ("Indsendte ark", "21 af 63"), ("Færdige jurymedlemmer", "1 af 5"), ("Mangler", "42")]


def test_the_table_shows_every_jurors_state_per_candidate(demo_site, open_app, demo_facts):
    app = _open(open_app)

    grid = app.dataframe[0].value
    assert len(app.exception) == 0
    assert (list(grid.columns), len(grid)) == (["Jurymedlem", *demo_facts.candidate_names()], demo_facts.juror_count())
    assert (grid.iloc[0, 0], grid.iloc[0, 1], grid.iloc[0, 6]) == ("Birgitte Thorsen", "Indsendt", "Inhabil")


def test_the_heatmap_is_drawn(demo_site, open_app):
    app = _open(open_app)

    charts = app.get("plotly_chart")
    assert (len(app.exception), len(charts)) == (0, 1)


def test_the_reminders_list_the_jurors_behind_with_their_text(demo_site, open_app, screen):
    app = _open(open_app)

    assert len(app.exception) == 0
    assert [expander.label for expander in app.expander] == [
        "Birgitte Thorsen: mangler 6 af 12", "Camilla Riis Damgaard: mangler 13 af 13",
        "Mads Overgaard Kristensen: mangler 13 af 13", "Thomas Brix Nørgaard: mangler 10 af 13"]
    assert app.code[0].value == ("birgitte.thorsen@example.dk; camilla.damgaard@example.dk; "
                                 "mads.kristensen@example.dk; thomas.noergaard@example.dk")
    assert app.code[1].value.startswith("Kære Birgitte Thorsen\n\nDette er en venlig påmindelse om «Første runde» "
                                        "i Landsbyprisen 2020 (demo). Du mangler at indsende 6 af dine 12 "
                                        "bedømmelser. Fristen er 14. februar 2020 kl. 16:00 (dansk tid).")


@pytest.mark.both_databases
def test_closing_the_round_from_the_page_locks_it_and_logs_it(demo_site, open_app, screen):
    app = _open(open_app)

    screen.button(app, "Luk runden").click()
    app.run()

    assert len(app.exception) == 0
    assert (screen.values(app.success), _screening(demo_site).closed_at is not None) == (
        ["Runden er lukket. Ingen ark kan ændres, før den genåbnes."], True)
    assert [button.label for button in app.button if button.label.startswith(("Luk", "Frigiv"))] == [
        "Frigiv resultaterne til juryen"]


@pytest.mark.both_databases
def test_reopening_without_a_reason_shows_the_danish_error_and_keeps_the_round_closed(demo_site, open_app, screen):
    app = _open(open_app)
    screen.button(app, "Luk runden").click()
    app.run()

    screen.button(app, "Genåbn runden").click()
    app.run()

    assert len(app.exception) == 0
    assert (screen.values(app.error), _screening(demo_site).closed_at is not None) == (
        ["Feltet «Begrundelse» skal udfyldes."], True)


def test_reopening_with_a_reason_opens_the_round_and_audits_the_reason(demo_site, open_app, screen):
    app = _open(open_app)
    screen.button(app, "Luk runden").click()
    app.run()

    app.text_area[0].input("Et jurymedlem var syg")
    screen.button(app, "Genåbn runden").click()
    app.run()

    with Session(demo_site) as session:
        reopened = session.scalars(select(AuditEntry.new_value).where(AuditEntry.action == "round.reopened")).all()
    assert len(app.exception) == 0
    assert (screen.values(app.success), _screening(demo_site).closed_at, len(reopened)) == (
        ["Runden er genåbnet."], None, 1)


def test_the_independence_is_fixed_once_sheets_are_submitted(demo_site, open_app):
    app = _open(open_app)

    assert len(app.exception) == 0
    assert (app.radio[0].disabled, app.radio[0].value.value) == (True, "until_release")


@pytest.mark.parametrize("username", ["jury1", "lag.randers"])
def test_the_page_is_the_secretariats_only(demo_site, open_app, screen, username):
    app = open_app(username)

    app = screen.request_url_path(app, "jury")

    assert (len(app.exception), len(app.metric), len(app.expander)) == (0, 0, 0)


@pytest.mark.both_databases
def test_the_reminder_button_writes_one_mail_per_juror_behind(demo_site, open_app, screen):
    app = _open(open_app)

    screen.button(app, "Send påmindelse til 4 jurymedlem(mer)").click()
    app.run()

    with Session(demo_site) as session:
        written = session.execute(select(OutboxMessage.recipient, OutboxMessage.kind, OutboxMessage.subject)
                                  .order_by(OutboxMessage.id)).all()
    assert len(app.exception) == 0
    assert screen.values(app.success)[0] == "Påmindelsen er lagt i udgående post til 4 jurymedlem(mer)."
    assert written == [
        (email, MailKind.JURY_REMINDER, f"Påmindelse: {left} bedømmelse(r) mangler i Landsbyprisen 2020 (demo)")
        for email, left in (("birgitte.thorsen@example.dk", 6), ("camilla.damgaard@example.dk", 13),
                            ("mads.kristensen@example.dk", 13), ("thomas.noergaard@example.dk", 10))]
