"""The rule book: who may do what to which object, in which phase."""

from dataclasses import replace

import pytest

from prize.actor import Actor
from prize.errors import (AlreadyApproved, ConflictOfInterest, DeadlinePassed, DecisionExists, EditsClosed, NotAllowed,
                          NotSentToCouncil, OutOfPhase, PasswordChangeRequired, PrizeError, ReasonRequired,
                          RecommendationNotApproved, RoundStillOpen, ScoringClosed, VideoRefused)
from prize.permissions import (Action, DecisionTarget, FinalistTarget, NominationTarget, PresentationTarget,
                               RecommendationTarget, ResultsTarget, SheetTarget, ShortlistTarget, can, may_ever, require,
                               role_may)
from prize.phases import Phase
from prize.roles import Role

ANY_PHASE = frozenset(Phase)
JUDGING = frozenset({Phase.SCREENING, Phase.FINAL_ROUND})
NOMINATING = frozenset({Phase.NOMINATIONS_OPEN})
INTAKE = frozenset({Phase.NOMINATIONS_OPEN, Phase.NOMINATIONS_CLOSED})
FROM_FINAL_ROUND = frozenset({Phase.FINAL_ROUND, Phase.RECOMMENDATION, Phase.DECIDED, Phase.ARCHIVED})

