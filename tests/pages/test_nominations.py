"""Indstillinger: the secretariat's list of the year's nominations, one nomination in
full, marking it eligible or ineligible, and reopening it."""

from datetime import UTC, datetime, time, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session
from streamlit.util import calc_hash

from prize.deadlines import DANISH_TIME
from prize.i18n import danish_sort_key, format_moment
from prize.models import Attachment, AuditEntry, Nomination, NominationAnswer, PrizeYear
from prize.phases import NominationStatus, Phase
from tests.pages.conftest import as_read_table

COLUMNS = ["Status", "Kandidat", "Landsby(er)", "Kommune", "Indstillet af", "Komplet", "Bilag", "Indsendt",
           "Forhåndstjek", "Begrundelse"]
HOSTILE = "**Fed** [klik](javascript:alert(1)) ![spor](http://spor.example/x.png) <b>html</b> $x^2$"


def _nominations_page(screen, open_app, username: str = "sekretariat"):
    return screen.request_url_path(open_app(username), "nominations")


def _id_of(engine, name: str) -> int:
    with Session(engine) as session:
        return session.scalars(select(Nomination.id).where(Nomination.name == name)).one()


def _choose(app, nomination_id: int):
    app.selectbox(key="review_choose").set_value(nomination_id)
    return app.run()


def _stored(engine, name: str) -> tuple:
    with Session(engine) as session:
        nomination = session.scalars(select(Nomination).where(Nomination.name == name)).one()
        return nomination.status, nomination.eligibility_reason, nomination.reopened_until, nomination.reopen_reason


@pytest.fixture
def intake_closed(demo_site, change_database):
    """The demo year back at "nominations closed", with Bakkekær submitted and not yet checked."""
    with change_database() as session:
        session.scalars(select(PrizeYear)).one().phase = Phase.NOMINATIONS_CLOSED
        bakkekaer = session.scalars(select(Nomination).where(Nomination.name == "Bakkekær")).one()
        bakkekaer.status, bakkekaer.eligibility_reason = NominationStatus.SUBMITTED, ""
    return demo_site


# --- The list -------------------------------------------------------------------------------

def test_the_secretariat_sees_every_nomination_of_the_year_with_its_checks(demo_site, open_app, screen, demo_facts):
    app = _nominations_page(screen, open_app)

    table = as_read_table(app.table[0])
    assert len(app.exception) == 0
    assert (screen.values(app.title), list(table.columns), list(table["Kandidat"])) == (
        ["Indstillinger"], COLUMNS, sorted(demo_facts.nomination_names(), key=danish_sort_key))
    assert table[table["Kandidat"] == "Stenhøj Vestermark"].drop(columns="Bilag").to_dict("records") == [{
        "Kandidat": "Stenhøj Vestermark", "Landsby(er)": "Stenhøj Vestermark", "Kommune": "Randers",
        "Indstillet af": "LAG Randers-Favrskov", "Status": "Godkendt", "Komplet": "Ja",
        "Indsendt": "13. januar 2020 kl. 20:42", "Forhåndstjek": "OK",
        "Begrundelse": "Godkendt: i regionen og komplet. LAG Randers-Favrskov må indstille to kandidater i år."}]
    assert set(table["Bilag"].str.split(" · ").str[0]) == {"1", "2"}


def test_a_missing_part_and_a_failed_pre_check_show_in_the_row(demo_site, open_app, screen, change_database):
    with change_database() as session:
        session.scalars(select(Nomination).where(Nomination.name == "Bakkekær")).one().summary = ""

    app = _nominations_page(screen, open_app)

    table = as_read_table(app.table[0])
    row = table[table["Kandidat"] == "Bakkekær"].iloc[0]
    assert (row["Komplet"], row["Forhåndstjek"]) == (
        "Mangler: Kort beskrivelse",
        "Indstillingen er ikke komplet. Der mangler: Kort beskrivelse.")


def test_the_status_filter_keeps_the_chosen_statuses(intake_closed, open_app, screen):
    app = _nominations_page(screen, open_app)

    app.multiselect(key="review_list_status").set_value([NominationStatus.SUBMITTED]).run()

    assert (list(as_read_table(app.table[0])["Kandidat"]), screen.values(app.main.markdown)[0]) == (
        ["Bakkekær"], "**1** af **13** indstillinger vises.")


