"""The nomination form's services: create within the body's limit, save one field at a
time, submit a complete nomination, delete a draft, invite the village contact.
Each bad input is refused with a Danish message and changes nothing stored."""

import io
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from prize.db import session_scope
from prize.errors import DeadlinePassed, InvalidInput, NotAllowed, OutOfPhase, PasswordChangeRequired
from prize.mail.links import MailLinks
from prize.models import Attachment, AuditEntry, CandidateKind, MailKind, Nomination, OutboxMessage, User
from prize.phases import NominationStatus, Phase
from prize.questions import GuidingQuestion
from prize.roles import Role
from prize.services.nominations import (create_nomination, delete_draft, invite_village_contact,
                                        new_nomination_choices, nomination_detail, own_nominations,
                                        submit_nomination, update_field)
from prize.storage import LocalStorage
from tests.factories import (TEST_BCRYPT_ROUNDS, actor_of, make_body, make_nomination, make_user, make_year,
                             municipality)

# 12:00 Danish time.
DEADLINE = datetime(2021, 1, 15, 11, 0, tzinfo=UTC)
BEFORE = DEADLINE - timedelta(days=2)
AFTER = DEADLINE + timedelta(minutes=1)
COMPLETE = {"villages": ["Stenhøj Vestermark"], "contact_name": "Anne Marie Søndergaard",
            "contact_email": "anne@example.dk", "summary": "Landsbyen, der selv ejer sin varme.",
            "video_url": "https://video.example.dk/stenhoej"}


@pytest.fixture
def year(session):
    prize_year = make_year(session, year=2021, phase=Phase.NOMINATIONS_OPEN)
    prize_year.nomination_deadline = DEADLINE
    session.flush()
    return prize_year


@pytest.fixture
def body(session):
    return make_body(session)


@pytest.fixture
def nominator(session, body):
    return actor_of(make_user(session, role=Role.NOMINATOR, body=body, username="lag.randers"))


@pytest.fixture
def draft(session, year, nominator) -> int:
    return _create(session, nominator, year)


def _create(session, actor, year, *, name="Stenhøj Vestermark", municipality_name="Randers", now=BEFORE) -> int:
    return create_nomination(session, actor=actor, year_id=year.id, name=name, kind=CandidateKind.VILLAGE,
                             municipality_id=municipality(session, municipality_name).id, now=now)


def _fill(session, actor, nomination_id, values: dict, now=BEFORE) -> None:
    for field, value in values.items():
        update_field(session, actor=actor, nomination_id=nomination_id, field=field, value=value, now=now)


def _submitted(session, actor, nomination_id) -> int:
    _fill(session, actor, nomination_id, COMPLETE)
    submit_nomination(session, actor=actor, nomination_id=nomination_id, now=BEFORE)
    return nomination_id


def _detail(session, actor, nomination_id, now=BEFORE):
    return nomination_detail(session, actor=actor, nomination_id=nomination_id, now=now)


def _audit(session, action: str) -> list[tuple[str | None, str | None]]:
    entries = session.scalars(select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id))
    return [(entry.old_value, entry.new_value) for entry in entries]


def _nomination_count(session) -> int:
    return session.scalar(select(func.count()).select_from(Nomination))


def _refused(error_type, call) -> str:
    with pytest.raises(error_type) as refused:
        call()
    return refused.value.message("da", plain=True)


def _attach(session, storage, nomination_id: int, content: bytes = b"%PDF-1.4 materiale") -> Attachment:
    stored = storage.put(io.BytesIO(content))
    attachment = Attachment(nomination_id=nomination_id, filename="ansøgning.pdf", content_type="application/pdf",
                            size_bytes=stored.size, sha256=stored.sha256, storage_key=stored.key)
    session.add(attachment)
    session.flush()
    return attachment


# --- Creating --------------------------------------------------------------------------------

