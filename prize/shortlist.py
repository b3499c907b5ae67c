"""The shortlist's rules as pure functions: where the cut falls in a ranking, whether a
chosen list differs from the proposal, and what a nominator is told about a candidate
once the shortlist is published. No database, no Streamlit."""

from __future__ import annotations

from collections.abc import Collection, Hashable, Sequence
from dataclasses import dataclass
from enum import StrEnum

import pandas as pd

from prize.phases import NominationStatus


@dataclass(frozen=True)
class Cut:
    """The top ``seats`` of a ranking. ``clear``: the candidates above the cut, in rank
    order; ``tied``: those sharing the rank at the cut when more of them share it than
    seats are left (all named, in rank order, then by id), empty when the cut is clean."""

    seats: int
    clear: tuple[Hashable, ...]
    tied: tuple[Hashable, ...] = ()

    @property
    def is_tie(self) -> bool:
        return bool(self.tied)

    @property
    def open_seats(self) -> int:
        """The seats a person fills from ``tied``."""
        return self.seats - len(self.clear)

    @property
    def proposed(self) -> tuple[Hashable, ...]:
        """Every candidate the proposal names: above the cut, then tied at it."""
        return self.clear + self.tied


def cut(ranking: pd.DataFrame, seats: int) -> Cut:
    """The cut of ``ranking`` (indexed by nomination, with an int column ``rank``, sorted
    by rank as ``prize.ranking.rank`` returns it) after ``seats`` candidates. Fewer
    candidates than seats: all of them are clear."""
    if seats < 1:
        raise ValueError(f"a shortlist needs at least one seat, not {seats}")
    if len(ranking) <= seats:
        return Cut(seats=seats, clear=tuple(ranking.index))
    last_rank = int(ranking["rank"].iloc[seats - 1])
    at_cut = ranking.index[ranking["rank"] == last_rank]
    above = ranking.index[ranking["rank"] < last_rank]
    if len(above) + len(at_cut) == seats:
        return Cut(seats=seats, clear=tuple(above) + tuple(at_cut))
    return Cut(seats=seats, clear=tuple(above), tied=tuple(at_cut))


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
    chosen = set(chosen)
    if not proposal.is_tie:
        return Choice(changed=chosen != set(proposal.clear), tie_resolved=False)
    keeps_clear = set(proposal.clear) <= chosen
    rest_from_tie = chosen - set(proposal.clear) <= set(proposal.tied)
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