def test_the_completeness_filter_keeps_the_incomplete_ones(demo_site, open_app, screen, change_database):
    with change_database() as session:
        session.scalars(select(Nomination).where(Nomination.name == "Ulvedal")).one().contact_email = ""
    app = _nominations_page(screen, open_app)

    app.selectbox(key="review_list_complete").set_value("only_incomplete").run()

    assert list(as_read_table(app.table[0])["Kandidat"]) == ["Ulvedal"]


def test_the_municipality_and_body_filters_combine(demo_site, open_app, screen):
    app = _nominations_page(screen, open_app)

    app.multiselect(key="review_list_body").set_value(["LAG Randers-Favrskov", "LAG Skive-Viborg"])
    app.multiselect(key="review_list_municipality").set_value(["Favrskov", "Viborg", "Samsø"]).run()

    assert list(as_read_table(app.table[0])["Kandidat"]) == ["Bakkekær", "Lindådalens landsbyklynge"]


def test_the_list_sorts_by_municipality_in_reverse_danish_order(demo_site, open_app, screen):
    app = _nominations_page(screen, open_app)

    app.selectbox(key="review_list_sort").set_value("municipality")
    app.toggle(key="review_list_descending").set_value(True).run()

    assert list(as_read_table(app.table[0])["Kommune"])[:4] == ["Aarhus", "Viborg", "Struer", "Skive"]


def test_the_list_sorts_by_submission_time(demo_site, open_app, screen, demo_facts):
    app = _nominations_page(screen, open_app)

    app.selectbox(key="review_list_sort").set_value("submitted_at").run()

    in_order = sorted(demo_facts.data["nominations"], key=lambda item: item["submitted_at"])
    assert list(as_read_table(app.table[0])["Kandidat"]) == [item["name"] for item in in_order]


def test_the_list_downloads_as_csv(demo_site, open_app, screen):
    app = _nominations_page(screen, open_app)

    button = app.get("download_button")[0]
    assert (len(app.exception), button.proto.label, button.proto.ignore_rerun) == (0, "Hent listen som CSV", True)


@pytest.mark.parametrize("username", ["lag.randers", "ildsjael", "jury1"])
def test_only_the_secretariat_may_open_the_list(demo_site, open_app, screen, demo_facts, username):
    app = _nominations_page(screen, open_app, username)

    assert (screen.values(app.error), screen.shown(app, demo_facts.nomination_names(body="lag-skive-viborg"))) == (
        ["Din rolle giver ikke adgang til denne side."], [])


def test_while_nominations_are_open_the_page_links_to_closing_them(demo_site, open_app, screen, change_database):
    with change_database() as session:
        session.scalars(select(PrizeYear)).one().phase = Phase.NOMINATIONS_OPEN

    app = _nominations_page(screen, open_app)

    links = app.get("page_link")
    assert [(link.proto.label, link.proto.page_script_hash) for link in links] == [
        ("Luk for indstillinger under «Årets forløb»", calc_hash("overview"))]


def test_a_year_without_nominations_says_so(demo_site, open_app, screen, change_database):
    with change_database() as session:
        session.add(PrizeYear(year=2021, title="Landsbyprisen 2021", prize_amount=150_000, phase=Phase.DRAFT))

    app = _nominations_page(screen, open_app)

    assert (len(app.exception), screen.values(app.info), len(app.dataframe) + len(app.table)) == (
        0, ["Der er ingen indstillinger i år endnu."], 0)


# --- One nomination -------------------------------------------------------------------------

def test_choosing_a_nomination_shows_its_texts_answers_goals_links_and_material(demo_site, open_app, screen):
    app = _choose(_nominations_page(screen, open_app), _id_of(demo_site, "Stenhøj Vestermark"))

    text = screen.text(app)
    assert len(app.exception) == 0
    assert screen.values(app.subheader)[-1] == "Stenhøj Vestermark"
    assert [question in text for question in (
        "Styrker og værdier", "Resultater og planer", "Næste skridt", "Organisering og inddragelse",
        "Samarbejde og udsyn", "Vores største styrke er, at vi tør tage ansvar selv.",
        "Verdensmål:** 7 Bæredygtig energi, 11 Bæredygtige byer og lokalsamfund, 13 Klimaindsats, "
        "17 Partnerskaber for handling", "Ansøgning Stenhøj Vestermark.pdf · application/pdf",
        "Varmeværket og solfangerne.png · image/png")] == [True] * 9
    assert "Hjemmeside: [https\\:\u2060\\/\\/stenhoej\\-vestermark\\.example\\.dk]" \
           "(https://stenhoej-vestermark.example.dk)" in screen.raw_values(app.markdown)