def test_a_nominator_creates_a_draft_of_their_body_in_a_municipality_it_covers(session, year, nominator, body):
    nomination_id = _create(session, nominator, year, municipality_name="Favrskov")

    detail = _detail(session, nominator, nomination_id)
    assert (detail.name, detail.kind, detail.municipality, detail.nominating_body, detail.status, detail.villages,
            detail.deadline, detail.open_for_edits) == (
        "Stenhøj Vestermark", CandidateKind.VILLAGE, "Favrskov", "LAG Randers-Favrskov", NominationStatus.DRAFT, (),
        DEADLINE, True)
    assert _audit(session, "nomination.created") == [
        (None, '{"kind": "village", "municipality": "Favrskov", "name": "Stenhøj Vestermark"}')]


def test_a_second_nomination_over_the_bodys_limit_is_refused_with_the_limit_named(session, year, nominator, draft):
    message = _refused(InvalidInput, lambda: _create(session, nominator, year, name="Lindådalen"))

    assert message == ("«LAG Randers-Favrskov» kan indstille højst 1 kandidat(er) i 2021, og der er allerede 1. "
                       "Slet en kladde, eller bed sekretariatet om at hæve grænsen.")
    assert _nomination_count(session) == 1


def test_a_withdrawn_nomination_does_not_count_against_the_limit(session, year, nominator, body, draft):
    session.get(Nomination, draft).status = NominationStatus.WITHDRAWN
    session.flush()

    second = _create(session, nominator, year, name="Lindådalen")

    assert _detail(session, nominator, second).name == "Lindådalen"


def test_a_body_with_a_higher_limit_nominates_up_to_it(session, year, nominator, body, draft):
    body.nomination_limit = 2
    session.flush()

    _create(session, nominator, year, name="Lindådalen")

    assert _refused(InvalidInput, lambda: _create(session, nominator, year, name="Kratbjerg")).startswith(
        "«LAG Randers-Favrskov» kan indstille højst 2 kandidat(er) i 2021, og der er allerede 2.")


def test_last_years_nominations_do_not_count_this_year(session, year, nominator, body):
    make_nomination(session, year=make_year(session, year=2020, phase=Phase.ARCHIVED), body=body)

    nomination_id = _create(session, nominator, year)

    assert _detail(session, nominator, nomination_id).status == NominationStatus.DRAFT


def test_a_municipality_the_body_does_not_cover_is_refused(session, year, nominator):
    message = _refused(InvalidInput, lambda: _create(session, nominator, year, municipality_name="Samsø"))

    assert (message, _nomination_count(session)) == (
        "«LAG Randers-Favrskov» kan ikke indstille kandidater i Samsø Kommune. "
        "Vælg en af de kommuner, som «LAG Randers-Favrskov» dækker.", 0)


def test_a_new_nomination_after_the_deadline_is_refused_with_the_deadline_named(session, year, nominator):
    message = _refused(DeadlinePassed, lambda: _create(session, nominator, year, now=AFTER))

    assert (message, _nomination_count(session)) == (
        "Fristen udløb 15. januar 2021 kl. 12:00, og indstillingen kan ikke længere ændres.", 0)


def test_a_new_nomination_outside_the_call_is_refused(session, nominator, body):
    screening = make_year(session, year=2021, phase=Phase.SCREENING)

    message = _refused(OutOfPhase, lambda: _create(session, nominator, screening))

    assert message == "Det kan ikke lade sig gøre, mens året er i fasen «Første bedømmelsesrunde»."


@pytest.mark.parametrize("role", [Role.JUROR, Role.SECRETARIAT, Role.VILLAGE])
def test_only_a_nominator_creates_nominations(session, year, draft, role):
    actor = actor_of(make_user(session, role=role, nomination=session.get(Nomination, draft)
                               if role == Role.VILLAGE else None))

    assert _refused(NotAllowed, lambda: _create(session, actor, year, name="Lindådalen")) == (
        "Du har ikke adgang til denne handling.")


def test_an_inactive_body_cannot_nominate(session, year, nominator, body):
    body.active = False
    session.flush()

    assert _refused(InvalidInput, lambda: _create(session, nominator, year)) == (
        "«LAG Randers-Favrskov» er ikke længere aktiv som indstiller. Kontakt sekretariatet.")


