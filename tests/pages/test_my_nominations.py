"""Mine indstillinger and Vores ansøgning: a nominator's list, a new draft and the
editor; a village contact straight into their own nomination. Each field is stored
when the user leaves it; bad input shows a Danish message and stores nothing; after
the deadline the editor is read-only."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from prize.actor import Actor
from prize.exports.receipt import format_receipt_moment
from prize.i18n import format_moment, to_local
from prize.models import Attachment, AuditEntry, MailKind, NominatingBody, Nomination, OutboxMessage, User
from prize.phases import NominationStatus, Phase
from prize.queries.options import nomination_id_by_name
from prize.queries.years import year_by_number
from prize.services.users import log_out, set_active
from tests.pages.conftest import as_read_table

OPEN_KEY = "my_nominations_open"
# The status first: on a phone the reader sees it before the table wraps.
COLUMNS = ["Status", "Kandidat", "Landsby(er)", "Udfyldt", "Frist", "Tid tilbage"]
SUMMARY = "<b>Fed</b> ![x](http://spor.example/x.png) $x^2$ **stjerner**"


def _open_call(change_database, *, deadline: datetime, limit: int | None = None) -> None:
    """The demo year back in its call for nominations, with ``deadline``."""
    with change_database() as session:
        year = year_by_number(session, 2020)
        year.phase, year.nomination_deadline = Phase.NOMINATIONS_OPEN, deadline
        if limit is not None:
            session.scalars(select(NominatingBody).where(NominatingBody.name == "LAG Randers-Favrskov")).one(
            ).nomination_limit = limit


def _soon() -> datetime:
    """A deadline 3 days and 2½ hours away: "3 dage og 2 timer" for the next half hour."""
    return datetime.now(UTC) + timedelta(days=3, hours=2, minutes=30)


def _id_of(engine, name: str) -> int:
    with Session(engine) as session:
        return nomination_id_by_name(session, name, year_id=None)


def _stored(engine, nomination_id: int) -> Nomination:
    with Session(engine, expire_on_commit=False) as session:
        nomination = session.get(Nomination, nomination_id)
        _ = (nomination.villages, nomination.answers, nomination.sdgs)
        return nomination


def _open(app, nomination_id: int):
    app.selectbox(key=OPEN_KEY).select(nomination_id)
    return app.run()


def _widget(app, kind: str, nomination_id: int, field: str):
    return getattr(app, kind)(key=f"form_{nomination_id}_{field}")


def _saved_at(engine, nomination_id: int) -> str:
    return f"Gemt kl. {to_local(_stored(engine, nomination_id).updated_at).strftime('%H.%M')}"


# --- The nominator's list --------------------------------------------------------------------

@pytest.mark.parametrize(("username", "body"), [
    pytest.param("lag.randers", "lag-randers-favrskov", id="lag"),
    pytest.param("kommune.samsoe", "samsoe-kommune", id="municipality"),
])
def test_a_nominator_sees_exactly_the_nominations_of_their_body(demo_site, open_app, screen, demo_facts,
                                                                username, body):
    app = open_app(username)
    expected = demo_facts.nomination_names(body=body)

    assert len(app.exception) == 0
    table = as_read_table(app.table[0])
    assert (list(table.columns), list(table["Kandidat"]), screen.values(app.main.markdown)) == (
        COLUMNS, expected, [f"**{len(expected)}** indstilling(er) i år."])


def test_after_the_call_has_closed_the_list_says_so_instead_of_no_deadline(demo_site, open_app, demo_facts):
    count = len(demo_facts.nomination_names(body="lag-randers-favrskov"))

    app = open_app("lag.randers")  # the demo year is in its first scoring round

    table = as_read_table(app.table[0])
    assert (list(table["Frist"]), list(table["Tid tilbage"])) == (["-"] * count, ["Lukket for ændringer"] * count)


def test_the_list_shows_status_what_is_missing_the_deadline_and_the_time_left(demo_site, open_app, change_database):
    deadline = _soon()
    _open_call(change_database, deadline=deadline)
    with change_database() as session:
        stenhoej = session.get(Nomination, nomination_id_by_name(session, "Stenhøj Vestermark", year_id=None))
        lindaa = session.get(Nomination, nomination_id_by_name(session, "Lindådalens landsbyklynge", year_id=None))
        for nomination in (stenhoej, lindaa):
            nomination.status = NominationStatus.SUBMITTED
        session.execute(delete(Attachment).where(Attachment.nomination_id == lindaa.id))
        lindaa.video_url = ""

    app = open_app("lag.randers")

    assert as_read_table(app.table[0]).to_dict("records") == [
        {"Kandidat": "Lindådalens landsbyklynge", "Landsby(er)": "Øster Lindå, Vester Lindå, Lindå Mølle, Kratbjerg",
         "Status": "Indsendt", "Udfyldt": "Mangler: Materiale (mindst én fil eller et videolink)",
         "Frist": format_moment(deadline), "Tid tilbage": "3 dage og 2 timer"},
        {"Kandidat": "Stenhøj Vestermark", "Landsby(er)": "Stenhøj Vestermark", "Status": "Indsendt",
         "Udfyldt": "Komplet", "Frist": format_moment(deadline), "Tid tilbage": "3 dage og 2 timer"}]


def test_the_year_line_names_the_phase_and_the_deadline(demo_site, open_app, screen):
    app = open_app("lag.randers")

    assert len(app.exception) == 0
    assert screen.values(app.main.caption)[0] == (
        "Landsbyprisen 2020 (demo) · fase: Første bedømmelsesrunde · frist for indstilling: "
        "15. januar 2020 kl. 12:00")


def test_outside_the_call_there_is_no_new_nomination_and_the_page_says_why(demo_site, open_app, screen):
    app = open_app("lag.randers")

    assert (screen.values(app.info), [button.label for button in app.main.button]) == (
        ["Det kan ikke lade sig gøre, mens året er i fasen «Første bedømmelsesrunde»."], [])


def test_over_the_bodys_limit_the_new_nomination_form_gives_way_to_the_limit(demo_site, open_app, screen,
                                                                            change_database):
    _open_call(change_database, deadline=_soon())

    app = open_app("lag.randers")

    assert screen.values(app.info) == [
        "«LAG Randers-Favrskov» kan indstille højst 2 kandidat(er) i 2020, og der er allerede 2. "
        "Slet en kladde, eller bed sekretariatet om at hæve grænsen."]


@pytest.mark.both_databases
def test_a_nominator_creates_a_draft_which_opens_in_the_editor(demo_site, open_app, screen, change_database):
    _open_call(change_database, deadline=_soon(), limit=3)
    app = open_app("lag.randers")

    screen.field(app, "Kandidatens navn").input("Kratbjerg")
    app.selectbox[1].select_index(0)
    app = screen.button(app, "Opret kladde").click().run()

    created = _id_of(demo_site, "Kratbjerg")
    assert (len(app.exception), screen.values(app.success), app.selectbox(key=OPEN_KEY).value) == (
        0, ["Kladden «Kratbjerg» er oprettet. Udfyld felterne nedenfor; alt gemmes, så snart du forlader et felt."],
        created)
    nomination = _stored(demo_site, created)
    assert (nomination.status, nomination.municipality.name, _widget(app, "text_input", created, "name").value) == (
        NominationStatus.DRAFT, "Favrskov", "Kratbjerg")


# --- The editor ------------------------------------------------------------------------------

@pytest.mark.both_databases
def test_a_nominator_types_in_a_field_and_leaving_it_stores_it(demo_site, open_app, change_database, screen):
    _open_call(change_database, deadline=_soon())
    nomination_id = _id_of(demo_site, "Stenhøj Vestermark")
    app = _open(open_app("lag.randers"), nomination_id)

    _widget(app, "text_area", nomination_id, "summary").input(SUMMARY)
    app = app.run()

    assert (len(app.exception), _stored(demo_site, nomination_id).summary) == (0, SUMMARY)
    assert _saved_at(demo_site, nomination_id) in screen.values(app.caption)


@pytest.mark.parametrize("ended_by", ["deactivation", "logout_elsewhere"])
def test_a_field_left_after_the_login_has_ended_elsewhere_is_not_stored(demo_site, open_app, change_database, screen,
                                                                        ended_by):
    _open_call(change_database, deadline=_soon())
    nomination_id = _id_of(demo_site, "Stenhøj Vestermark")
    before = _stored(demo_site, nomination_id).summary
    app = _open(open_app("lag.randers"), nomination_id)
    with change_database() as session:
        user = session.scalars(select(User).where(User.username == "lag.randers")).one()
        if ended_by == "deactivation":
            set_active(session, actor=Actor.command_line(), user_id=user.id, active=False)
        else:
            log_out(session, actor=Actor.of(user))

    _widget(app, "text_area", nomination_id, "summary").input(SUMMARY)
    app = app.run()

    assert len(app.exception) == 0
    assert (_stored(demo_site, nomination_id).summary, app.session_state["authentication_status"],
            screen.values(app.title)) == (before, None, ["Landsbyprisen"])


def test_each_kind_of_field_is_stored_from_its_widget(demo_site, open_app, change_database):
    _open_call(change_database, deadline=_soon())
    nomination_id = _id_of(demo_site, "Stenhøj Vestermark")
    app = _open(open_app("lag.randers"), nomination_id)

    _widget(app, "text_area", nomination_id, "villages").input("Stenhøj\n\nVestermark\n").run()
    _widget(app, "multiselect", nomination_id, "sdgs").set_value([13, 7]).run()
    _widget(app, "selectbox", nomination_id, "kind").select_index(1).run()
    _widget(app, "text_area", nomination_id, "cooperation").input("Med nabolandsbyerne.").run()
    app = _widget(app, "text_input", nomination_id, "website_url").input("https://stenhoej.dk").run()

    stored = _stored(demo_site, nomination_id)
    assert ([village.name for village in stored.villages], [goal.number for goal in stored.sdgs], stored.kind,
            {answer.question: answer.text for answer in stored.answers}["cooperation"], stored.website_url) == (
        ["Stenhøj", "Vestermark"], [7, 13], "cluster", "Med nabolandsbyerne.", "https://stenhoej.dk")
    assert _widget(app, "text_area", nomination_id, "villages").value == "Stenhøj\nVestermark"


@pytest.mark.parametrize(("kind", "field", "value", "message"), [
    ("text_input", "video_url", "javascript:alert(1)",
     "Feltet «Videolink» skal være en fuld webadresse, der begynder med https:// eller http:// "
     "(fx https://www.landsby.dk). «javascript:alert(1)» kan ikke bruges."),
    ("text_input", "contact_name", "Anne\x00", "Feltet «Kontaktpersonens navn» indeholder et kontroltegn eller et "
                                               "usynligt styretegn for tekstretning. Fjern det og prøv igen."),
    ("text_input", "name", "", "Feltet «Kandidatens navn» skal udfyldes."),
    ("text_area", "summary", "", "En indsendt indstilling skal være komplet, så ændringen er ikke gemt. Den ville "
                                 "mangle: «Kort beskrivelse»."),
])
def test_bad_input_shows_the_danish_message_and_stores_nothing(demo_site, open_app, change_database, screen,
                                                               kind, field, value, message):
    _open_call(change_database, deadline=_soon())
    nomination_id = _id_of(demo_site, "Stenhøj Vestermark")
    before = getattr(_stored(demo_site, nomination_id), field)
    app = _open(open_app("lag.randers"), nomination_id)

    app = _widget(app, kind, nomination_id, field).input(value).run()

    assert (screen.values(app.error), getattr(_stored(demo_site, nomination_id), field)) == ([message], before)
    assert _widget(app, kind, nomination_id, field).value == value


def test_every_change_after_submission_is_audited(demo_site, open_app, change_database):
    _open_call(change_database, deadline=_soon())
    nomination_id = _id_of(demo_site, "Stenhøj Vestermark")
    app = _open(open_app("lag.randers"), nomination_id)

    _widget(app, "text_input", nomination_id, "contact_phone").input("+45 87 65 43 21").run()

    with Session(demo_site) as session:
        entries = session.scalars(select(AuditEntry).where(AuditEntry.action == "nomination.changed")).all()
        assert [(entry.actor_label, entry.entity_id, entry.old_value, entry.new_value) for entry in entries] == [
            ("Jens Peter Bundgaard (lag.randers)", nomination_id, '{"contact_phone": "[persondata]"}',
             '{"contact_phone": "[persondata]"}')]


def test_after_the_deadline_the_editor_is_read_only(demo_site, open_app, change_database, screen):
    deadline = datetime.now(UTC) - timedelta(hours=1)
    _open_call(change_database, deadline=deadline)
    nomination_id = _id_of(demo_site, "Stenhøj Vestermark")

    app = _open(open_app("lag.randers"), nomination_id)

    widgets = [*app.text_input, *app.text_area, *app.multiselect, *app.selectbox]
    editor = [widget for widget in widgets if widget.key and widget.key.startswith(f"form_{nomination_id}_")]
    assert (len(editor), {widget.disabled for widget in editor}) == (17, {True})
    assert screen.values(app.warning) == [
        f"Fristen udløb {format_moment(deadline)}. Indstillingen kan nu kun læses."]


def test_in_the_judging_phases_a_nomination_can_only_be_read(demo_site, open_app, screen):
    nomination_id = _id_of(demo_site, "Stenhøj Vestermark")

    app = _open(open_app("lag.randers"), nomination_id)

    assert (_widget(app, "text_area", nomination_id, "summary").disabled, screen.values(app.warning)) == (
        True, ["Du kan se indstillingen, men ikke ændre den."])


# --- Submitting, the receipt, inviting, deleting ---------------------------------------------

def _draft(demo_site, open_app, screen, change_database, name: str = "Kratbjerg"):
    _open_call(change_database, deadline=_soon(), limit=3)
    app = open_app("lag.randers")
    screen.field(app, "Kandidatens navn").input(name)
    app = screen.button(app, "Opret kladde").click().run()
    return app, _id_of(demo_site, name)


def test_submit_names_exactly_what_the_draft_still_lacks(demo_site, open_app, screen, change_database):
    app, draft = _draft(demo_site, open_app, screen, change_database)

    app = screen.button(app, "Send indstillingen ind").click().run()

    lacks = ("Indstillingen kan ikke sendes ind endnu. Det mangler: «Landsbyer», «Kontaktpersonens navn», "
             "«Kontaktpersonens e-mail», «Kort beskrivelse» og «Materiale (mindst én fil eller et videolink)».")
    assert (screen.values(app.warning), screen.values(app.error), _stored(demo_site, draft).status) == (
        [lacks], [lacks], NominationStatus.DRAFT)


@pytest.mark.both_databases
def test_a_submitted_nomination_shows_its_receipt_with_the_text_as_typed(demo_site, open_app, screen,
                                                                         change_database):
    app, draft = _draft(demo_site, open_app, screen, change_database)
    for kind, field, value in [("text_area", "villages", "Kratbjerg"), ("text_input", "contact_name", "Bo Holm"),
                               ("text_input", "contact_email", "bo@example.dk"), ("text_area", "summary", SUMMARY),
                               ("text_input", "video_url", "https://video.example.dk/kratbjerg")]:
        app = _widget(app, kind, draft, field).input(value).run()

    app = screen.button(app, "Send indstillingen ind").click().run()
    told = screen.values(app.success)
    app = app.toggle(key=f"form_{draft}_receipt_printable").set_value(True).run()

    stored = _stored(demo_site, draft)
    assert (stored.status, told[0]) == (NominationStatus.SUBMITTED, "Indstillingen «Kratbjerg» er sendt ind.")
    with Session(demo_site) as session:
        assert session.execute(select(OutboxMessage.recipient, OutboxMessage.kind)).all() == [
            ("jens.bundgaard@example.dk", MailKind.RECEIPT), ("bo@example.dk", MailKind.RECEIPT)]
    assert [button.proto.label for button in app.get("download_button")] == ["Hent kvittering (PDF)"]
    shown = [value.rstrip() for value in screen.values(app.markdown)]
    assert (SUMMARY in shown, SUMMARY in screen.raw_values(app.markdown)) == (True, False)
    assert f"**Indsendt:** {format_receipt_moment(stored.submitted_at, 'da')}" in shown


def test_the_invited_contact_gets_an_email_with_a_password_link_and_no_password_is_shown(
        demo_site, open_app, screen, change_database):
    app, draft = _draft(demo_site, open_app, screen, change_database)
    app = screen.button(app, "Invitér kontaktperson").click().run()

    screen.field(app, "Navn").input("Bo Holm")
    screen.field(app, "E-mail").input("bo@example.dk")
    screen.field(app, "Brugernavn").input("bo.kratbjerg")
    app = screen.button(app, "Opret login").click().run()

    with Session(demo_site) as session:
        user = session.scalars(select(User).where(User.username == "bo.kratbjerg")).one()
        assert (user.role, user.nomination_id, user.must_change_password) == ("village", draft, True)
        assert session.execute(select(OutboxMessage.recipient, OutboxMessage.kind)).all() == [
            ("bo@example.dk", MailKind.INVITATION)]
    assert (screen.values(app.success)[0], len(app.code)) == (
        "Login til «bo.kratbjerg» er oprettet, og kontaktpersonen får en e-mail med et link til at vælge sin egen "
        "adgangskode.", 0)
    assert screen.values(app.caption)[-2:] == ["Landsbyens kontaktperson har login med brugernavnet «bo.kratbjerg».",
                                              "Demoinstallation: alle data er fiktive."]


def test_a_draft_is_deleted_only_after_confirmation(demo_site, open_app, screen, change_database):
    app, draft = _draft(demo_site, open_app, screen, change_database)

    app = screen.button(app, "Slet kladde …").click().run()
    asked = screen.values(app.warning)[-1]
    app = screen.button(app, "Ja, slet kladden").click().run()

    assert asked == ("Vil du slette kladden «Kratbjerg» med alt dens materiale? Det kan ikke fortrydes, og "
                     "landsbyens kontaktperson mister adgangen.")
    assert (_id_of(demo_site, "Kratbjerg"), screen.values(app.success), app.selectbox(key=OPEN_KEY).value) == (
        None, ["Kladden «Kratbjerg» er slettet."], None)


# --- The village contact ---------------------------------------------------------------------

def test_a_village_contact_goes_straight_to_their_own_nomination_under_their_own_title(demo_site, open_app, screen):
    app = open_app("ildsjael")

    nomination_id = _id_of(demo_site, "Stenhøj Vestermark")
    assert (len(app.exception), screen.values(app.title), screen.values(app.header)) == (
        0, ["Vores ansøgning"], ["Stenhøj Vestermark"])
    assert ([box.key for box in app.main.selectbox], len(app.dataframe) + len(app.table)) == (
        [f"form_{nomination_id}_kind", f"form_{nomination_id}_municipality"], 0)


@pytest.mark.both_databases
def test_a_village_contact_types_in_a_field_and_leaving_it_stores_it(demo_site, open_app, change_database, screen):
    _open_call(change_database, deadline=_soon())
    nomination_id = _id_of(demo_site, "Stenhøj Vestermark")
    app = open_app("ildsjael")

    app = _widget(app, "text_area", nomination_id, "strengths").input("Vi ejer selv vores varme.").run()

    answers = {answer.question: answer.text for answer in _stored(demo_site, nomination_id).answers}
    assert (len(app.exception), answers["strengths"]) == (0, "Vi ejer selv vores varme.")
    assert _saved_at(demo_site, nomination_id) in screen.values(app.caption)


def test_a_village_contact_cannot_submit_delete_or_invite(demo_site, open_app, change_database, screen):
    _open_call(change_database, deadline=_soon())
    with change_database() as session:
        nomination = session.get(Nomination, nomination_id_by_name(session, "Stenhøj Vestermark", year_id=None))
        nomination.status, nomination.submitted_at = NominationStatus.DRAFT, None

    app = open_app("ildsjael")

    # Only the material's own buttons: the contact keeps the material up to date.
    assert [button.label for button in app.main.button] == ["Fjern", "Fjern"]
    assert "Når ansøgningen er klar, sender «LAG Randers-Favrskov» den ind." in screen.values(app.caption)


def test_after_the_deadline_the_village_contact_can_only_read(demo_site, open_app, change_database, screen):
    _open_call(change_database, deadline=datetime.now(UTC) - timedelta(minutes=5))
    nomination_id = _id_of(demo_site, "Stenhøj Vestermark")

    app = open_app("ildsjael")

    assert (_widget(app, "text_area", nomination_id, "summary").disabled,
            _widget(app, "text_input", nomination_id, "name").disabled) == (True, True)
