"""Who may do what, in which phase: the one rule that pages and services both ask."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from prize.errors import NotAllowed, OutOfPhase
from prize.phases import Phase
from prize.roles import Role


class Action(StrEnum):
    VIEW_OWN_NOMINATIONS = "view_own_nominations"
    EDIT_NOMINATION = "edit_nomination"
    SUBMIT_NOMINATION = "submit_nomination"
    VIEW_CANDIDATES = "view_candidates"
    SCORE = "score"
    DECLARE_CONFLICT = "declare_conflict"
    VIEW_YEAR_OVERVIEW = "view_year_overview"
    CREATE_YEAR = "create_year"
    MOVE_PHASE = "move_phase"
    MANAGE_USERS = "manage_users"
    MANAGE_CRITERIA = "manage_criteria"
    EDIT_OWN_PROFILE = "edit_own_profile"


@dataclass(frozen=True)
class Rule:
    roles: frozenset[Role]
    phases: frozenset[Phase] | None = None  # None: any phase


_ALL_ROLES = frozenset(Role)
_SECRETARIAT = frozenset({Role.SECRETARIAT})
_NOMINATING = frozenset({Role.NOMINATOR, Role.VILLAGE})
_JUDGING = frozenset({Phase.SCREENING, Phase.FINAL_ROUND})

RULES: dict[Action, Rule] = {
    Action.VIEW_OWN_NOMINATIONS: Rule(_NOMINATING),
    Action.EDIT_NOMINATION: Rule(_NOMINATING, frozenset({Phase.NOMINATIONS_OPEN})),
    Action.SUBMIT_NOMINATION: Rule(frozenset({Role.NOMINATOR}), frozenset({Phase.NOMINATIONS_OPEN})),
    Action.VIEW_CANDIDATES: Rule(frozenset({Role.JUROR, Role.SECRETARIAT})),
    Action.SCORE: Rule(frozenset({Role.JUROR}), _JUDGING),
    Action.DECLARE_CONFLICT: Rule(frozenset({Role.JUROR, Role.SECRETARIAT}),
                                  frozenset({Phase.NOMINATIONS_CLOSED}) | _JUDGING
                                  | frozenset({Phase.SHORTLIST})),
    Action.VIEW_YEAR_OVERVIEW: Rule(_SECRETARIAT),
    Action.CREATE_YEAR: Rule(_SECRETARIAT),
    Action.MOVE_PHASE: Rule(_SECRETARIAT),
    Action.MANAGE_USERS: Rule(_SECRETARIAT),
    Action.MANAGE_CRITERIA: Rule(_SECRETARIAT, frozenset({Phase.DRAFT, Phase.NOMINATIONS_OPEN})),
    Action.EDIT_OWN_PROFILE: Rule(_ALL_ROLES),
}


def role_may(role: Role | str, action: Action) -> bool:
    """True when ``role`` may ever do ``action``, whatever the phase."""
    return Role(role) in RULES[action].roles


def can(role: Role | str, action: Action, phase: Phase | str | None = None) -> bool:
    """True when ``role`` may do ``action`` in ``phase``."""
    rule = RULES[action]
    if Role(role) not in rule.roles:
        return False
    return rule.phases is None or (phase is not None and Phase(phase) in rule.phases)


def require(role: Role | str, action: Action, phase: Phase | str | None = None) -> None:
    """Raise ``NotAllowed`` for the wrong role, ``OutOfPhase`` for the wrong phase."""
    if not role_may(role, action):
        raise NotAllowed()
    if not can(role, action, phase):
        raise OutOfPhase(phase=Phase(phase) if phase else "-")