def test_a_candidate_name_is_required_and_unique_in_the_year(session, year, nominator, body):
    body.nomination_limit = 3
    other = actor_of(make_user(session, role=Role.NOMINATOR, body=make_body(
        session, name="LAG Djursland", municipalities=["Norddjurs", "Syddjurs"])))
    _create(session, other, year, municipality_name="Syddjurs")

    assert _refused(InvalidInput, lambda: _create(session, nominator, year, name="  ")) == (
        "Feltet «Kandidatens navn» skal udfyldes.")
    assert _refused(InvalidInput, lambda: _create(session, nominator, year)) == (
        "Der er allerede en kandidat med navnet «Stenhøj Vestermark» i år.")


def test_the_choices_for_a_new_nomination_are_the_bodys_municipalities_or_the_reason_there_are_none(
        session, year, nominator):
    before = new_nomination_choices(session, actor=nominator, year_id=year.id, now=BEFORE)
    _create(session, nominator, year)
    after = new_nomination_choices(session, actor=nominator, year_id=year.id, now=BEFORE)

    assert (before.refusal, list(before.municipalities.values())) == (None, ["Favrskov", "Randers"])
    assert (after.refusal.key, after.municipalities) == ("errors.form.nomination_limit", {})


# --- Saving one field ------------------------------------------------------------------------

@pytest.mark.parametrize(("field", "value", "stored"), [
    ("name", "  Stenhøj V.  ", "Stenhøj V."),
    ("kind", "cluster", CandidateKind.CLUSTER),
    ("villages", ["Øster Lindå", "", "Vester Lindå"], ("Øster Lindå", "Vester Lindå")),
    ("contact_name", "Anne Marie Søndergaard", "Anne Marie Søndergaard"),
    ("contact_email", "anne@example.dk", "anne@example.dk"),
    ("contact_phone", "+45 12 34 56 01", "+45 12 34 56 01"),
    ("summary", "Første linje.\nAnden linje.", "Første linje.\nAnden linje."),
    ("website_url", "https://stenhoej.dk", "https://stenhoej.dk"),
    ("video_url", "https://video.example.dk/stenhoej", "https://video.example.dk/stenhoej"),
    ("sdgs", [13, 7], (7, 13)),
    ("strengths", "Vi ejer selv vores varme.", "Vi ejer selv vores varme."),
    pytest.param("summary", "æ" * 1500, "æ" * 1500, id="summary-at-its-limit"),
    pytest.param("wider_challenges", "ø" * 5000, "ø" * 5000, id="answer-at-its-limit"),
    pytest.param("name", "村" * 120, "村" * 120, id="name-at-its-limit"),
])
def test_leaving_a_field_stores_it(session, nominator, draft, field, value, stored):
    saved = update_field(session, actor=nominator, nomination_id=draft, field=field, value=value, now=BEFORE)

    assert (saved.changed, saved.value, saved.at) == (True, stored, BEFORE)
    session.expire_all()
    assert _detail(session, nominator, draft).value_of(field) == stored


def test_the_municipality_can_change_to_another_one_the_body_covers_only(session, nominator, draft):
    update_field(session, actor=nominator, nomination_id=draft, field="municipality",
                 value=municipality(session, "Favrskov").id, now=BEFORE)

    message = _refused(InvalidInput, lambda: update_field(session, actor=nominator, nomination_id=draft,
                                                          field="municipality",
                                                          value=municipality(session, "Aarhus").id, now=BEFORE))
    assert (message, _detail(session, nominator, draft).municipality) == (
        "«LAG Randers-Favrskov» kan ikke indstille kandidater i Aarhus Kommune. "
        "Vælg en af de kommuner, som «LAG Randers-Favrskov» dækker.", "Favrskov")


def test_villages_are_rewritten_in_the_new_order_longer_and_shorter(session, nominator, draft):
    orders = [["A", "B"], ["C", "A", "B"], ["B"], ["D", "E", "F", "G"]]

    kept = []
    for order in orders:
        update_field(session, actor=nominator, nomination_id=draft, field="villages", value=order, now=BEFORE)
        session.expire_all()
        kept.append(_detail(session, nominator, draft).villages)

    assert kept == [tuple(order) for order in orders]