# The rule book, written out independently of prize.permissions:
# for each action, the phases in which each role may do it (absent role: never),
# given a target the role's object rules accept (see _OWN_TARGET).
EXPECTED: dict[Action, dict[Role, frozenset[Phase]]] = {
    Action.VIEW_OWN_NOMINATIONS: {Role.NOMINATOR: ANY_PHASE, Role.VILLAGE: ANY_PHASE},
    Action.VIEW_NOMINATION: {Role.NOMINATOR: ANY_PHASE, Role.VILLAGE: ANY_PHASE, Role.SECRETARIAT: ANY_PHASE},
    Action.VIEW_ALL_NOMINATIONS: {Role.SECRETARIAT: ANY_PHASE},
    Action.CREATE_NOMINATION: {Role.NOMINATOR: NOMINATING},
    Action.EDIT_NOMINATION: {Role.NOMINATOR: INTAKE, Role.VILLAGE: INTAKE},
    Action.SUBMIT_NOMINATION: {Role.NOMINATOR: INTAKE},
    Action.DELETE_NOMINATION: {Role.NOMINATOR: INTAKE},
    Action.INVITE_VILLAGE_CONTACT: {Role.NOMINATOR: INTAKE},
    Action.MARK_ELIGIBILITY: {Role.SECRETARIAT: INTAKE},
    Action.REOPEN_NOMINATION: {Role.SECRETARIAT: INTAKE},
    Action.MANAGE_BODIES: {Role.SECRETARIAT: ANY_PHASE},
    Action.SET_DEADLINES: {Role.SECRETARIAT: ANY_PHASE},
    Action.VIEW_CANDIDATES: {Role.JUROR: ANY_PHASE, Role.SECRETARIAT: ANY_PHASE},
    Action.VIEW_OWN_SHEETS: {Role.JUROR: ANY_PHASE},
    Action.SCORE: {Role.JUROR: JUDGING},
    Action.VIEW_OTHERS_SCORES: {Role.JUROR: ANY_PHASE, Role.SECRETARIAT: ANY_PHASE},
    Action.DECLARE_CONFLICT: {
        role: frozenset({Phase.NOMINATIONS_CLOSED, Phase.SCREENING, Phase.SHORTLIST, Phase.FINAL_ROUND})
        for role in (Role.JUROR, Role.SECRETARIAT)},
    Action.RECUSE_JUROR: {Role.SECRETARIAT: frozenset({Phase.NOMINATIONS_CLOSED, Phase.SCREENING, Phase.SHORTLIST,
                                                        Phase.FINAL_ROUND})},
    Action.WITHDRAW_CONFLICT: {Role.SECRETARIAT: frozenset({Phase.NOMINATIONS_CLOSED, Phase.SCREENING,
                                                             Phase.SHORTLIST, Phase.FINAL_ROUND})},
    Action.VIEW_PROGRESS: {Role.SECRETARIAT: ANY_PHASE},
    Action.MANAGE_ROUND: {Role.SECRETARIAT: frozenset({Phase.SCREENING, Phase.SHORTLIST, Phase.FINAL_ROUND,
                                                       Phase.RECOMMENDATION})},
    Action.VIEW_YEAR_OVERVIEW: {Role.SECRETARIAT: ANY_PHASE},
    Action.CREATE_YEAR: {Role.SECRETARIAT: ANY_PHASE},
    Action.MOVE_PHASE: {Role.SECRETARIAT: ANY_PHASE},
    Action.MANAGE_USERS: {Role.SECRETARIAT: ANY_PHASE},
    Action.MANAGE_CRITERIA: {Role.SECRETARIAT: frozenset({Phase.DRAFT, Phase.NOMINATIONS_OPEN})},
    Action.EDIT_OWN_PROFILE: {role: ANY_PHASE for role in Role},
    Action.DOWNLOAD_BACKUP: {Role.SECRETARIAT: ANY_PHASE},
    Action.EXPORT_OWN_DATA: {role: ANY_PHASE for role in Role},
    Action.EXPORT_PERSONAL_DATA: {Role.SECRETARIAT: ANY_PHASE},
    Action.ERASE_PERSONAL_DATA: {Role.SECRETARIAT: ANY_PHASE},
    Action.APPLY_RETENTION: {Role.SECRETARIAT: ANY_PHASE},
    Action.VIEW_AUDIT: {Role.SECRETARIAT: ANY_PHASE},
    Action.VIEW_RESULTS: {Role.SECRETARIAT: ANY_PHASE, Role.JUROR: ANY_PHASE},
    Action.VIEW_JUROR_TOTALS: {Role.SECRETARIAT: ANY_PHASE, Role.JUROR: ANY_PHASE},
    Action.CHOOSE_RANKING_METHOD: {Role.SECRETARIAT: frozenset({
        Phase.DRAFT, Phase.NOMINATIONS_OPEN, Phase.NOMINATIONS_CLOSED, Phase.SCREENING, Phase.SHORTLIST})},
    Action.CONFIRM_SHORTLIST: {Role.SECRETARIAT: frozenset({Phase.SHORTLIST})},
    Action.MANAGE_OUTBOX: {Role.SECRETARIAT: ANY_PHASE},
    Action.SEND_REMINDERS: {Role.SECRETARIAT: JUDGING},
    Action.SEND_ANNOUNCEMENTS: {Role.SECRETARIAT: ANY_PHASE},
    Action.VIEW_PRESENTATIONS: {Role.JUROR: ANY_PHASE, Role.SECRETARIAT: ANY_PHASE},
    Action.SCHEDULE_PRESENTATION: {Role.SECRETARIAT: frozenset({Phase.FINAL_ROUND})},
    Action.WRITE_PRESENTATION_NOTES: {role: frozenset({Phase.FINAL_ROUND}) for role in (Role.JUROR, Role.SECRETARIAT)},
    Action.VIEW_RECOMMENDATION: {Role.SECRETARIAT: ANY_PHASE},
    Action.EXPORT_RECOMMENDATION: {Role.SECRETARIAT: ANY_PHASE},
    Action.SET_COUNCIL_OPTIONS: {Role.SECRETARIAT: ANY_PHASE},
    Action.DRAFT_RECOMMENDATION: {Role.SECRETARIAT: frozenset({Phase.FINAL_ROUND, Phase.RECOMMENDATION})},
    Action.APPROVE_RECOMMENDATION: {Role.SECRETARIAT: frozenset({Phase.FINAL_ROUND})},
    # Asked from the final round on; the target's facts narrow it to "recommendation" (tests below).
    Action.RECORD_DECISION: {Role.SECRETARIAT: frozenset({Phase.FINAL_ROUND, Phase.RECOMMENDATION, Phase.DECIDED})},
    Action.VIEW_ARCHIVE: {Role.SECRETARIAT: ANY_PHASE, Role.JUROR: ANY_PHASE},
    Action.ENTER_PAST_WINNER: {Role.SECRETARIAT: ANY_PHASE},
    Action.MANAGE_VIDEOS: {Role.SECRETARIAT: FROM_FINAL_ROUND},
    Action.WATCH_VIDEOS: {role: FROM_FINAL_ROUND for role in Role},
    Action.VIEW_PUBLIC_FINALISTS: {role: ANY_PHASE for role in Role},
}

