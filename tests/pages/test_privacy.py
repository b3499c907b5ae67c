"""The privacy page before and after login, a user's own data on "Min profil", and the
secretariat's search, download and erasure of a person's data on "Brugere"."""

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from prize.models import AuditEntry, User
from prize.text import escape_markdown

CONTACT = "Skriv til dpo@rm.dk [ikke et link](https://example.org)"
HEADINGS = ["Dataansvarlig", "Hvilke oplysninger vi gemmer", "Hvorfor vi behandler dem", "Hvor længe vi gemmer dem",
            "Dine rettigheder", "Kontakt"]


def test_the_login_page_links_to_the_privacy_page_and_the_public_finalists_page(demo_site, open_app):
    app = open_app()

    assert len(app.exception) == 0
    assert [(link.proto.label, link.proto.page) for link in app.get("page_link")] == [
        ("Landsbyprisens finalister", "finalister"), ("Privatlivspolitik", "privacy"),
        ("Tilgængelighedserklæring", "accessibility")]


def test_a_visitor_reads_the_privacy_page_without_logging_in(demo_site, open_app, screen, demo_facts):
    app = open_app()

    screen.request_url_path(app, "privacy")

    assert len(app.exception) == 0
    assert (screen.values(app.title), screen.values(app.header)) == (["Privatlivspolitik"], HEADINGS)
    assert screen.values(app.markdown)[3] == (
        "Kontaktoplysningerne i indstillingerne og persondata om brugere, der ikke længere er aktive, "
        "anonymiseres 3 år efter, at årets pris er afsluttet og arkiveret. Prisens resultater, juryens "
        "bedømmelser og beslutningerne gemmes uden navn som dokumentation for tildelingen.")
    # ("sekretariat" is a username, and a word the notice uses.)
    assert (screen.shown(app, demo_facts.nomination_names() + demo_facts.person_names()), len(app.text_input)) == (
        [], 0)


def test_the_regions_own_contact_and_retention_years_are_shown(demo_site, open_app, screen, monkeypatch):
    monkeypatch.setenv("PRIZE_PRIVACY_CONTACT", CONTACT)
    monkeypatch.setenv("PRIZE_RETENTION_YEARS", "5")
    app = open_app()

    screen.request_url_path(app, "privacy")

    assert len(app.exception) == 0
    markdown = screen.values(app.markdown)
    assert (markdown[-1], markdown[3]) == (
        CONTACT,
        "Kontaktoplysningerne i indstillingerne og persondata om brugere, der ikke længere er aktive, "
        "anonymiseres 5 år efter, at årets pris er afsluttet og arkiveret. Prisens resultater, juryens "
        "bedømmelser og beslutningerne gemmes uden navn som dokumentation for tildelingen.")
    # The region's text is shown literally: no link.
    assert screen.raw_values(app.markdown)[-1] == escape_markdown(CONTACT)


def test_a_logged_in_juror_finds_the_privacy_page_in_the_menu(demo_site, open_app, screen):
    app = open_app("jury1")

    screen.request_url_path(app, "privacy")

    assert len(app.exception) == 0
    assert (screen.values(app.title), screen.values(app.header)) == (["Privatlivspolitik"], HEADINGS)


def test_a_user_finds_the_download_of_their_own_data_on_their_profile(demo_site, open_app, screen):
    app = open_app("jury1")

    screen.request_url_path(app, "profile")

    assert len(app.exception) == 0
    assert [button.proto.label for button in app.get("download_button")] == ["Hent mine oplysninger (JSON)"]


# --- The secretariat's erasure --------------------------------------------------------------

def _search(app, screen, text: str):
    app.text_input(key="personal_data_search").input(text)
    return app.run()


def _user(engine, username: str) -> User | None:
    with Session(engine) as session:
        return session.scalar(select(User).where(User.username == username))


def test_the_secretariat_finds_a_person_and_sees_the_download(demo_site, open_app, screen):
    app = open_app("sekretariat")
    screen.request_url_path(app, "users")

    _search(app, screen, "henrik.lund")

    assert len(app.exception) == 0
    assert (app.selectbox(key="personal_data_person").options,
            [button.proto.label for button in app.get("download_button")]) == (
        ["Henrik Aagaard Lund (jury1, Jurymedlem) henrik.lund@example.dk"], ["Hent personens oplysninger (JSON)"])


@pytest.mark.both_databases
def test_the_secretariat_erases_a_juror_after_confirming_with_a_reason(demo_site, open_app, screen):
    app = open_app("sekretariat")
    screen.request_url_path(app, "users")
    _search(app, screen, "henrik.lund")
    juror_id = _user(demo_site, "jury1").id

    app.text_area[0].input("Anmodning pr. e-mail")
    app.checkbox[0].check()
    screen.button(app, "Slet oplysningerne").click()
    app.run()

    assert len(app.exception) == 0
    assert screen.values(app.success) == [
        f"Oplysningerne er slettet. Brugeren hedder nu Slettet bruger {juror_id}; 0 indstilling(er) har fået "
        "kontaktoplysningerne slettet."]
    erased = _user(demo_site, f"slettet-{juror_id}")
    assert (erased.name, erased.email, erased.active, _user(demo_site, "jury1")) == (
        f"Slettet bruger {juror_id}", "", False, None)
    with Session(demo_site) as session:
        event = session.scalars(select(AuditEntry).where(AuditEntry.action == "user.erased")).one()
    assert (event.actor_label, event.entity_id, event.new_value) == (
        "Mette Kjær Lauridsen (sekretariat)", juror_id, '{"reason": "Anmodning pr. e-mail"}')


def test_an_erasure_without_the_confirmation_changes_nothing(demo_site, open_app, screen):
    app = open_app("sekretariat")
    screen.request_url_path(app, "users")
    _search(app, screen, "henrik.lund")

    app.text_area[0].input("Anmodning pr. e-mail")
    screen.button(app, "Slet oplysningerne").click()
    app.run()

    assert len(app.exception) == 0
    assert (screen.values(app.warning)[-1], _user(demo_site, "jury1").name) == (
        "Sæt kryds for at bekræfte, at det er den rigtige person.", "Henrik Aagaard Lund")