def test_the_pre_checks_of_a_nomination_are_listed_one_by_one(demo_site, open_app, screen):
    app = _choose(_nominations_page(screen, open_app), _id_of(demo_site, "Stenhøj Vestermark"))

    assert screen.values(app.success) == [
        "✓ Kandidaten ligger i regionen  \n✓ Indstillingen er komplet  \n"
        "✓ Indstilleren holder sig inden for sit antal indstillinger  \n"
        "✓ Kandidaten har ikke vundet prisen for nylig"]


def test_hostile_text_in_a_nomination_is_shown_literally_and_a_script_link_is_no_link(demo_site, open_app, screen,
                                                                                     change_database):
    with change_database() as session:
        nomination = session.scalars(select(Nomination).where(Nomination.name == "Bakkekær")).one()
        nomination.summary, nomination.website_url = HOSTILE, "javascript:alert(1)"
        nomination.video_url = "https://video.example.dk/a b)(c"
        nomination.answers = [NominationAnswer(question="strengths", text=f"{HOSTILE}\n# Overskrift")]
        session.add(Attachment(nomination_id=nomination.id, filename="../../etc/passwd <b>.pdf",
                               content_type="application/pdf", size_bytes=10, sha256="f" * 64,
                               storage_key="f" * 32))

    app = _choose(_nominations_page(screen, open_app), _id_of(demo_site, "Bakkekær"))

    sources = screen.raw_values(app.markdown)
    assert len(app.exception) == 0
    assert [source for source in sources if "](javascript" in source or "<b>" in source or "![" in source
            or "\n#" in source] == []
    assert screen.values(app.markdown).count(HOSTILE) == 1
    assert ("Hjemmeside: javascript:alert(1) (ikke et http- eller https-link; vises kun som tekst)"
            in screen.values(app.markdown))
    assert "(https://video.example.dk/a%20b%29%28c)" in " ".join(sources)


# --- Marking --------------------------------------------------------------------------------

@pytest.mark.both_databases
def test_the_secretariat_marks_a_submitted_nomination_eligible_with_a_reason(intake_closed, open_app, screen):
    app = _choose(_nominations_page(screen, open_app), _id_of(intake_closed, "Bakkekær"))

    app.radio[0].set_value(NominationStatus.ELIGIBLE)
    app.text_area[0].input("I regionen, komplet og inden for LAG'ens antal.")
    screen.button(app, "Gem vurdering").click()
    app.run()

    assert len(app.exception) == 0
    assert (screen.values(app.success)[0], _stored(intake_closed, "Bakkekær")[:2]) == (
        "Bakkekær er markeret som «Godkendt».",
        (NominationStatus.ELIGIBLE, "I regionen, komplet og inden for LAG'ens antal."))


@pytest.mark.both_databases
def test_a_mark_without_a_reason_is_refused_and_changes_nothing(intake_closed, open_app, screen):
    app = _choose(_nominations_page(screen, open_app), _id_of(intake_closed, "Bakkekær"))

    screen.button(app, "Gem vurdering").click()
    app.run()

    assert (screen.values(app.error), _stored(intake_closed, "Bakkekær")) == (
        ["Feltet «Begrundelse» skal udfyldes."], (NominationStatus.SUBMITTED, "", None, ""))


def test_the_mark_offers_what_the_status_allows(intake_closed, open_app, screen):
    app = _choose(_nominations_page(screen, open_app), _id_of(intake_closed, "Ulvedal"))

    assert [(radio.label, radio.options) for radio in app.radio] == [("Markér som", ["Afvist"])]


