"""The secretariat's choices for the year's recommendation to the council: whether the jury
is named or numbered ("Jurymedlem 1", ...), and whether the conflicts of interest print
the jurors' written reasons. Every export format (Word, PDF, Excel) follows them."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from prize.actor import Actor
from prize.errors import InvalidInput, NotFound
from prize.permissions import Action, require
from prize.phases import Phase
from prize.queries import years as year_queries
from prize.services.audit import record_change
from prize.services.years import YearInfo


@dataclass(frozen=True)
class CouncilOptions:
    anonymous_jury: bool = False
    print_conflict_reasons: bool = False

    @classmethod
    def of(cls, year: YearInfo) -> CouncilOptions:
        return cls(anonymous_jury=year.anonymous_jury, print_conflict_reasons=year.print_conflict_reasons)

    def as_dict(self) -> dict[str, bool]:
        return {"anonymous_jury": self.anonymous_jury, "print_conflict_reasons": self.print_conflict_reasons}


def set_council_options(session: Session, *, actor: Actor, year_id: int, options: CouncilOptions) -> YearInfo:
    """Set the year's choices; audited with the old and the new ones when they change."""
    year = year_queries.lock_year(session, year_id)
    if year is None:
        raise NotFound()
    require(actor, Action.SET_COUNCIL_OPTIONS, phase=Phase(year.phase))
    if not all(isinstance(value, bool) for value in options.as_dict().values()):
        raise InvalidInput()
    old = CouncilOptions(anonymous_jury=year.anonymous_jury, print_conflict_reasons=year.print_conflict_reasons)
    if old != options:
        year.anonymous_jury, year.print_conflict_reasons = options.anonymous_jury, options.print_conflict_reasons
        session.flush()
        record_change(session, actor=actor, action="year.council_options_set", entity="prize_year",
                      entity_id=year.id, old=old.as_dict(), new=options.as_dict())
    return YearInfo.of(year)
