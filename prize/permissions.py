"""Who may do what to which object, in which phase: the one rule book that
services, pages and the menu all ask (pretalx's ``submission/rules.py`` is the model).

A rule grants an action to a role, optionally only in some phases and only
when named predicates about the actor and the target hold: the actor's own
body, own nomination, own score sheet, no conflict of interest, results
released. Targets are small frozen values that a service builds from its
queries, so a rule never touches the database.

Until a one-time password has been changed, an actor may do nothing but edit
their own profile.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from prize.actor import Actor
from prize.errors import (AlreadyApproved, ConflictOfInterest, DecisionExists, EditsClosed, NotAllowed,
                          NotSentToCouncil, OutOfPhase, PasswordChangeRequired, PrizeError, ReasonRequired,
                          RecommendationNotApproved, RoundStillOpen, ScoringClosed, VideoRefused)
from prize.phases import JUDGING_PHASES, Phase
from prize.roles import Role
from prize.text import Markup


class Action(StrEnum):
    VIEW_OWN_NOMINATIONS = "view_own_nominations"
    VIEW_NOMINATION = "view_nomination"
    VIEW_ALL_NOMINATIONS = "view_all_nominations"
    CREATE_NOMINATION = "create_nomination"
    EDIT_NOMINATION = "edit_nomination"
    SUBMIT_NOMINATION = "submit_nomination"
    DELETE_NOMINATION = "delete_nomination"
    INVITE_VILLAGE_CONTACT = "invite_village_contact"
    MARK_ELIGIBILITY = "mark_eligibility"
    REOPEN_NOMINATION = "reopen_nomination"
    MANAGE_BODIES = "manage_bodies"
    SET_DEADLINES = "set_deadlines"
    VIEW_CANDIDATES = "view_candidates"
    VIEW_OWN_SHEETS = "view_own_sheets"
    SCORE = "score"
    VIEW_OTHERS_SCORES = "view_others_scores"
    DECLARE_CONFLICT = "declare_conflict"
    RECUSE_JUROR = "recuse_juror"
    WITHDRAW_CONFLICT = "withdraw_conflict"
    VIEW_PROGRESS = "view_progress"
    MANAGE_ROUND = "manage_round"
    VIEW_YEAR_OVERVIEW = "view_year_overview"
    CREATE_YEAR = "create_year"
    MOVE_PHASE = "move_phase"
    MANAGE_USERS = "manage_users"
    MANAGE_CRITERIA = "manage_criteria"
    EDIT_OWN_PROFILE = "edit_own_profile"
    DOWNLOAD_BACKUP = "download_backup"
    EXPORT_OWN_DATA = "export_own_data"
    EXPORT_PERSONAL_DATA = "export_personal_data"
    ERASE_PERSONAL_DATA = "erase_personal_data"
    APPLY_RETENTION = "apply_retention"
    VIEW_AUDIT = "view_audit"
    VIEW_RESULTS = "view_results"
    VIEW_JUROR_TOTALS = "view_juror_totals"
    CHOOSE_RANKING_METHOD = "choose_ranking_method"
    CONFIRM_SHORTLIST = "confirm_shortlist"
    MANAGE_OUTBOX = "manage_outbox"
    SEND_REMINDERS = "send_reminders"
    SEND_ANNOUNCEMENTS = "send_announcements"
    VIEW_PRESENTATIONS = "view_presentations"
    SCHEDULE_PRESENTATION = "schedule_presentation"
    WRITE_PRESENTATION_NOTES = "write_presentation_notes"
    VIEW_RECOMMENDATION = "view_recommendation"
    DRAFT_RECOMMENDATION = "draft_recommendation"
    APPROVE_RECOMMENDATION = "approve_recommendation"
    EXPORT_RECOMMENDATION = "export_recommendation"
    SET_COUNCIL_OPTIONS = "set_council_options"
    RECORD_DECISION = "record_decision"
    VIEW_ARCHIVE = "view_archive"
    ENTER_PAST_WINNER = "enter_past_winner"
    MANAGE_VIDEOS = "manage_videos"
    WATCH_VIDEOS = "watch_videos"
    VIEW_PUBLIC_FINALISTS = "view_public_finalists"


# --- Targets: what a rule needs to know about the object ------------------------------------

@dataclass(frozen=True)
class NominationTarget:
    """A nomination. ``open_for_edits``: its deadline has not passed
    (``prize.deadlines.open_for_edits``); a new nomination's target has id 0."""

    nomination_id: int
    nominating_body_id: int
    open_for_edits: bool = False