def test_an_emptied_answer_is_removed(session, nominator, draft):
    _fill(session, nominator, draft, {"cooperation": "Med nabobyerne.", "next_steps": "Et solcelleanlæg."})
    update_field(session, actor=nominator, nomination_id=draft, field=GuidingQuestion.COOPERATION, value="  ",
                 now=BEFORE)

    session.expire_all()
    assert _detail(session, nominator, draft).answers == {"next_steps": "Et solcelleanlæg."}


@pytest.mark.parametrize("text", [
    "<script>alert('x')</script>", "![billede](https://evil.example/x.png)", "$\\frac{1}{2}$ **fed** # Overskrift",
])
def test_html_markdown_and_latex_are_stored_exactly_as_typed(session, nominator, draft, text):
    _fill(session, nominator, draft, {"summary": text, "contact_name": text[:120], "achievements": text})

    session.expire_all()
    detail = _detail(session, nominator, draft)
    assert (detail.summary, detail.contact_name, detail.answers["achievements"]) == (text, text[:120], text)


@pytest.mark.parametrize(("field", "value", "message"), [
    ("summary", "x" * 1501, "Feltet «Kort beskrivelse» må højst være 1500 tegn (du skrev 1501)."),
    ("wider_challenges", "x" * 5001, "Feltet «Større udfordringer» må højst være 5000 tegn (du skrev 5001)."),
    ("name", "x" * 121, "Feltet «Kandidatens navn» må højst være 120 tegn (du skrev 121)."),
    ("summary", "Nul\x00byte", "Feltet «Kort beskrivelse» indeholder et kontroltegn eller et usynligt styretegn "
                               "for tekstretning. Fjern det og prøv igen."),
    ("contact_name", "Anne\x1b[2J", "Feltet «Kontaktpersonens navn» indeholder et kontroltegn eller et usynligt "
                                   "styretegn for tekstretning. Fjern det og prøv igen."),
    ("name", "", "Feltet «Kandidatens navn» skal udfyldes."),
    ("video_url", "javascript:alert(1)", "Feltet «Videolink» skal være en fuld webadresse, der begynder med "
                                         "https:// eller http:// (fx https://www.landsby.dk). «javascript:alert(1)» "
                                         "kan ikke bruges."),
    ("website_url", "file:///etc/passwd", "Feltet «Hjemmeside» skal være en fuld webadresse, der begynder med "
                                          "https:// eller http:// (fx https://www.landsby.dk). «file:///etc/passwd» "
                                          "kan ikke bruges."),
    ("sdgs", [18], "Vælg verdensmål blandt de 17 (numrene 1-17)."),
])
def test_bad_input_is_refused_in_danish_and_nothing_stored_changes(session, nominator, draft, field, value,
                                                                     message):
    before = _detail(session, nominator, draft)

    refusal = _refused(InvalidInput, lambda: update_field(session, actor=nominator, nomination_id=draft,
                                                          field=field, value=value, now=BEFORE))

    session.expire_all()
    assert (refusal, _detail(session, nominator, draft)) == (message, before)


def test_a_value_equal_to_the_stored_one_changes_nothing(session, nominator, draft):
    update_field(session, actor=nominator, nomination_id=draft, field="summary", value="Varme.", now=BEFORE)

    again = update_field(session, actor=nominator, nomination_id=draft, field="summary", value=" Varme. ",
                         now=BEFORE + timedelta(hours=1))

    assert (again.changed, again.at, _detail(session, nominator, draft).updated_at) == (False, BEFORE, BEFORE)


def test_changes_to_a_draft_are_audited_too(session, nominator, draft):
    _fill(session, nominator, draft, {"summary": "Varme.", "sdgs": [7]})

    assert _audit(session, "nomination.changed") == [('{"summary": ""}', '{"summary": "Varme."}'),
                                                      ('{"sdgs": []}', '{"sdgs": [7]}')]


def test_each_change_after_submission_is_audited_with_the_old_and_the_new_value(session, nominator, draft):
    _submitted(session, nominator, draft)
    while_a_draft = len(_audit(session, "nomination.changed"))

    _fill(session, nominator, draft, {"summary": "Varme og sol.", "sdgs": [7, 13], "strengths": "Fællesskab.",
                                      "contact_phone": "+45 12 34 56 01"})
    update_field(session, actor=nominator, nomination_id=draft, field="summary", value="Varme og sol.", now=BEFORE)

    assert _audit(session, "nomination.changed")[while_a_draft:] == [
        ('{"summary": "Landsbyen, der selv ejer sin varme."}', '{"summary": "Varme og sol."}'),
        ('{"sdgs": []}', '{"sdgs": [7, 13]}'),
        ('{"strengths": ""}', '{"strengths": "Fællesskab."}'),
        ('{"contact_phone": ""}', '{"contact_phone": "[persondata]"}'),
    ]