JUROR_ID, BODY_ID, NOMINATION_ID = 7, 3, 11


def _actor(role: Role, **changes) -> Actor:
    """An actor of ``role`` with its affiliations: juror 7, body 3, nomination 11."""
    actor = Actor(id=JUROR_ID, username=f"{role.value}.test", name="Test Testesen", role=role,
                  nominating_body_id=BODY_ID if role == Role.NOMINATOR else None,
                  nomination_id=NOMINATION_ID if role == Role.VILLAGE else None)
    return replace(actor, **changes)


OWN_NOMINATION = NominationTarget(nomination_id=NOMINATION_ID, nominating_body_id=BODY_ID, open_for_edits=True)
OWN_SHEET = SheetTarget(juror_id=JUROR_ID, nomination_id=NOMINATION_ID, conflicted=False)
RELEASED = ResultsTarget(released=True)
SCREENING_CLOSED = ShortlistTarget(round_closed=True)
DRAFT = RecommendationTarget(approved=False)
SENT = DecisionTarget(decided=False, recommendation_approved=True, sent_to_council=True)
OWN_FINALIST = FinalistTarget(nomination_id=NOMINATION_ID, nominating_body_id=BODY_ID, finalist=True)
# The target each action is asked about in the rule-book tests: one the actor's own object rules accept.
_OWN_TARGET = {Action.VIEW_NOMINATION: OWN_NOMINATION, Action.EDIT_NOMINATION: OWN_NOMINATION,
               Action.SUBMIT_NOMINATION: OWN_NOMINATION, Action.CREATE_NOMINATION: OWN_NOMINATION,
               Action.DELETE_NOMINATION: OWN_NOMINATION, Action.INVITE_VILLAGE_CONTACT: OWN_NOMINATION, Action.SCORE: OWN_SHEET,
               Action.VIEW_OTHERS_SCORES: RELEASED, Action.VIEW_CANDIDATES: OWN_SHEET,
               Action.VIEW_RESULTS: RELEASED, Action.VIEW_JUROR_TOTALS: RELEASED,
               Action.CONFIRM_SHORTLIST: SCREENING_CLOSED,
               Action.WRITE_PRESENTATION_NOTES: PresentationTarget(conflicted=False),
               Action.DRAFT_RECOMMENDATION: DRAFT, Action.APPROVE_RECOMMENDATION: DRAFT, Action.RECORD_DECISION: SENT,
               Action.MANAGE_VIDEOS: OWN_FINALIST, Action.WATCH_VIDEOS: OWN_FINALIST}

CASES = [(role, action) for action in Action for role in Role]
GRANTED = [(role, action) for role, action in CASES if role in EXPECTED[action]]
DENIED = [(role, action) for role, action in CASES if role not in EXPECTED[action]]


def _case_id(value):
    return value.value


def _raised_by(actor: Actor, action: Action, phase: Phase | None, target: object = None) -> type | None:
    try:
        require(actor, action, phase=phase, target=target if target is not None else _OWN_TARGET.get(action))
    except (NotAllowed, OutOfPhase, ConflictOfInterest, DeadlinePassed) as error:
        return type(error)
    return None


# --- role x action x phase ------------------------------------------------------------------

def test_the_rule_book_covers_every_action():
    assert set(EXPECTED) == set(Action)


@pytest.mark.parametrize(("role", "action"), CASES, ids=_case_id)
def test_can_allows_exactly_the_phases_of_the_rule_book(role, action):
    allowed = {phase for phase in Phase
               if can(_actor(role), action, phase=phase, target=_OWN_TARGET.get(action))}

    assert allowed == EXPECTED[action].get(role, frozenset())


@pytest.mark.parametrize(("role", "action"), CASES, ids=_case_id)
def test_role_may_and_may_ever_are_true_when_the_role_may_act_in_some_phase(role, action):
    assert (role_may(role, action), may_ever(_actor(role), action)) == (role in EXPECTED[action],) * 2