@dataclass(frozen=True)
class SheetTarget:
    """One juror's score sheet for one candidate in a round. ``in_round``: the
    candidate takes part in the round (eligible; a finalist in the final round; the
    round's year); ``round_open``: the round has not been closed."""

    juror_id: int
    nomination_id: int
    conflicted: bool
    in_round: bool = True
    round_open: bool = True


@dataclass(frozen=True)
class ResultsTarget:
    """Other jurors' scores of one candidate (or a round's aggregates).

    ``released``: the secretariat has released the round's results.
    ``reveal_after_own_sheet``: the round lets a juror see the others' scores of
    a candidate once their own sheet for it is submitted.
    """

    released: bool
    reveal_after_own_sheet: bool = False
    own_sheet_submitted: bool = False


@dataclass(frozen=True)
class ShortlistTarget:
    """The year's screening round, whose ranking the shortlist is chosen from;
    ``round_closed``: no juror can change a score any more."""

    round_closed: bool


@dataclass(frozen=True)
class PresentationTarget:
    """A finalist's presentation; ``conflicted``: the acting juror has an active conflict
    of interest with the finalist (always False for the secretariat)."""

    conflicted: bool = False


@dataclass(frozen=True)
class RecommendationTarget:
    """The year's recommendation. ``approved``: the secretariat has approved it;
    ``reason_given``: the change asked about comes with a written reason."""

    approved: bool = False
    reason_given: bool = False


@dataclass(frozen=True)
class DecisionTarget:
    """The council's decision of a year. ``decided``: one is recorded already;
    ``recommendation_approved``: the jury's recommendation is approved;
    ``sent_to_council``: the year is in the phase "recommendation", so the recommendation
    has gone to the council."""

    decided: bool = False
    recommendation_approved: bool = False
    sent_to_council: bool = False


@dataclass(frozen=True)
class FinalistTarget:
    """A candidate whose presentation videos are asked about. ``finalist``: it is on the
    year's confirmed shortlist; ``conflicted``: the asking juror has a conflict of interest with it."""

    nomination_id: int
    nominating_body_id: int
    finalist: bool
    conflicted: bool = False


# --- Named predicates ------------------------------------------------------------------------

@dataclass(frozen=True)
class Predicate:
    """A named yes/no question about an actor and a target; ``refusal`` is the
    error raised when the answer is no."""

    name: str
    test: Callable[[Actor, object], bool]
    refusal: type[PrizeError] = NotAllowed

    def __call__(self, actor: Actor, target: object) -> bool:
        return bool(self.test(actor, target))


is_own_body = Predicate("is_own_body", lambda actor, target: (
    actor.nominating_body_id is not None and target.nominating_body_id == actor.nominating_body_id))
is_own_nomination = Predicate("is_own_nomination", lambda actor, target: (
    actor.nomination_id is not None and target.nomination_id == actor.nomination_id))
is_own_sheet = Predicate("is_own_sheet", lambda actor, target: (
    actor.id is not None and target.juror_id == actor.id))
has_no_conflict = Predicate("has_no_conflict", lambda actor, target: not target.conflicted,
                            refusal=ConflictOfInterest)
is_candidate_in_round = Predicate("is_candidate_in_round", lambda actor, target: target.in_round)
round_is_open = Predicate("round_is_open", lambda actor, target: target.round_open, refusal=ScoringClosed)
is_open_for_edits = Predicate("is_open_for_edits", lambda actor, target: target.open_for_edits,
                              refusal=EditsClosed)
results_released = Predicate("results_released", lambda actor, target: (
    target.released or (target.reveal_after_own_sheet and target.own_sheet_submitted)))

is_finalist = Predicate("is_finalist", lambda actor, target: target.finalist, refusal=VideoRefused)
screening_is_closed = Predicate("screening_is_closed", lambda actor, target: target.round_closed,
                                refusal=RoundStillOpen)

# Approval locks the recommendation: a change after it needs a written reason.
reason_given_once_approved = Predicate("reason_given_once_approved", lambda actor, target: (
    not target.approved or target.reason_given), refusal=ReasonRequired)
not_yet_approved = Predicate("not_yet_approved", lambda actor, target: not target.approved,
                             refusal=AlreadyApproved)