def test_a_change_of_the_contact_persons_details_is_audited_without_the_details(session, nominator, draft):
    """The audit log is never erased, so an erasure could not reach a contact's details kept there."""
    _fill(session, nominator, draft, {"contact_name": "Bo Holm", "contact_email": "bo@example.dk"})
    before = len(_audit(session, "nomination.changed"))

    _fill(session, nominator, draft, {"contact_name": "Else Holm", "contact_email": "",
                                      "contact_phone": "+45 20 30 40 50"})

    assert _audit(session, "nomination.changed")[before:] == [
        ('{"contact_name": "[persondata]"}', '{"contact_name": "[persondata]"}'),
        ('{"contact_email": "[persondata]"}', '{"contact_email": ""}'),
        ('{"contact_phone": ""}', '{"contact_phone": "[persondata]"}'),
    ]


def test_a_submitted_nomination_cannot_lose_a_required_part(session, nominator, draft):
    _submitted(session, nominator, draft)

    message = _refused(InvalidInput, lambda: update_field(session, actor=nominator, nomination_id=draft,
                                                          field="video_url", value="", now=BEFORE))

    assert (message, _detail(session, nominator, draft).video_url) == (
        "En indsendt indstilling skal være komplet, så ændringen er ikke gemt. Den ville mangle: "
        "«Materiale (mindst én fil eller et videolink)».", "https://video.example.dk/stenhoej")


def test_an_edit_after_the_deadline_is_refused_and_nothing_changes(session, nominator, draft):
    message = _refused(DeadlinePassed, lambda: update_field(session, actor=nominator, nomination_id=draft,
                                                            field="summary", value="For sent.", now=AFTER))

    assert (message, _detail(session, nominator, draft, now=AFTER).summary) == (
        "Fristen udløb 15. januar 2021 kl. 12:00, og indstillingen kan ikke længere ændres.", "")


def test_a_nomination_the_secretariat_reopened_may_be_edited_until_its_own_deadline(session, year, nominator, draft):
    nomination = session.get(Nomination, draft)
    nomination.reopened_until = DEADLINE + timedelta(days=3)
    year.phase = Phase.NOMINATIONS_CLOSED
    session.flush()

    update_field(session, actor=nominator, nomination_id=draft, field="summary", value="Rettet.", now=AFTER)
    message = _refused(DeadlinePassed, lambda: update_field(
        session, actor=nominator, nomination_id=draft, field="summary", value="For sent.",
        now=DEADLINE + timedelta(days=4)))

    assert (message, _detail(session, nominator, draft, now=AFTER).summary) == (
        "Fristen udløb 18. januar 2021 kl. 12:00, og indstillingen kan ikke længere ændres.", "Rettet.")


def test_after_nominations_close_without_a_reopening_edits_are_refused(session, year, nominator, draft):
    year.phase = Phase.NOMINATIONS_CLOSED
    year.nomination_deadline = None
    session.flush()

    assert _refused(DeadlinePassed, lambda: update_field(
        session, actor=nominator, nomination_id=draft, field="summary", value="x", now=BEFORE)) == (
        "Indstillingsfristen er udløbet, og indstillingen kan ikke længere ændres.")


def test_another_bodys_nominator_is_refused_in_the_service(session, nominator, draft):
    other = actor_of(make_user(session, role=Role.NOMINATOR, body=make_body(
        session, name="LAG Djursland", municipalities=["Norddjurs", "Syddjurs"])))

    message = _refused(NotAllowed, lambda: update_field(session, actor=other, nomination_id=draft,
                                                        field="summary", value="Overtaget.", now=BEFORE))

    assert (message, _detail(session, nominator, draft).summary) == ("Du har ikke adgang til denne handling.", "")