@pytest.mark.parametrize(("role", "action"), DENIED, ids=_case_id)
def test_require_raises_not_allowed_for_a_role_without_the_right_in_every_phase(role, action):
    raised = {_raised_by(_actor(role), action, phase) for phase in Phase}

    assert raised == {NotAllowed}


@pytest.mark.parametrize(("role", "action"), GRANTED, ids=_case_id)
def test_require_raises_out_of_phase_for_the_right_role_in_the_wrong_phase(role, action):
    outcome = {phase: _raised_by(_actor(role), action, phase) for phase in Phase}

    assert outcome == {phase: None if phase in EXPECTED[action][role] else OutOfPhase for phase in Phase}


def test_a_phase_bound_action_without_a_phase_is_out_of_phase():
    assert _raised_by(_actor(Role.JUROR), Action.SCORE, None) is OutOfPhase


def test_an_action_of_any_phase_needs_no_phase():
    assert can(_actor(Role.SECRETARIAT), Action.MANAGE_USERS, phase=None) is True


def test_phases_may_be_given_as_plain_strings():
    assert can(_actor(Role.JUROR), Action.SCORE, phase="screening", target=OWN_SHEET) is True


# --- own body, own nomination ---------------------------------------------------------------

@pytest.mark.parametrize(("target", "allowed"), [
    (OWN_NOMINATION, True),
    (NominationTarget(nomination_id=12, nominating_body_id=BODY_ID, open_for_edits=True), True),
    (NominationTarget(nomination_id=NOMINATION_ID, nominating_body_id=4, open_for_edits=True), False),
], ids=["own-body", "another-nomination-of-the-own-body", "another-body"])
def test_a_nominator_edits_only_their_own_bodys_nominations(target, allowed):
    assert can(_actor(Role.NOMINATOR), Action.EDIT_NOMINATION, phase=Phase.NOMINATIONS_OPEN,
               target=target) is allowed


@pytest.mark.parametrize(("target", "allowed"), [
    (OWN_NOMINATION, True),
    (NominationTarget(nomination_id=12, nominating_body_id=BODY_ID, open_for_edits=True), False),
], ids=["own-nomination", "another-nomination-of-the-same-body"])
def test_a_village_contact_edits_only_their_own_nomination(target, allowed):
    assert can(_actor(Role.VILLAGE), Action.EDIT_NOMINATION, phase=Phase.NOMINATIONS_OPEN,
               target=target) is allowed


@pytest.mark.parametrize("role", [Role.NOMINATOR, Role.VILLAGE])
@pytest.mark.parametrize("action", [Action.EDIT_NOMINATION, Action.SUBMIT_NOMINATION, Action.CREATE_NOMINATION,
                                    Action.DELETE_NOMINATION, Action.INVITE_VILLAGE_CONTACT])
def test_after_its_deadline_an_own_nomination_is_refused_with_deadline_passed(role, action):
    target = replace(OWN_NOMINATION, open_for_edits=False)
    expected = EditsClosed if role in EXPECTED[action] else NotAllowed

    assert _raised_by(_actor(role), action, Phase.NOMINATIONS_OPEN, target) is expected


def test_a_nominator_without_a_body_reaches_no_nomination():
    actor = _actor(Role.NOMINATOR, nominating_body_id=None)

    assert _raised_by(actor, Action.VIEW_NOMINATION, None,
                      NominationTarget(nomination_id=1, nominating_body_id=BODY_ID)) is NotAllowed


def test_a_village_contact_without_a_nomination_reaches_none():
    actor = _actor(Role.VILLAGE, nomination_id=None)

    assert _raised_by(actor, Action.VIEW_NOMINATION, None, OWN_NOMINATION) is NotAllowed


def test_the_secretariat_views_any_nomination():
    assert can(_actor(Role.SECRETARIAT), Action.VIEW_NOMINATION, phase=None,
               target=NominationTarget(nomination_id=99, nominating_body_id=42)) is True


# --- own sheet, conflict ----------------------------------------------------------------------