def test_once_judging_has_begun_a_nomination_cannot_be_marked_or_reopened(demo_site, open_app, screen):
    app = _choose(_nominations_page(screen, open_app), _id_of(demo_site, "Ulvedal"))

    assert (len(app.radio), len(app.text_area), screen.values(app.main.caption)[-2:]) == (0, 0, [
        "Indstillinger vurderes, mens indstilling er åben eller lukket; året er i fasen «Første bedømmelsesrunde».",
        "Indstillingen kan ikke genåbnes nu."])


# --- Reopening ------------------------------------------------------------------------------

@pytest.mark.both_databases
def test_the_secretariat_reopens_a_nomination_until_a_new_deadline_in_danish_time(intake_closed, open_app, screen):
    app = _choose(_nominations_page(screen, open_app), _id_of(intake_closed, "Bakkekær"))
    day = datetime.now(DANISH_TIME).date() + timedelta(days=3)

    app.date_input[0].set_value(day)
    app.time_input[0].set_value(time(16, 30))
    app.text_area[1].input("Bilaget kom for sent på grund af en fejl hos os.")
    screen.button(app, "Genåbn").click()
    app.run()

    until = datetime.combine(day, time(16, 30), tzinfo=DANISH_TIME)
    assert len(app.exception) == 0
    assert _stored(intake_closed, "Bakkekær")[2:] == (until, "Bilaget kom for sent på grund af en fejl hos os.")
    assert screen.values(app.success)[0] == f"Bakkekær er genåbnet indtil {format_moment(until)}."
    assert _last_audit(intake_closed) == "nomination.reopened"


def _last_audit(engine) -> str:
    with Session(engine) as session:
        return session.scalars(select(AuditEntry.action).order_by(AuditEntry.id.desc()).limit(1)).one()


def test_a_reopened_nomination_shows_until_when_and_why(intake_closed, open_app, screen, change_database):
    with change_database() as session:
        bakkekaer = session.scalars(select(Nomination).where(Nomination.name == "Bakkekær")).one()
        bakkekaer.reopened_until = datetime(2099, 2, 1, 11, 0, tzinfo=UTC)
        bakkekaer.reopen_reason = "Bilaget manglede."

    app = _choose(_nominations_page(screen, open_app), _id_of(intake_closed, "Bakkekær"))

    captions = [caption for caption in screen.values(app.main.caption) if caption.startswith("Indsendt")]
    assert (screen.values(app.info), captions) == (
        ["Genåbnet indtil 1. februar 2099 kl. 12:00. Begrundelse: Bilaget manglede."],
        ["Indsendt 15. januar 2020 kl. 09:40 · Kan ændres indtil 1. februar 2099 kl. 12:00."])


def test_today_is_the_earliest_day_a_nomination_can_be_reopened_to(intake_closed, open_app, screen):
    app = _choose(_nominations_page(screen, open_app), _id_of(intake_closed, "Bakkekær"))

    assert (app.date_input[0].proto.min, app.date_input[0].value) == (
        datetime.now(DANISH_TIME).date().isoformat(), datetime.now(DANISH_TIME).date() + timedelta(days=7))


def test_the_answers_tell_an_unanswered_question(demo_site, open_app, screen, change_database):
    with change_database() as session:
        nomination = session.scalars(select(Nomination).where(Nomination.name == "Kvolsbæk")).one()
        nomination.answers = [answer for answer in nomination.answers if answer.question != "cooperation"]

    app = _choose(_nominations_page(screen, open_app), _id_of(demo_site, "Kvolsbæk"))

    assert screen.values(app.markdown).count("(ikke udfyldt)") == 1



def test_a_nomination_tells_when_it_was_submitted_and_last_changed(demo_site, open_app, screen, change_database):
    with change_database() as session:
        nomination = session.scalars(select(Nomination).where(Nomination.name == "Bakkekær")).one()
        nomination.updated_at = datetime(2020, 1, 15, 10, 5, tzinfo=UTC)

    app = _choose(_nominations_page(screen, open_app), _id_of(demo_site, "Bakkekær"))

    assert [caption for caption in screen.values(app.main.caption) if caption.startswith("Indsendt")] == [
        "Indsendt 15. januar 2020 kl. 09:40 · senest ændret 15. januar 2020 kl. 11:05 · "
        "Kan ikke ændres (fristen er passeret)."]