no_decision_yet = Predicate("no_decision_yet", lambda actor, target: not target.decided, refusal=DecisionExists)
recommendation_approved = Predicate("recommendation_approved", lambda actor, target: target.recommendation_approved,
                                    refusal=RecommendationNotApproved)
sent_to_council = Predicate("sent_to_council", lambda actor, target: target.sent_to_council,
                            refusal=NotSentToCouncil)


def password_changed(actor: Actor) -> bool:
    """False while the actor still logs in with a one-time password."""
    return not actor.must_change_password


# --- The rule book ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Grant:
    """A role may do the action in ``phases`` (None: any phase) when every check holds."""

    phases: frozenset[Phase] | None = None
    checks: tuple[Predicate, ...] = ()


_ANY = Grant()
_NOMINATIONS_OPEN = frozenset({Phase.NOMINATIONS_OPEN})
# Nominations close with the phase move; one reopened nomination may still change after it.
_INTAKE = frozenset({Phase.NOMINATIONS_OPEN, Phase.NOMINATIONS_CLOSED})
_OWN_BODY_BEFORE_DEADLINE = (is_own_body, is_open_for_edits)
# A round is opened, released, closed and reopened while its phase or the next one lasts.
_ROUND_PHASES = frozenset({Phase.SCREENING, Phase.SHORTLIST, Phase.FINAL_ROUND, Phase.RECOMMENDATION})
_CONFLICT_PHASES = frozenset({Phase.NOMINATIONS_CLOSED, Phase.SHORTLIST}) | JUDGING_PHASES
# The method the shortlist is proposed by may be chosen until the shortlist is confirmed.
_BEFORE_FINAL_ROUND = frozenset({Phase.DRAFT, Phase.NOMINATIONS_OPEN, Phase.NOMINATIONS_CLOSED, Phase.SCREENING,
                                 Phase.SHORTLIST})
# The finalists present themselves to the jury in the final round.
_FINAL_ROUND = frozenset({Phase.FINAL_ROUND})
# The recommendation is drafted in the final round and, approved, goes with the year to the council.
_RECOMMENDING = frozenset({Phase.FINAL_ROUND, Phase.RECOMMENDATION})
# A decision is asked for from the final round on, so that one asked too early or a second time
# is told why (the predicates); the only phase it is recorded in is "recommendation".
_DECIDING = frozenset({Phase.FINAL_ROUND, Phase.RECOMMENDATION, Phase.DECIDED})
# A finalist's videos are made for the final round and kept in the years after it.
_FROM_FINAL_ROUND = frozenset({Phase.FINAL_ROUND, Phase.RECOMMENDATION, Phase.DECIDED, Phase.ARCHIVED})