def test_a_juror_may_not_score_on_another_jurors_sheet():
    sheet = SheetTarget(juror_id=JUROR_ID + 1, nomination_id=NOMINATION_ID, conflicted=False)

    assert _raised_by(_actor(Role.JUROR), Action.SCORE, Phase.SCREENING, sheet) is NotAllowed


def test_a_conflicted_juror_may_not_score_the_candidate_and_is_told_why_in_danish():
    sheet = SheetTarget(juror_id=JUROR_ID, nomination_id=NOMINATION_ID, conflicted=True)

    with pytest.raises(ConflictOfInterest) as refused:
        require(_actor(Role.JUROR), Action.SCORE, phase=Phase.SCREENING, target=sheet)

    assert refused.value.message("da") == (
        "Du har erklæret inhabilitet for denne kandidat og kan ikke bedømme den.")


def test_a_juror_may_not_score_a_candidate_outside_the_round():
    sheet = SheetTarget(juror_id=JUROR_ID, nomination_id=NOMINATION_ID, conflicted=False, in_round=False)

    assert _raised_by(_actor(Role.JUROR), Action.SCORE, Phase.SCREENING, sheet) is NotAllowed


def test_a_juror_may_not_score_in_a_closed_round_and_is_told_so():
    sheet = SheetTarget(juror_id=JUROR_ID, nomination_id=NOMINATION_ID, conflicted=False, round_open=False)

    with pytest.raises(ScoringClosed) as refused:
        require(_actor(Role.JUROR), Action.SCORE, phase=Phase.SCREENING, target=sheet)

    assert refused.value.message("da") == "Bedømmelsesrunden er lukket."


@pytest.mark.parametrize(("target", "refusal"), [
    (SheetTarget(juror_id=JUROR_ID, nomination_id=NOMINATION_ID, conflicted=False, in_round=False), NotAllowed),
    (SheetTarget(juror_id=JUROR_ID, nomination_id=NOMINATION_ID, conflicted=True), ConflictOfInterest),
], ids=["not_in_round", "conflicted"])
def test_a_juror_sees_a_candidate_only_while_they_may_score_it(target, refusal):
    assert _raised_by(_actor(Role.JUROR), Action.VIEW_CANDIDATES, Phase.SHORTLIST, target) is refusal


def test_a_rule_with_object_checks_asked_without_an_object_is_a_bug():
    with pytest.raises(TypeError):
        can(_actor(Role.JUROR), Action.SCORE, phase=Phase.SCREENING)


# --- others' scores -------------------------------------------------------------------------

@pytest.mark.parametrize(("target", "allowed"), [
    (ResultsTarget(released=False), False),
    (ResultsTarget(released=True), True),
    (ResultsTarget(released=False, reveal_after_own_sheet=False, own_sheet_submitted=True), False),
    (ResultsTarget(released=False, reveal_after_own_sheet=True, own_sheet_submitted=False), False),
    (ResultsTarget(released=False, reveal_after_own_sheet=True, own_sheet_submitted=True), True),
], ids=["hidden-until-release", "released", "own-sheet-submitted-but-round-reveals-only-on-release",
        "round-reveals-after-own-sheet-not-yet-submitted", "round-reveals-after-own-sheet-submitted"])
def test_a_juror_sees_others_scores_only_after_release_or_own_submission_as_the_round_says(target, allowed):
    assert can(_actor(Role.JUROR), Action.VIEW_OTHERS_SCORES, phase=Phase.SCREENING, target=target) is allowed


def test_the_secretariat_sees_scores_before_release():
    assert can(_actor(Role.SECRETARIAT), Action.VIEW_OTHERS_SCORES, phase=Phase.SCREENING,
               target=ResultsTarget(released=False)) is True


@pytest.mark.parametrize("action", [Action.VIEW_RESULTS, Action.VIEW_JUROR_TOTALS])
@pytest.mark.parametrize(("target", "allowed"), [
    (ResultsTarget(released=False), False),
    (ResultsTarget(released=True), True),
], ids=["before-release", "after-release"])
def test_a_juror_sees_a_rounds_results_and_totals_only_after_release(action, target, allowed):
    assert can(_actor(Role.JUROR), action, phase=Phase.SHORTLIST, target=target) is allowed