def test_a_village_contact_edits_their_own_nomination_and_no_other(session, year, nominator, body, draft):
    body.nomination_limit = 2
    other = _create(session, nominator, year, name="Lindådalen")
    contact = actor_of(make_user(session, role=Role.VILLAGE, nomination=session.get(Nomination, draft)))

    update_field(session, actor=contact, nomination_id=draft, field="summary", value="Skrevet af landsbyen.",
                 now=BEFORE)
    message = _refused(NotAllowed, lambda: update_field(session, actor=contact, nomination_id=other,
                                                        field="summary", value="Ikke min.", now=BEFORE))

    assert (_detail(session, nominator, draft).summary, message, _detail(session, nominator, other).summary) == (
        "Skrevet af landsbyen.", "Du har ikke adgang til denne handling.", "")


def test_a_user_with_a_one_time_password_cannot_edit(session, body, draft):
    fresh = actor_of(make_user(session, role=Role.NOMINATOR, body=body, must_change_password=True))

    with pytest.raises(PasswordChangeRequired):
        update_field(session, actor=fresh, nomination_id=draft, field="summary", value="x", now=BEFORE)


def test_an_unknown_field_is_a_bug_not_an_input_error(session, nominator, draft):
    with pytest.raises(ValueError, match="a nomination has no field 'status'"):
        update_field(session, actor=nominator, nomination_id=draft, field="status", value="eligible", now=BEFORE)


# --- Submitting ------------------------------------------------------------------------------

def test_submitting_an_incomplete_draft_names_exactly_what_is_missing(session, nominator, draft):
    _fill(session, nominator, draft, {"contact_name": "Anne", "contact_email": "anne@example.dk"})

    message = _refused(InvalidInput, lambda: submit_nomination(session, actor=nominator, nomination_id=draft,
                                                               now=BEFORE))

    assert (message, _detail(session, nominator, draft).status) == (
        "Indstillingen kan ikke sendes ind endnu. Det mangler: «Landsbyer», «Kort beskrivelse» og "
        "«Materiale (mindst én fil eller et videolink)».", NominationStatus.DRAFT)


def test_a_complete_draft_is_submitted_with_its_moment(session, nominator, draft):
    _fill(session, nominator, draft, COMPLETE)

    submitted_at = submit_nomination(session, actor=nominator, nomination_id=draft, now=BEFORE)

    detail = _detail(session, nominator, draft)
    assert (submitted_at, detail.status, detail.submitted_at, detail.missing, detail.may_submit) == (
        BEFORE, NominationStatus.SUBMITTED, BEFORE, (), False)
    assert _audit(session, "nomination.submitted") == [("draft", "submitted")]


def test_a_stored_file_counts_as_material_instead_of_a_video_link(session, nominator, draft, tmp_path):
    _fill(session, nominator, draft, {key: value for key, value in COMPLETE.items() if key != "video_url"})
    _attach(session, LocalStorage(tmp_path), draft)

    submit_nomination(session, actor=nominator, nomination_id=draft, now=BEFORE)

    assert _detail(session, nominator, draft).attachment_count == 1


def test_submitting_twice_is_refused(session, nominator, draft):
    _submitted(session, nominator, draft)

    assert _refused(InvalidInput, lambda: submit_nomination(session, actor=nominator, nomination_id=draft,
                                                            now=BEFORE)) == "Indstillingen er allerede sendt ind."


def test_a_village_contact_cannot_submit(session, nominator, draft):
    _fill(session, nominator, draft, COMPLETE)
    contact = actor_of(make_user(session, role=Role.VILLAGE, nomination=session.get(Nomination, draft)))

    with pytest.raises(NotAllowed):
        submit_nomination(session, actor=contact, nomination_id=draft, now=BEFORE)


def test_submitting_after_the_deadline_is_refused(session, nominator, draft):
    _fill(session, nominator, draft, COMPLETE)

    with pytest.raises(DeadlinePassed):
        submit_nomination(session, actor=nominator, nomination_id=draft, now=AFTER)


# --- Deleting a draft ------------------------------------------------------------------------

