"""The shortlist's rules as pure functions: whether a chosen list differs from the
proposal (the top N as ``prize.robustness.cut`` finds it, ties at the cut included), and
what a nominator is told about a candidate once the shortlist is published. No
database, no Streamlit."""

from __future__ import annotations

from collections.abc import Collection, Hashable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from prize.phases import NominationStatus
from prize.robustness import Cut


def above_cut(proposal: Cut) -> tuple[Hashable, ...]:
    """The candidates of the top N that are in it whatever a person decides about a tie."""
    return tuple(each for each in proposal.members if each not in proposal.tied)


@dataclass(frozen=True)
class Choice:
    """How a confirmed list relates to the cut: ``changed`` it (a candidate outside the
    proposal, or one above the cut left out); ``tie_resolved``: it picked among the tied."""

    changed: bool
    tie_resolved: bool

    @property
    def needs_justification(self) -> bool:
        return self.changed or self.tie_resolved


def compare(chosen: Collection[Hashable], proposal: Cut) -> Choice:
    """How ``chosen`` (the confirmed finalists) relates to ``proposal``."""
    chosen, clear = set(chosen), set(above_cut(proposal))
    if not proposal.tied:
        return Choice(changed=chosen != clear, tie_resolved=False)
    keeps_clear = clear <= chosen
    rest_from_tie = chosen - clear <= set(proposal.tied)
    return Choice(changed=not (keeps_clear and rest_from_tie), tie_resolved=True)


def duplicates(chosen: Sequence[Hashable]) -> list[Hashable]:
    """The candidates named more than once, in order of their second mention."""
    seen, twice = set(), []
    for each in chosen:
        if each in seen and each not in twice:
            twice.append(each)
        seen.add(each)
    return twice


class Standing(StrEnum):
    """What a nominator is told about a candidate in competition once the shortlist is
    published; never a score."""

    FINALIST = "finalist"
    NOT_ADVANCED = "not_advanced"


def standing(status: NominationStatus | str, *, published: bool, finalist: bool) -> Standing | None:
    """The candidate's standing; None before publication or for one not in competition."""
    if not published or NominationStatus(status) != NominationStatus.ELIGIBLE:
        return None
    return Standing.FINALIST if finalist else Standing.NOT_ADVANCED