@pytest.mark.parametrize("action", [Action.VIEW_RESULTS, Action.VIEW_JUROR_TOTALS])
def test_the_secretariat_sees_a_rounds_results_and_totals_before_release(action):
    assert can(_actor(Role.SECRETARIAT), action, phase=Phase.SCREENING, target=ResultsTarget(released=False)) is True


def test_the_shortlist_is_not_confirmed_while_the_screening_round_is_open_and_the_refusal_says_so():
    with pytest.raises(RoundStillOpen) as refused:
        require(_actor(Role.SECRETARIAT), Action.CONFIRM_SHORTLIST, phase=Phase.SHORTLIST,
                target=ShortlistTarget(round_closed=False))

    assert refused.value.message("da") == (
        "Første bedømmelsesrunde er stadig åben. Luk runden, før finalisterne bekræftes.")


# --- presentations, the recommendation and the council's decision ----------------------------

def test_a_conflicted_juror_may_not_write_the_notes_of_a_finalists_presentation():
    assert _raised_by(_actor(Role.JUROR), Action.WRITE_PRESENTATION_NOTES, Phase.FINAL_ROUND,
                      PresentationTarget(conflicted=True)) is ConflictOfInterest


@pytest.mark.parametrize(("target", "refusal"), [
    (RecommendationTarget(approved=False, reason_given=False), None),
    (RecommendationTarget(approved=True, reason_given=False), ReasonRequired),
    (RecommendationTarget(approved=True, reason_given=True), None),
], ids=["draft", "approved-without-reason", "approved-with-reason"])
def test_an_approved_recommendation_is_changed_only_with_a_reason(target, refusal):
    raised = None
    try:
        require(_actor(Role.SECRETARIAT), Action.DRAFT_RECOMMENDATION, phase=Phase.RECOMMENDATION, target=target)
    except ReasonRequired as error:
        raised = type(error)

    assert raised is refusal


def test_an_approved_recommendation_is_not_approved_again_and_the_refusal_says_so():
    with pytest.raises(AlreadyApproved) as refused:
        require(_actor(Role.SECRETARIAT), Action.APPROVE_RECOMMENDATION, phase=Phase.FINAL_ROUND,
                target=RecommendationTarget(approved=True))

    assert refused.value.message("da") == "Indstillingen er allerede godkendt."


@pytest.mark.parametrize(("phase", "target", "refusal"), [
    (Phase.FINAL_ROUND, DecisionTarget(recommendation_approved=False), RecommendationNotApproved),
    (Phase.FINAL_ROUND, DecisionTarget(recommendation_approved=True), NotSentToCouncil),
    (Phase.RECOMMENDATION, SENT, None),
    (Phase.DECIDED, DecisionTarget(decided=True, recommendation_approved=True), DecisionExists),
    (Phase.SHORTLIST, DecisionTarget(), OutOfPhase),
], ids=["not-approved", "approved-not-sent", "sent", "decided", "before-the-final"])
def test_the_councils_decision_is_recorded_once_after_the_approved_recommendation_went_to_the_council(
        phase, target, refusal):
    raised = None
    try:
        require(_actor(Role.SECRETARIAT), Action.RECORD_DECISION, phase=phase, target=target)
    except (RecommendationNotApproved, NotSentToCouncil, DecisionExists, OutOfPhase) as error:
        raised = type(error)

    assert raised is refusal
# --- a finalist's videos --------------------------------------------------------------------

@pytest.mark.parametrize(("role", "target", "refusal"), [
    (Role.SECRETARIAT, replace(OWN_FINALIST, finalist=False), VideoRefused),
    (Role.JUROR, replace(OWN_FINALIST, conflicted=True), ConflictOfInterest),
    (Role.JUROR, replace(OWN_FINALIST, finalist=False), VideoRefused),
    (Role.NOMINATOR, replace(OWN_FINALIST, nominating_body_id=BODY_ID + 1), NotAllowed),
    (Role.NOMINATOR, replace(OWN_FINALIST, finalist=False), VideoRefused),
    (Role.VILLAGE, replace(OWN_FINALIST, nomination_id=NOMINATION_ID + 1), NotAllowed),
], ids=["secretariat-not-finalist", "juror-conflicted", "juror-not-finalist", "nominator-other-body",
        "nominator-not-finalist", "village-other-nomination"])