def test_the_owner_deletes_a_draft_with_its_files_and_its_village_contact_loses_access(session, year, nominator,
                                                                                      draft, tmp_path):
    storage = LocalStorage(tmp_path)
    attachment = _attach(session, storage, draft)
    key = attachment.storage_key
    contact = make_user(session, role=Role.VILLAGE, nomination=session.get(Nomination, draft))
    contact_id = contact.id

    delete_draft(session, actor=nominator, nomination_id=draft, storage=storage, now=BEFORE)
    session.commit()

    user = session.get(User, contact_id)
    assert (session.get(Nomination, draft), session.scalar(select(func.count()).select_from(Attachment)),
            storage.exists(key)) == (None, 0, False)
    assert (user.active, user.nomination_id, user.session_version) == (False, None, 1)
    assert own_nominations(session, actor=actor_of(user), year_id=year.id)["name"].tolist() == []
    assert (_audit(session, "nomination.deleted"), _audit(session, "user.deactivated")) == ([(
        '{"attachments": 1, "name": "Stenhøj Vestermark"}', f'{{"contacts_deactivated": [{contact_id}]}}')], [])


def test_a_deletion_that_is_rolled_back_keeps_the_drafts_files(engine, tmp_path):
    storage = LocalStorage(tmp_path)
    with session_scope(engine) as session:
        year = make_year(session, year=2021, phase=Phase.NOMINATIONS_OPEN)
        owner = actor_of(make_user(session, role=Role.NOMINATOR, body=make_body(session), username="lag.randers"))
        nomination_id = _create(session, owner, year, now=datetime.now(UTC))
        key = _attach(session, storage, nomination_id).storage_key

    with pytest.raises(RuntimeError), session_scope(engine) as session:
        delete_draft(session, actor=owner, nomination_id=nomination_id, storage=storage, now=datetime.now(UTC))
        raise RuntimeError("something after the deletion fails")

    with session_scope(engine) as session:
        kept = (session.get(Nomination, nomination_id) is not None, storage.exists(key))
        delete_draft(session, actor=owner, nomination_id=nomination_id, storage=storage, now=datetime.now(UTC))
    assert (kept, storage.exists(key)) == ((True, True), False)


def test_a_submitted_nomination_cannot_be_deleted(session, nominator, draft, tmp_path):
    _submitted(session, nominator, draft)

    message = _refused(InvalidInput, lambda: delete_draft(session, actor=nominator, nomination_id=draft,
                                                          storage=LocalStorage(tmp_path), now=BEFORE))

    assert (message, _nomination_count(session)) == (
        "Kun en kladde kan slettes. Indstillingen er sendt ind; kontakt sekretariatet, hvis den skal trækkes "
        "tilbage.", 1)


@pytest.mark.parametrize("role", [Role.VILLAGE, Role.NOMINATOR])
def test_neither_the_village_contact_nor_another_body_deletes_a_draft(session, draft, tmp_path, role):
    actor = actor_of(make_user(session, role=role, nomination=session.get(Nomination, draft),
                               body=make_body(session, name="LAG Djursland", municipalities=["Norddjurs"])))

    with pytest.raises(NotAllowed):
        delete_draft(session, actor=actor, nomination_id=draft, storage=LocalStorage(tmp_path), now=BEFORE)

    assert _nomination_count(session) == 1


# --- Inviting the village contact ------------------------------------------------------------

LINKS = MailLinks(base_url="https://landsbyprisen.rm.dk", key="link-key-for-the-tests-long-enough-for-hs256", valid_for=timedelta(hours=72))


def _invite(session, actor, nomination_id, *, username="anne.stenhoej", email="anne@example.dk"):
    return invite_village_contact(session, actor=actor, nomination_id=nomination_id, username=username,
                                  name="Anne Marie Søndergaard", email=email, links=LINKS,
                                  bcrypt_rounds=TEST_BCRYPT_ROUNDS, now=BEFORE)


