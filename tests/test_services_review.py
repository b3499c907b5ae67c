"""The secretariat checks the year's nominations: the list, one nomination,
marking eligible or ineligible, reopening one nomination."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import event, func, select

from prize.eligibility import Check, Failure
from prize.errors import InvalidInput, NotAllowed, NotFound, OutOfPhase
from prize.models import AuditEntry, Nomination, NominationAnswer, SdgGoal
from prize.models.nomination import REASON_MAX
from prize.permissions import Action
from prize.phases import NominationStatus, Phase
from prize.questions import GuidingQuestion
from prize.roles import Role
from prize.services.reach import require_on_nomination
from prize.services.review import (LIST_COLUMNS, eligibility_marks, mark_eligibility, nomination_review,
                                   nominations_review, reopen_nomination)
from tests.factories import (actor_of, make_attachment, make_body, make_nomination, make_user, make_winner,
                             make_year)

NOW = datetime(2020, 1, 20, 9, 0, tzinfo=UTC)
QUARANTINE = 5


@pytest.fixture
def secretariat(session):
    return actor_of(make_user(session, role=Role.SECRETARIAT, username="sekretariat", name="Mette Kjær Lauridsen"))


@pytest.fixture
def year(session):
    return make_year(session, year=2020, phase=Phase.NOMINATIONS_CLOSED)


def _complete(session, nomination: Nomination, *, size_bytes: int = 1000) -> Nomination:
    """Fill in what ``make_nomination`` leaves out: a summary and one attachment."""
    nomination.summary = "Landsbyen, der selv ejer sin varme."
    make_attachment(session, nomination=nomination, size_bytes=size_bytes)
    session.flush()
    return nomination


def _list(session, actor, year, *, quarantine_years: int = QUARANTINE):
    return nominations_review(session, actor=actor, year_id=year.id, quarantine_years=quarantine_years)


def _audit(session, nomination: Nomination) -> list[tuple]:
    return session.execute(
        select(AuditEntry.actor_label, AuditEntry.action, AuditEntry.old_value, AuditEntry.new_value)
        .where(AuditEntry.entity == "nomination", AuditEntry.entity_id == nomination.id)
        .order_by(AuditEntry.id)).tuples().all()


def _stored(session, nomination: Nomination) -> tuple:
    session.expire(nomination)
    return (nomination.status, nomination.eligibility_reason, nomination.reopened_until, nomination.reopen_reason,
            len(_audit(session, nomination)))


# --- The list -------------------------------------------------------------------------------

def test_the_list_has_a_row_per_nomination_with_body_status_and_attachments(session, secretariat, year):
    body = make_body(session)
    stenhoej = _complete(session, make_nomination(session, year=year, body=body, name="Stenhøj Vestermark"))
    make_attachment(session, nomination=stenhoej, size_bytes=2500)
    make_nomination(session, year=year, body=body, name="Lindådalens landsbyklynge", municipality_name="Favrskov",
                    villages=["Øster Lindå", "Vester Lindå"], status=NominationStatus.DRAFT)

    frame = _list(session, secretariat, year)

    assert list(frame.columns) == LIST_COLUMNS
    assert frame[["name", "villages", "municipality", "nominating_body", "status", "complete", "missing",
                  "attachments", "attachment_bytes"]].to_dict("records") == [
        {"name": "Lindådalens landsbyklynge", "villages": "Øster Lindå, Vester Lindå", "municipality": "Favrskov",
         "nominating_body": "LAG Randers-Favrskov", "status": NominationStatus.DRAFT, "complete": False,
         "missing": ("fields.summary", "fields.material"), "attachments": 0, "attachment_bytes": 0},
        {"name": "Stenhøj Vestermark", "villages": "Stenhøj Vestermark", "municipality": "Randers",
         "nominating_body": "LAG Randers-Favrskov", "status": NominationStatus.SUBMITTED, "complete": True,
         "missing": (), "attachments": 2, "attachment_bytes": 3500},
    ]


def test_the_list_holds_only_the_asked_years_nominations(session, secretariat, year):
    body = make_body(session)
    last_year = make_year(session, year=2019, phase=Phase.ARCHIVED)
    make_nomination(session, year=last_year, body=body, name="Bakkekær")
    make_nomination(session, year=year, body=body, name="Ulvedal")

    frame = _list(session, secretariat, year)

    assert frame["name"].tolist() == ["Ulvedal"]


def test_a_video_link_counts_as_material(session, secretariat, year):
    nomination = make_nomination(session, year=year, body=make_body(session))
    nomination.summary = "Et kort resumé."
    nomination.video_url = "https://example.dk/film"
    session.flush()

    frame = _list(session, secretariat, year)

    assert (frame.loc[0, "complete"], frame.loc[0, "missing"]) == (True, ())


def test_the_list_names_the_unanswered_guiding_questions(session, secretariat, year):
    nomination = make_nomination(session, year=year, body=make_body(session))
    nomination.answers = [NominationAnswer(question=GuidingQuestion.STRENGTHS, text="Vi ejer vores varme."),
                          NominationAnswer(question=GuidingQuestion.NEXT_STEPS, text="   ")]
    session.flush()

    frame = _list(session, secretariat, year)

    assert frame.loc[0, "unanswered"] == ("achievements", "next_steps", "organisation", "cooperation",
                                          "wider_challenges")


def test_the_list_flags_a_body_over_its_limit_but_not_for_a_withdrawn_nomination(session, secretariat, year):
    body = make_body(session)
    other = make_body(session, name="LAG Djursland", municipalities=("Norddjurs", "Syddjurs"))
    for name in ("Stenhøj Vestermark", "Lindådalens landsbyklynge"):
        _complete(session, make_nomination(session, year=year, body=body, name=name))
    _complete(session, make_nomination(session, year=year, body=other, name="Egehoved-klyngen"))
    make_nomination(session, year=year, body=other, name="Bøgelund", status=NominationStatus.WITHDRAWN)

    frame = _list(session, secretariat, year)

    limit = Failure(Check.BODY_LIMIT, {"body": "LAG Randers-Favrskov", "count": 2, "limit": 1})
    assert dict(zip(frame["name"], frame["precheck"], strict=True)) == {
        "Bøgelund": (Failure(Check.COMPLETE, {"missing": ("fields.summary", "fields.material")}),),
        "Egehoved-klyngen": (), "Lindådalens landsbyklynge": (limit,), "Stenhøj Vestermark": (limit,)}


def test_the_list_flags_a_winner_of_the_last_years_matched_by_village(session, secretariat, year):
    body = make_body(session)
    won_2017 = make_year(session, year=2017, phase=Phase.ARCHIVED)
    won_2014 = make_year(session, year=2014, phase=Phase.ARCHIVED)
    make_winner(session, year=won_2017, nomination=make_nomination(
        session, year=won_2017, body=body, name="Lindådalen", villages=["Øster Lindå", "Vester Lindå"]))
    make_winner(session, year=won_2014, nomination=make_nomination(session, year=won_2014, body=body, name="Ulvedal"))
    _complete(session, make_nomination(session, year=year, body=body, name="Vester Lindå"))
    _complete(session, make_nomination(session, year=year, body=make_body(session, name="LAG Silkeborg",
                                                                          municipalities=("Silkeborg",)),
                                       name="Ulvedal"))

    frame = _list(session, secretariat, year)

    assert dict(zip(frame["name"], frame["precheck"], strict=True)) == {
        "Ulvedal": (),
        "Vester Lindå": (Failure(Check.NOT_RECENT_WINNER, {"winner": "Lindådalen", "won": 2017, "years": 5}),)}


def test_the_quarantine_is_a_setting(session, secretariat, year):
    body = make_body(session)
    won = make_year(session, year=2017, phase=Phase.ARCHIVED)
    make_winner(session, year=won, nomination=make_nomination(session, year=won, body=body, name="Ulvedal"))
    _complete(session, make_nomination(session, year=year, body=body, name="Ulvedal"))

    frame = _list(session, secretariat, year, quarantine_years=2)

    assert frame.loc[0, "precheck"] == ()


@pytest.mark.parametrize("role", [Role.JUROR, Role.NOMINATOR])
def test_only_the_secretariat_sees_the_list(session, year, role):
    actor = actor_of(make_user(session, role=role))

    with pytest.raises(NotAllowed):
        _list(session, actor, year)


def test_a_village_contact_cannot_see_the_list(session, year):
    nomination = make_nomination(session, year=year, body=make_body(session))
    contact = actor_of(make_user(session, role=Role.VILLAGE, nomination=nomination))

    with pytest.raises(NotAllowed):
        _list(session, contact, year)


def test_the_list_of_an_unknown_year_is_not_found(session, secretariat):
    with pytest.raises(NotFound):
        nominations_review(session, actor=secretariat, year_id=999, quarantine_years=QUARANTINE)


def _statements_of_the_list(session, engine, secretariat, year) -> int:
    statements = []

    def count(*_args) -> None:
        statements.append(1)

    session.flush()
    session.expire_all()
    event.listen(engine, "before_cursor_execute", count)
    try:
        _list(session, secretariat, year)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return len(statements)


def test_the_list_costs_the_same_statements_at_3_and_at_30_nominations(session, engine, secretariat, year):
    bodies = [make_body(session), make_body(session, name="LAG Djursland", municipalities=("Norddjurs",))]
    for number in range(3):
        nomination = _complete(session, make_nomination(session, year=year, body=bodies[number % 2],
                                                        name=f"Landsby {number:02d}", villages=["A", "B"]))
        nomination.answers = [NominationAnswer(question=GuidingQuestion.STRENGTHS, text="Svar.")]
    few = _statements_of_the_list(session, engine, secretariat, year)
    for number in range(3, 30):
        nomination = _complete(session, make_nomination(session, year=year, body=bodies[number % 2],
                                                        name=f"Landsby {number:02d}", villages=["A", "B"]))
        nomination.answers = [NominationAnswer(question=GuidingQuestion.STRENGTHS, text="Svar.")]
    session.flush()

    many = _statements_of_the_list(session, engine, secretariat, year)

    assert (few, many, session.scalar(select(func.count()).select_from(Nomination))) == (6, 6, 30)


# --- One nomination -------------------------------------------------------------------------

def test_one_nomination_shows_its_texts_answers_goals_links_and_material(session, secretariat, year):
    nomination = _complete(session, make_nomination(session, year=year, body=make_body(session)), size_bytes=2048)
    nomination.website_url = "https://stenhoej.dk"
    nomination.answers = [NominationAnswer(question=GuidingQuestion.COOPERATION, text="Med nabolandsbyerne.")]
    nomination.sdgs = list(session.scalars(select(SdgGoal).where(SdgGoal.number.in_([7, 13]))))
    session.flush()

    detail = nomination_review(session, actor=secretariat, nomination_id=nomination.id, quarantine_years=QUARANTINE,
                               now=NOW)

    assert (detail.name, detail.villages, detail.municipality, detail.summary, detail.website_url,
            detail.goals, [(line.filename, line.size_bytes) for line in detail.attachments]) == (
        "Stenhøj Vestermark", ("Stenhøj Vestermark",), "Randers", "Landsbyen, der selv ejer sin varme.",
        "https://stenhoej.dk", ((7, "Bæredygtig energi", "Affordable and clean energy"),
                                (13, "Klimaindsats", "Climate action")), [("ansøgning.pdf", 2048)])
    assert detail.answers == (
        (GuidingQuestion.STRENGTHS, ""), (GuidingQuestion.ACHIEVEMENTS, ""), (GuidingQuestion.NEXT_STEPS, ""),
        (GuidingQuestion.ORGANISATION, ""), (GuidingQuestion.COOPERATION, "Med nabolandsbyerne."),
        (GuidingQuestion.WIDER_CHALLENGES, ""))


def test_one_nomination_carries_its_pre_checks_and_the_marks_it_may_get(session, secretariat, year):
    body = make_body(session)
    first = _complete(session, make_nomination(session, year=year, body=body, name="Stenhøj Vestermark"))
    make_nomination(session, year=year, body=body, name="Bakkekær")

    detail = nomination_review(session, actor=secretariat, nomination_id=first.id, quarantine_years=QUARANTINE,
                               now=NOW)

    assert (detail.missing, detail.failures, detail.marks, detail.may_reopen) == (
        (), (Failure(Check.BODY_LIMIT, {"body": "LAG Randers-Favrskov", "count": 2, "limit": 1}),),
        (NominationStatus.ELIGIBLE, NominationStatus.INELIGIBLE), True)


def test_in_screening_a_nomination_may_be_read_but_not_marked_or_reopened(session, secretariat):
    year = make_year(session, phase=Phase.SCREENING)
    nomination = make_nomination(session, year=year, body=make_body(session), status=NominationStatus.ELIGIBLE)

    detail = nomination_review(session, actor=secretariat, nomination_id=nomination.id, quarantine_years=QUARANTINE,
                               now=NOW)

    assert (detail.status, detail.phase, detail.marks, detail.may_reopen) == (
        NominationStatus.ELIGIBLE, Phase.SCREENING, (), False)


def test_a_nominator_cannot_open_the_secretariats_view_of_their_own_nomination(session, year):
    nomination = make_nomination(session, year=year, body=make_body(session))
    nominator = actor_of(make_user(session, role=Role.NOMINATOR, body=nomination.nominating_body))

    with pytest.raises(NotAllowed):
        nomination_review(session, actor=nominator, nomination_id=nomination.id, quarantine_years=QUARANTINE)


@pytest.mark.parametrize(("status", "marks"), [
    (NominationStatus.DRAFT, ()),
    (NominationStatus.SUBMITTED, (NominationStatus.ELIGIBLE, NominationStatus.INELIGIBLE)),
    (NominationStatus.ELIGIBLE, (NominationStatus.INELIGIBLE,)),
    (NominationStatus.INELIGIBLE, (NominationStatus.ELIGIBLE,)),
    (NominationStatus.WITHDRAWN, ()),
])
def test_the_marks_a_status_may_get_follow_the_nominations_moves(status, marks):
    assert eligibility_marks(status) == marks


# --- Marking --------------------------------------------------------------------------------

def test_marking_eligible_stores_the_reason_and_audits_old_and_new_status(session, secretariat, year):
    nomination = _complete(session, make_nomination(session, year=year, body=make_body(session)))

    mark = mark_eligibility(session, actor=secretariat, nomination_id=nomination.id, eligible=True,
                            reason="  I regionen, komplet og inden for LAG'ens kvote. ")

    assert (mark, nomination.status, nomination.eligibility_reason) == (
        NominationStatus.ELIGIBLE, NominationStatus.ELIGIBLE, "I regionen, komplet og inden for LAG'ens kvote.")
    assert _audit(session, nomination) == [(
        "Mette Kjær Lauridsen (sekretariat)", "nomination.eligibility_marked",
        '{"reason": "", "status": "submitted"}',
        '{"reason": "I regionen, komplet og inden for LAG\'ens kvote.", "status": "eligible"}')]


def test_an_eligible_nomination_may_be_marked_ineligible_and_back(session, secretariat, year):
    nomination = make_nomination(session, year=year, body=make_body(session), status=NominationStatus.ELIGIBLE)

    first = mark_eligibility(session, actor=secretariat, nomination_id=nomination.id, eligible=False,
                             reason="Kandidaten ligger uden for regionen.")
    second = mark_eligibility(session, actor=secretariat, nomination_id=nomination.id, eligible=True,
                              reason="Fejl i kommunen; rettet.")

    assert ((first, second), [row[3] for row in _audit(session, nomination)]) == (
        (NominationStatus.INELIGIBLE, NominationStatus.ELIGIBLE),
        ['{"reason": "Kandidaten ligger uden for regionen.", "status": "ineligible"}',
         '{"reason": "Fejl i kommunen; rettet.", "status": "eligible"}'])


def test_a_failed_pre_check_does_not_stop_marking_eligible_with_a_reason(session, secretariat, year):
    nomination = make_nomination(session, year=year, body=make_body(session))  # no summary, no material

    mark = mark_eligibility(session, actor=secretariat, nomination_id=nomination.id, eligible=True,
                            reason="Materialet kom med posten; det er registreret.")

    assert (mark, nomination.status) == (NominationStatus.ELIGIBLE, NominationStatus.ELIGIBLE)


def test_a_draft_cannot_be_marked_and_nothing_changes(session, secretariat, year):
    nomination = make_nomination(session, year=year, body=make_body(session), status=NominationStatus.DRAFT)

    with pytest.raises(InvalidInput) as refused:
        mark_eligibility(session, actor=secretariat, nomination_id=nomination.id, eligible=True, reason="OK.")

    assert (refused.value.message("da"), _stored(session, nomination)) == (
        "En kladde kan ikke vurderes. Indstillingen skal først indsendes.",
        (NominationStatus.DRAFT, "", None, "", 0))


@pytest.mark.parametrize(("status", "eligible", "message"), [
    (NominationStatus.WITHDRAWN, True, "En indstilling med status «Trukket tilbage» kan ikke markeres som «Godkendt»."),
    (NominationStatus.ELIGIBLE, True, "En indstilling med status «Godkendt» kan ikke markeres som «Godkendt»."),
    (NominationStatus.INELIGIBLE, False, "En indstilling med status «Afvist» kan ikke markeres som «Afvist»."),
])
def test_a_mark_the_status_does_not_allow_is_refused_and_nothing_changes(session, secretariat, year, status,
                                                                         eligible, message):
    nomination = make_nomination(session, year=year, body=make_body(session), status=status)

    with pytest.raises(InvalidInput) as refused:
        mark_eligibility(session, actor=secretariat, nomination_id=nomination.id, eligible=eligible, reason="OK.")

    assert (refused.value.message("da"), _stored(session, nomination)) == (message, (status, "", None, "", 0))


@pytest.mark.parametrize(("reason", "message"), [
    ("   ", "Feltet «Begrundelse» skal udfyldes."),
    ("x" * (REASON_MAX + 1), f"Feltet «Begrundelse» må højst være {REASON_MAX} tegn (du skrev {REASON_MAX + 1})."),
    ("Godkendt\x00", "Feltet «Begrundelse» indeholder et kontroltegn eller et usynligt styretegn for tekstretning. "
                     "Fjern det og prøv igen."),
    ("Godkendt \u202egnp.exe", "Feltet «Begrundelse» indeholder et kontroltegn eller et usynligt styretegn for "
                               "tekstretning. Fjern det og prøv igen."),
])
def test_a_mark_without_a_valid_reason_is_refused_and_nothing_changes(session, secretariat, year, reason, message):
    nomination = make_nomination(session, year=year, body=make_body(session))

    with pytest.raises(InvalidInput) as refused:
        mark_eligibility(session, actor=secretariat, nomination_id=nomination.id, eligible=True, reason=reason)

    assert (refused.value.message("da"), _stored(session, nomination)) == (
        message, (NominationStatus.SUBMITTED, "", None, "", 0))


def test_a_reason_with_markup_is_stored_as_typed(session, secretariat, year):
    nomination = make_nomination(session, year=year, body=make_body(session))
    reason = "<script>alert(1)</script> ![x](https://example.com/x.png) $\\LaTeX$\nLinje 2"

    mark_eligibility(session, actor=secretariat, nomination_id=nomination.id, eligible=False, reason=reason)

    assert nomination.eligibility_reason == reason


@pytest.mark.parametrize("role", [Role.NOMINATOR, Role.JUROR])
def test_only_the_secretariat_may_mark_and_nothing_changes(session, year, role):
    nomination = make_nomination(session, year=year, body=make_body(session))
    actor = actor_of(make_user(session, role=role, body=nomination.nominating_body if role == Role.NOMINATOR
                               else None))

    with pytest.raises(NotAllowed):
        mark_eligibility(session, actor=actor, nomination_id=nomination.id, eligible=True, reason="Fint.")

    assert _stored(session, nomination) == (NominationStatus.SUBMITTED, "", None, "", 0)


def test_marking_is_refused_once_judging_has_begun(session, secretariat):
    year = make_year(session, phase=Phase.SCREENING)
    nomination = make_nomination(session, year=year, body=make_body(session))

    with pytest.raises(OutOfPhase) as refused:
        mark_eligibility(session, actor=secretariat, nomination_id=nomination.id, eligible=True, reason="Fint.")

    assert (refused.value.message("da"), _stored(session, nomination)) == (
        "Det kan ikke lade sig gøre, mens året er i fasen «Første bedømmelsesrunde».",
        (NominationStatus.SUBMITTED, "", None, "", 0))


def test_marking_an_unknown_nomination_is_not_found(session, secretariat, year):
    with pytest.raises(NotFound):
        mark_eligibility(session, actor=secretariat, nomination_id=999, eligible=True, reason="Fint.")


# --- Reopening ------------------------------------------------------------------------------

def test_reopening_sets_the_nominations_own_deadline_and_reason_and_is_audited(session, secretariat, year):
    nomination = make_nomination(session, year=year, body=make_body(session))
    until = datetime(2020, 1, 22, 12, 0, tzinfo=UTC)

    reopened = reopen_nomination(session, actor=secretariat, nomination_id=nomination.id, until=until,
                                 reason="Bilaget blev afvist af en fejl.", now=NOW)

    assert (reopened, _stored(session, nomination)) == (until, (
        NominationStatus.SUBMITTED, "", until, "Bilaget blev afvist af en fejl.", 1))
    assert _audit(session, nomination) == [(
        "Mette Kjær Lauridsen (sekretariat)", "nomination.reopened", '{"reason": "", "reopened_until": null}',
        '{"reason": "Bilaget blev afvist af en fejl.", "reopened_until": "2020-01-22 12:00:00+00:00"}')]


def test_a_reopened_nomination_takes_its_nominators_changes_until_its_new_deadline(session, secretariat, year):
    nomination = make_nomination(session, year=year, body=make_body(session))
    nominator = actor_of(make_user(session, role=Role.NOMINATOR, body=nomination.nominating_body))
    until = NOW + timedelta(days=2)

    reopen_nomination(session, actor=secretariat, nomination_id=nomination.id, until=until, reason="Rettelse.",
                      now=NOW)
    reach = require_on_nomination(session, actor=nominator, action=Action.EDIT_NOMINATION,
                                  nomination_id=nomination.id, now=until - timedelta(minutes=1))

    assert (reach.status, reach.reopened_until) == (NominationStatus.SUBMITTED, until)


def test_a_deadline_without_a_time_zone_is_read_as_danish_time(session, secretariat, year):
    nomination = make_nomination(session, year=year, body=make_body(session))

    reopened = reopen_nomination(session, actor=secretariat, nomination_id=nomination.id,
                                 until=datetime(2020, 7, 1, 12, 0), reason="Rettelse.", now=NOW)

    assert (reopened, nomination.reopened_until) == (datetime(2020, 7, 1, 10, 0, tzinfo=UTC),) * 2


def test_a_new_deadline_in_the_past_is_refused_and_nothing_changes(session, secretariat, year):
    nomination = make_nomination(session, year=year, body=make_body(session))

    with pytest.raises(InvalidInput) as refused:
        reopen_nomination(session, actor=secretariat, nomination_id=nomination.id, until=NOW - timedelta(hours=1),
                          reason="Rettelse.", now=NOW)

    assert (refused.value.message("da"), _stored(session, nomination)) == (
        "Den nye frist, 20. januar 2020 kl. 09:00, er allerede passeret. Vælg et tidspunkt i fremtiden.",
        (NominationStatus.SUBMITTED, "", None, "", 0))


def test_reopening_needs_a_reason(session, secretariat, year):
    nomination = make_nomination(session, year=year, body=make_body(session))

    with pytest.raises(InvalidInput) as refused:
        reopen_nomination(session, actor=secretariat, nomination_id=nomination.id, until=NOW + timedelta(days=1),
                          reason="", now=NOW)

    assert (refused.value.message("da"), _stored(session, nomination)) == (
        "Feltet «Begrundelse» skal udfyldes.", (NominationStatus.SUBMITTED, "", None, "", 0))


def test_a_withdrawn_nomination_cannot_be_reopened(session, secretariat, year):
    nomination = make_nomination(session, year=year, body=make_body(session), status=NominationStatus.WITHDRAWN)

    with pytest.raises(InvalidInput) as refused:
        reopen_nomination(session, actor=secretariat, nomination_id=nomination.id, until=NOW + timedelta(days=1),
                          reason="Rettelse.", now=NOW)

    assert (refused.value.message("da"), _stored(session, nomination)) == (
        "En indstilling, der er trukket tilbage, kan ikke genåbnes.", (NominationStatus.WITHDRAWN, "", None, "", 0))


def test_a_nominator_cannot_reopen_their_own_nomination(session, year):
    nomination = make_nomination(session, year=year, body=make_body(session))
    nominator = actor_of(make_user(session, role=Role.NOMINATOR, body=nomination.nominating_body))

    with pytest.raises(NotAllowed):
        reopen_nomination(session, actor=nominator, nomination_id=nomination.id, until=NOW + timedelta(days=1),
                          reason="Vi mangler et bilag.", now=NOW)

    assert _stored(session, nomination) == (NominationStatus.SUBMITTED, "", None, "", 0)


def test_reopening_is_refused_once_judging_has_begun(session, secretariat):
    year = make_year(session, phase=Phase.SCREENING)
    nomination = make_nomination(session, year=year, body=make_body(session))

    with pytest.raises(OutOfPhase):
        reopen_nomination(session, actor=secretariat, nomination_id=nomination.id, until=NOW + timedelta(days=1),
                          reason="Rettelse.", now=NOW)