def test_videos_play_only_for_a_finalist_and_only_to_its_own_people_or_an_unconflicted_juror(role, target, refusal):
    with pytest.raises(PrizeError) as refused:
        require(_actor(role), Action.WATCH_VIDEOS, phase=Phase.FINAL_ROUND, target=target)

    assert type(refused.value) is refusal


def test_a_video_for_a_candidate_that_is_no_finalist_is_refused_in_danish():
    with pytest.raises(VideoRefused) as refused:
        require(_actor(Role.SECRETARIAT), Action.MANAGE_VIDEOS, phase=Phase.FINAL_ROUND,
                target=replace(OWN_FINALIST, finalist=False))

    assert refused.value.message("da") == (
        "Kandidaten er ikke finalist i året. Videoer kan kun knyttes til årets finalister.")


# --- a one-time password --------------------------------------------------------------------

@pytest.mark.parametrize(("role", "action"), [case for case in GRANTED if case[1] != Action.EDIT_OWN_PROFILE],
                         ids=_case_id)
def test_a_one_time_password_allows_nothing_but_the_own_profile(role, action):
    actor = _actor(role, must_change_password=True)
    phase = next(iter(sorted(EXPECTED[action][role])))

    assert (_raised_by(actor, action, phase), may_ever(actor, action)) == (PasswordChangeRequired, False)


@pytest.mark.parametrize("role", list(Role), ids=_case_id)
def test_a_one_time_password_still_opens_the_own_profile(role):
    actor = _actor(role, must_change_password=True)

    assert (can(actor, Action.EDIT_OWN_PROFILE, phase=None), may_ever(actor, Action.EDIT_OWN_PROFILE)) == (True, True)


def test_the_password_change_refusal_says_where_to_go_in_danish():
    with pytest.raises(PasswordChangeRequired) as refused:
        require(_actor(Role.JUROR, must_change_password=True), Action.VIEW_OWN_SHEETS, phase=None)

    assert refused.value.message("da") == "Vælg din egen adgangskode under «Min profil», før du går videre."


# --- messages -------------------------------------------------------------------------------

def test_not_allowed_says_so_in_danish():
    with pytest.raises(NotAllowed) as raised:
        require(_actor(Role.NOMINATOR), Action.SCORE, phase=Phase.SCREENING, target=OWN_SHEET)

    assert raised.value.message("da") == "Du har ikke adgang til denne handling."


def test_out_of_phase_names_the_phase_in_danish():
    with pytest.raises(OutOfPhase) as raised:
        require(_actor(Role.JUROR), Action.SCORE, phase=Phase.SHORTLIST, target=OWN_SHEET)

    assert raised.value.message("da") == "Det kan ikke lade sig gøre, mens året er i fasen «Udvælgelse af finalister»."


def test_out_of_phase_names_the_phase_in_english():
    with pytest.raises(OutOfPhase) as raised:
        require(_actor(Role.SECRETARIAT), Action.MANAGE_CRITERIA, phase=Phase.SCREENING)

    assert raised.value.message("en") == "That is not possible while the year is in the phase “Screening round”."


def test_out_of_phase_without_a_phase_shows_a_dash():
    with pytest.raises(OutOfPhase) as raised:
        require(_actor(Role.JUROR), Action.SCORE, phase=None, target=OWN_SHEET)

    assert raised.value.message("da") == "Det kan ikke lade sig gøre, mens året er i fasen «-»."


def test_the_rule_books_deadline_refusal_has_a_message_without_a_date():
    target = replace(OWN_NOMINATION, open_for_edits=False)

    with pytest.raises(DeadlinePassed) as refused:
        require(_actor(Role.NOMINATOR), Action.EDIT_NOMINATION, phase=Phase.NOMINATIONS_OPEN, target=target)

    assert refused.value.message("da") == "Fristen er udløbet, og indstillingen kan ikke længere ændres."