def test_the_nominator_invites_the_village_contact_by_an_email_with_a_password_link(session, nominator, draft):
    user = _invite(session, nominator, draft)

    assert (user.username, user.role, user.nomination_id, user.must_change_password) == (
        "anne.stenhoej", Role.VILLAGE, draft, True)
    assert [(message.recipient, message.kind, message.related_entity, message.related_id)
            for message in session.scalars(select(OutboxMessage))] == [
        ("anne@example.dk", MailKind.INVITATION, "user", user.id)]
    assert _detail(session, nominator, draft).village_contact == "anne.stenhoej"
    assert [entry.actor_label for entry in session.scalars(
        select(AuditEntry).where(AuditEntry.action == "user.created"))][-1] == "Mette Kjær Lauridsen (lag.randers)"


def test_a_second_active_village_contact_is_refused(session, nominator, draft):
    _invite(session, nominator, draft)

    message = _refused(InvalidInput, lambda: _invite(session, nominator, draft, username="bo.stenhoej"))

    assert message == ("Indstillingen har allerede en kontaktperson med login: «anne.stenhoej». Sekretariatet kan "
                       "give en ny engangsadgangskode eller deaktivere brugeren.")


def test_a_new_contact_can_be_invited_once_the_first_is_deactivated(session, nominator, draft):
    first = _invite(session, nominator, draft)
    session.get(User, first.id).active = False
    session.flush()

    second = _invite(session, nominator, draft, username="bo.stenhoej")

    assert second.nomination_id == draft


@pytest.mark.parametrize(("username", "email", "message"), [
    ("Anne S", "anne@example.dk", "Brugernavnet må kun indeholde små bogstaver a-z, tal, punktum, bindestreg og "
                                  "understregning (3-60 tegn)."),
    ("anne.s", "", "Feltet «E-mail» skal udfyldes."),
    ("anne.s", "anne@", "E-mailadressen «anne@» ser ikke gyldig ud."),
    ("lag.randers", "anne@example.dk", "Brugernavnet «lag.randers» er allerede i brug."),
])
def test_a_bad_username_or_email_for_the_contact_is_refused(session, nominator, draft, username, email, message):
    assert _refused(InvalidInput, lambda: _invite(session, nominator, draft, username=username, email=email)) == (
        message)
    assert session.scalar(select(func.count()).select_from(User).where(User.role == Role.VILLAGE)) == 0


def test_a_nominator_cannot_invite_a_contact_to_another_bodys_nomination(session, year, draft):
    other = actor_of(make_user(session, role=Role.NOMINATOR, body=make_body(
        session, name="LAG Djursland", municipalities=["Norddjurs"])))

    with pytest.raises(NotAllowed):
        _invite(session, other, draft)


def test_a_nominator_creates_no_other_kind_of_user(session, nominator, draft):
    from prize.services.users import NewUser, create_user

    with pytest.raises(NotAllowed):
        create_user(session, actor=nominator, bcrypt_rounds=TEST_BCRYPT_ROUNDS, new=NewUser(
            username="ny.indstiller", name="Ny", email="", role=Role.NOMINATOR,
            nominating_body_id=nominator.nominating_body_id))


# --- Seeing one nomination and the list ------------------------------------------------------

def test_the_detail_says_what_is_missing_and_what_the_actor_may_do(session, nominator, draft):
    contact = actor_of(make_user(session, role=Role.VILLAGE, nomination=session.get(Nomination, draft)))

    mine, theirs, late = (_detail(session, nominator, draft), _detail(session, contact, draft),
                          _detail(session, nominator, draft, now=AFTER))

    assert mine.missing == ("fields.villages", "fields.contact_name", "fields.contact_email", "fields.summary",
                            "fields.material")
    assert [(d.may_edit, d.may_submit, d.may_delete, d.may_invite, d.open_for_edits) for d in (mine, theirs, late)] == [
        (True, True, True, False, True), (True, False, False, False, True), (False, False, False, False, False)]


def test_the_list_shows_each_nominations_missing_parts_and_closing_moment(session, year, nominator, body, draft):
    body.nomination_limit = 2
    complete = _submitted(session, nominator, _create(session, nominator, year, name="Lindådalen"))

    frame = own_nominations(session, actor=nominator, year_id=year.id)

    assert frame[["id", "missing", "closes_at"]].values.tolist() == [
        [complete, (), DEADLINE],
        [draft, ("fields.villages", "fields.contact_name", "fields.contact_email", "fields.summary",
                 "fields.material"), DEADLINE]]
