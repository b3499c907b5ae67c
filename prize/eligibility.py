"""The eligibility pre-checks: pure rules over plain values, so the secretariat's
list, a nomination's detail and the CSV all flag the same problems.

A pre-check only informs. The secretariat marks a nomination eligible or
ineligible with a written reason, and may mark it eligible although a check
failed; the failed check stays visible beside the mark.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from prize.i18n import t, t_plain
from prize.text import Markup


class Check(StrEnum):
    IN_REGION = "in_region"
    COMPLETE = "complete"
    BODY_LIMIT = "body_limit"
    NOT_RECENT_WINNER = "not_recent_winner"


@dataclass(frozen=True)
class PastWinner:
    """The winner of an earlier year: the candidate's name and its villages."""

    year: int
    name: str
    villages: tuple[str, ...] = ()


@dataclass(frozen=True)
class EligibilityFacts:
    """What the pre-checks need to know about one nomination. ``missing_parts``
    are catalog keys (``prize.completeness.missing_parts``); ``body_nominations``
    counts the body's nominations of the year that are not withdrawn."""

    name: str
    villages: tuple[str, ...]
    municipality: str
    municipality_code: int
    missing_parts: tuple[str, ...]
    body: str
    body_nominations: int
    body_limit: int


@dataclass(frozen=True)
class Failure:
    """A failed pre-check and what its reason names."""

    check: Check
    # Left out of the hash (a dict has none), so a list's column of failures can be counted and grouped.
    params: Mapping[str, object] = field(default_factory=dict, hash=False)

    def message(self, locale: str = "da", *, plain: bool = False) -> str:
        """The Danish (or English) reason; Markdown with escaped names, or ``plain`` text."""
        translate = t_plain if plain else t
        params = dict(self.params)
        if self.check == Check.COMPLETE:
            missing = ", ".join(translate(key, locale) for key in self.params["missing"])
            params["missing"] = missing if plain else Markup(missing)
        return translate(f"eligibility.failed.{self.check.value}", locale, **params)


def quarantine_years_of(year: int, quarantine_years: int) -> range:
    """The earlier years whose winner may not be nominated in ``year``: the last ``quarantine_years``."""
    return range(year - quarantine_years, year)


def failed_checks(facts: EligibilityFacts, *, year: int, quarantine_years: int, region: Collection[int],
                  winners: Iterable[PastWinner]) -> tuple[Failure, ...]:
    """The pre-checks ``facts`` fails, in a fixed order; empty when all pass.
    ``region``: the codes of the region's municipalities; ``winners``: earlier
    years' winners (those outside the quarantine are ignored)."""
    failures = (_outside_region(facts, region), _incomplete(facts), _over_body_limit(facts),
                _recent_winner(facts, year=year, quarantine_years=quarantine_years, winners=winners))
    return tuple(failure for failure in failures if failure is not None)


def _outside_region(facts: EligibilityFacts, region: Collection[int]) -> Failure | None:
    if facts.municipality_code in region:
        return None
    return Failure(Check.IN_REGION, {"municipality": facts.municipality})


def _incomplete(facts: EligibilityFacts) -> Failure | None:
    if not facts.missing_parts:
        return None
    return Failure(Check.COMPLETE, {"missing": tuple(facts.missing_parts)})


def _over_body_limit(facts: EligibilityFacts) -> Failure | None:
    if facts.body_nominations <= facts.body_limit:
        return None
    return Failure(Check.BODY_LIMIT, {"body": facts.body, "count": facts.body_nominations,
                                      "limit": facts.body_limit})


def _recent_winner(facts: EligibilityFacts, *, year: int, quarantine_years: int,
                   winners: Iterable[PastWinner]) -> Failure | None:
    window = quarantine_years_of(year, quarantine_years)
    ours = _names_of(facts.name, facts.villages)
    for winner in sorted(winners, key=lambda winner: winner.year, reverse=True):
        if winner.year in window and ours & _names_of(winner.name, winner.villages):
            return Failure(Check.NOT_RECENT_WINNER, {"winner": winner.name, "won": winner.year,
                                                     "years": quarantine_years})
    return None


def _names_of(name: str, villages: Iterable[str]) -> set[str]:
    """The candidate's name and its villages' names, compared without case and spaces."""
    return {normalised for each in (name, *villages) if (normalised := same_name_key(each))}


def same_name_key(name: str) -> str:
    """``name`` as compared between years: "Nørre Snede" and " nørre  snede" are the same place."""
    return "".join(name.casefold().split())