RULES: dict[Action, dict[Role, Grant]] = {
    Action.VIEW_OWN_NOMINATIONS: {Role.NOMINATOR: _ANY, Role.VILLAGE: _ANY},
    Action.VIEW_NOMINATION: {
        Role.NOMINATOR: Grant(checks=(is_own_body,)),
        Role.VILLAGE: Grant(checks=(is_own_nomination,)),
        Role.SECRETARIAT: _ANY,
    },
    Action.VIEW_ALL_NOMINATIONS: {Role.SECRETARIAT: _ANY},
    Action.CREATE_NOMINATION: {Role.NOMINATOR: Grant(_NOMINATIONS_OPEN, _OWN_BODY_BEFORE_DEADLINE)},
    Action.EDIT_NOMINATION: {
        Role.NOMINATOR: Grant(_INTAKE, _OWN_BODY_BEFORE_DEADLINE),
        Role.VILLAGE: Grant(_INTAKE, (is_own_nomination, is_open_for_edits)),
    },
    Action.SUBMIT_NOMINATION: {Role.NOMINATOR: Grant(_INTAKE, _OWN_BODY_BEFORE_DEADLINE)},
    Action.DELETE_NOMINATION: {Role.NOMINATOR: Grant(_INTAKE, _OWN_BODY_BEFORE_DEADLINE)},
    Action.INVITE_VILLAGE_CONTACT: {Role.NOMINATOR: Grant(_INTAKE, _OWN_BODY_BEFORE_DEADLINE)},
    Action.MARK_ELIGIBILITY: {Role.SECRETARIAT: Grant(_INTAKE)},
    Action.REOPEN_NOMINATION: {Role.SECRETARIAT: Grant(_INTAKE)},
    Action.MANAGE_BODIES: {Role.SECRETARIAT: _ANY},
    Action.SET_DEADLINES: {Role.SECRETARIAT: _ANY},
    # A juror sees a candidate of a round while they may score it: in the round, no conflict.
    Action.VIEW_CANDIDATES: {Role.JUROR: Grant(checks=(is_candidate_in_round, has_no_conflict)),
                             Role.SECRETARIAT: _ANY},
    Action.VIEW_OWN_SHEETS: {Role.JUROR: _ANY},
    Action.SCORE: {Role.JUROR: Grant(JUDGING_PHASES, (is_candidate_in_round, is_own_sheet, has_no_conflict,
                                                      round_is_open))},
    Action.VIEW_OTHERS_SCORES: {Role.JUROR: Grant(checks=(results_released,)), Role.SECRETARIAT: _ANY},
    Action.DECLARE_CONFLICT: {Role.JUROR: Grant(_CONFLICT_PHASES), Role.SECRETARIAT: Grant(_CONFLICT_PHASES)},
    Action.RECUSE_JUROR: {Role.SECRETARIAT: Grant(_CONFLICT_PHASES)},
    Action.WITHDRAW_CONFLICT: {Role.SECRETARIAT: Grant(_CONFLICT_PHASES)},
    Action.VIEW_PROGRESS: {Role.SECRETARIAT: _ANY},
    Action.MANAGE_ROUND: {Role.SECRETARIAT: Grant(_ROUND_PHASES)},
    Action.VIEW_YEAR_OVERVIEW: {Role.SECRETARIAT: _ANY},
    Action.CREATE_YEAR: {Role.SECRETARIAT: _ANY},
    Action.MOVE_PHASE: {Role.SECRETARIAT: _ANY},
    Action.MANAGE_USERS: {Role.SECRETARIAT: _ANY},
    Action.MANAGE_CRITERIA: {Role.SECRETARIAT: Grant(frozenset({Phase.DRAFT, Phase.NOMINATIONS_OPEN}))},
    Action.EDIT_OWN_PROFILE: {role: _ANY for role in Role},
    # A backup holds everything, every user's personal data included.
    Action.DOWNLOAD_BACKUP: {Role.SECRETARIAT: _ANY},
    # Personal data: everyone downloads their own; the
    # secretariat answers a person's request for theirs, erases it, and runs the retention.
    Action.EXPORT_OWN_DATA: {role: _ANY for role in Role},
    Action.EXPORT_PERSONAL_DATA: {Role.SECRETARIAT: _ANY},
    Action.ERASE_PERSONAL_DATA: {Role.SECRETARIAT: _ANY},
    Action.APPLY_RETENTION: {Role.SECRETARIAT: _ANY},
    # The audit trail names every person who acted and what they wrote.
    Action.VIEW_AUDIT: {Role.SECRETARIAT: _ANY},
    # A round's ranking and statistics; the jury sees them once the round's results are released.
    Action.VIEW_RESULTS: {Role.SECRETARIAT: _ANY, Role.JUROR: Grant(checks=(results_released,))},
    # Every juror's total for every candidate (the heatmap): the same, named apart.
    Action.VIEW_JUROR_TOTALS: {Role.SECRETARIAT: _ANY, Role.JUROR: Grant(checks=(results_released,))},
    Action.CHOOSE_RANKING_METHOD: {Role.SECRETARIAT: Grant(_BEFORE_FINAL_ROUND)},
    Action.CONFIRM_SHORTLIST: {Role.SECRETARIAT: Grant(frozenset({Phase.SHORTLIST}), (screening_is_closed,))},
    # The outbox holds every message's text, password links included.
    Action.MANAGE_OUTBOX: {Role.SECRETARIAT: _ANY},
    # A reminder is for a round that is open for scoring.
    Action.SEND_REMINDERS: {Role.SECRETARIAT: Grant(JUDGING_PHASES)},
    Action.SEND_ANNOUNCEMENTS: {Role.SECRETARIAT: _ANY},
    Action.VIEW_PRESENTATIONS: {Role.JUROR: _ANY, Role.SECRETARIAT: _ANY},
    Action.SCHEDULE_PRESENTATION: {Role.SECRETARIAT: Grant(_FINAL_ROUND)},
    # The jury's shared notes: a juror with a conflict of interest neither reads nor writes them.
    Action.WRITE_PRESENTATION_NOTES: {Role.JUROR: Grant(_FINAL_ROUND, (has_no_conflict,)),
                                      Role.SECRETARIAT: Grant(_FINAL_ROUND)},
    Action.VIEW_RECOMMENDATION: {Role.SECRETARIAT: _ANY},
    # The council's documents hold every score and conflict; before the recommendation they are a draft.
    Action.EXPORT_RECOMMENDATION: {Role.SECRETARIAT: _ANY},
    # How the council's documents name the jurors and whether they print the conflicts' reasons.
    Action.SET_COUNCIL_OPTIONS: {Role.SECRETARIAT: _ANY},
    Action.DRAFT_RECOMMENDATION: {Role.SECRETARIAT: Grant(_RECOMMENDING, (reason_given_once_approved,))},
    Action.APPROVE_RECOMMENDATION: {Role.SECRETARIAT: Grant(_FINAL_ROUND, (not_yet_approved,))},
    Action.RECORD_DECISION: {Role.SECRETARIAT: Grant(_DECIDING, (no_decision_yet, recommendation_approved,
                                                                 sent_to_council))},
    # Past winners, finalists and the number of nominations: what the region publishes anyway.
    Action.VIEW_ARCHIVE: {Role.SECRETARIAT: _ANY, Role.JUROR: _ANY},
    Action.ENTER_PAST_WINNER: {Role.SECRETARIAT: _ANY},
    # A finalist's presentation videos: the secretariat attaches and publishes them; they play for
    # the secretariat, the jury (no conflict) and the finalist's own nominator and village contact.
    Action.MANAGE_VIDEOS: {Role.SECRETARIAT: Grant(_FROM_FINAL_ROUND, (is_finalist,))},
    Action.WATCH_VIDEOS: {
        Role.SECRETARIAT: Grant(_FROM_FINAL_ROUND, (is_finalist,)),
        Role.JUROR: Grant(_FROM_FINAL_ROUND, (is_finalist, has_no_conflict)),
        Role.NOMINATOR: Grant(_FROM_FINAL_ROUND, (is_own_body, is_finalist)),
        Role.VILLAGE: Grant(_FROM_FINAL_ROUND, (is_own_nomination, is_finalist)),
    },
    # The public finalists page: anyone, logged in or not, sees what is published there.
    Action.VIEW_PUBLIC_FINALISTS: {role: _ANY for role in Role},
}

# The only action open while a one-time password must still be changed.
_OPEN_BEFORE_PASSWORD_CHANGE = frozenset({Action.EDIT_OWN_PROFILE})


def role_may(role: Role | str, action: Action) -> bool:
    """True when ``role`` may do ``action`` in some phase, to some target."""
    return Role(role) in RULES[action]


def may_ever(actor: Actor, action: Action) -> bool:
    """True when ``actor`` may do ``action`` in some phase, to some target: the
    question the menu asks before it lists a page."""
    return _refusal(actor, action, phase=None, target=None, phase_known=False) is None


def can(actor: Actor, action: Action, *, phase: Phase | str | None, target: object = None) -> bool:
    """True when ``actor`` may do ``action`` to ``target`` while the year is in ``phase``."""
    return _refusal(actor, action, phase=phase, target=target) is None


def require(actor: Actor, action: Action, *, phase: Phase | str | None, target: object = None) -> None:
    """Raise the reason ``actor`` may not do ``action`` to ``target`` in ``phase``:
    ``NotAllowed`` (role or object), ``PasswordChangeRequired``, ``OutOfPhase``,
    or the refusal a failing predicate names (``ConflictOfInterest``)."""
    refusal = _refusal(actor, action, phase=phase, target=target)
    if refusal is not None:
        raise refusal


def _refusal(actor: Actor, action: Action, *, phase: Phase | str | None, target: object,
             phase_known: bool = True) -> PrizeError | None:
    grant = RULES[action].get(Role(actor.role))
    if grant is None:
        return NotAllowed()
    if not password_changed(actor) and action not in _OPEN_BEFORE_PASSWORD_CHANGE:
        return PasswordChangeRequired()
    if not phase_known:
        return None
    if grant.phases is not None and (phase is None or Phase(phase) not in grant.phases):
        return OutOfPhase(phase=Phase(phase) if phase else Markup("-"))
    if grant.checks and target is None:
        raise TypeError(f"{action} for {actor.role} is checked against a target; none was given")
    return next((check.refusal() for check in grant.checks if not check(actor, target)), None)
