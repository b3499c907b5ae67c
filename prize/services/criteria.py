"""The year's criteria: what the jury scores against, each with a weight, a scale
and a short anchor text for every step of the scale.

The secretariat edits them while the year is in draft or nominations are open,
and only until the first score is given: a score belongs to the criterion it
was given against, so from then on the criteria are frozen."""

from __future__ import annotations

import math
from dataclasses import dataclass

from sqlalchemy.orm import Session

from prize.actor import Actor
from prize.errors import CriteriaLocked, InvalidInput, NotFound, OutOfPhase, PrizeError
from prize.i18n import MessageKey
from prize.models import Criterion, PrizeYear, ScaleAnchor
from prize.models.criterion import ANCHOR_MAX, DESCRIPTION_MAX, SCALE_HIGHEST, SCALE_LOWEST, TITLE_MAX, WEIGHT_MAX
from prize.permissions import Action, may_ever, require
from prize.phases import Phase
from prize.queries import criteria as criteria_queries
from prize.queries import years as year_queries
from prize.services.audit import record_change
from prize.text import forbidden_characters
from prize.validation import clean_text


@dataclass(frozen=True)
class Anchor:
    """What one step of a criterion's scale means."""

    value: int
    text_da: str = ""
    text_en: str = ""


@dataclass(frozen=True)
class CriterionDraft:
    """A criterion as the secretariat typed it, new or changed. Anchors outside the
    scale are dropped; a step without an anchor keeps its stored text (or none)."""

    title_da: str
    title_en: str = ""
    description_da: str = ""
    description_en: str = ""
    weight: float = 1.0
    scale_min: int = 1
    scale_max: int = 5
    anchors: tuple[Anchor, ...] = ()


@dataclass(frozen=True)
class CriterionInfo:
    id: int
    position: int
    title_da: str
    title_en: str
    description_da: str
    description_en: str
    weight: float
    scale_min: int
    scale_max: int
    anchors: tuple[Anchor, ...]

    @classmethod
    def of(cls, criterion: Criterion) -> CriterionInfo:
        return cls(id=criterion.id, position=criterion.position, title_da=criterion.title_da,
                   title_en=criterion.title_en, description_da=criterion.description_da,
                   description_en=criterion.description_en, weight=criterion.weight,
                   scale_min=criterion.scale_min, scale_max=criterion.scale_max,
                   anchors=tuple(Anchor(a.value, a.text_da, a.text_en)
                                 for a in sorted(criterion.anchors, key=lambda a: a.value)))

    def title(self, locale: str) -> str:
        return self.title_en if locale == "en" and self.title_en else self.title_da

    def description(self, locale: str) -> str:
        return self.description_en if locale == "en" and self.description_en else self.description_da

    def anchor_text(self, value: int, locale: str) -> str:
        anchor = next((a for a in self.anchors if a.value == value), Anchor(value))
        return anchor.text_en if locale == "en" and anchor.text_en else anchor.text_da


@dataclass(frozen=True)
class YearCriteria:
    """The year's criteria in order; ``locked`` says why they cannot change now (None: they can)."""

    year_id: int
    phase: Phase
    criteria: tuple[CriterionInfo, ...]
    locked: PrizeError | None

    @property
    def editable(self) -> bool:
        return self.locked is None


# --- Reading ---------------------------------------------------------------------------------

def year_criteria(session: Session, *, actor: Actor, year_id: int) -> YearCriteria:
    require(actor, Action.VIEW_YEAR_OVERVIEW, phase=None)
    year = session.get(PrizeYear, year_id)
    if year is None:
        raise NotFound()
    return YearCriteria(year_id=year.id, phase=Phase(year.phase), criteria=_infos(session, year.id),
                        locked=_lock_reason(session, actor=actor, year=year))


def _infos(session: Session, year_id: int) -> tuple[CriterionInfo, ...]:
    return tuple(CriterionInfo.of(c) for c in criteria_queries.criteria_of_year(session, year_id))


def _lock_reason(session: Session, *, actor: Actor, year: PrizeYear) -> PrizeError | None:
    try:
        _require_editable(session, actor=actor, year=year)
    except PrizeError as refusal:
        return refusal
    return None


def _require_editable(session: Session, *, actor: Actor, year: PrizeYear) -> None:
    """The rule book's refusal, said in the criteria's own words: frozen once scored,
    else changeable only in the phases the rule book names."""
    if may_ever(actor, Action.MANAGE_CRITERIA) and criteria_queries.year_has_scores(session, year.id):
        raise CriteriaLocked()
    try:
        require(actor, Action.MANAGE_CRITERIA, phase=year.phase)
    except OutOfPhase:
        raise CriteriaLocked("criteria.error.locked_in_phase", phase=Phase(year.phase)) from None


def _editable_year(session: Session, *, actor: Actor, year_id: int) -> PrizeYear:
    """The year, locked until the transaction ends (two secretaries editing at once
    are served one after the other), once ``actor`` may change its criteria."""
    year = year_queries.lock_year(session, year_id)
    if year is None:
        require(actor, Action.VIEW_YEAR_OVERVIEW, phase=None)
        raise NotFound()
    _require_editable(session, actor=actor, year=year)
    return year


def _editable_criterion(session: Session, *, actor: Actor, criterion_id: int) -> Criterion:
    criterion = criteria_queries.criterion_by_id(session, criterion_id)
    if criterion is None:
        require(actor, Action.VIEW_YEAR_OVERVIEW, phase=None)
        raise NotFound()
    _editable_year(session, actor=actor, year_id=criterion.year_id)
    return criterion


# --- Changing --------------------------------------------------------------------------------

def add_criterion(session: Session, *, actor: Actor, year_id: int, draft: CriterionDraft) -> CriterionInfo:
    """A new criterion last in the year's order, with an anchor for every step of its scale."""
    year = _editable_year(session, actor=actor, year_id=year_id)
    clean = clean_draft(draft)
    criterion = Criterion(year_id=year.id, position=criteria_queries.last_position(session, year.id) + 1)
    _apply(criterion, clean)
    session.add(criterion)
    session.flush()
    info = CriterionInfo.of(criterion)
    record_change(session, actor=actor, action="criterion.added", entity="criterion", entity_id=criterion.id,
                  new=_snapshot(info))
    return info


def edit_criterion(session: Session, *, actor: Actor, criterion_id: int, draft: CriterionDraft) -> CriterionInfo:
    """Change a criterion. A changed scale keeps the anchors of the steps still in
    it, drops the others and adds empty ones for new steps. Audited with the
    changed values, old and new."""
    criterion = _editable_criterion(session, actor=actor, criterion_id=criterion_id)
    clean = clean_draft(draft)
    before = _snapshot(CriterionInfo.of(criterion))
    _apply(criterion, clean)
    session.flush()
    info = CriterionInfo.of(criterion)
    after = _snapshot(info)
    changed = sorted(name for name in after if after[name] != before[name])
    if changed:
        record_change(session, actor=actor, action="criterion.changed", entity="criterion",
                      entity_id=criterion.id, old={name: before[name] for name in changed},
                      new={name: after[name] for name in changed})
    return info


def move_criterion(session: Session, *, actor: Actor, criterion_id: int, by: int) -> tuple[CriterionInfo, ...]:
    """Move a criterion one place up (``by=-1``) or down (``by=1``); at either end
    nothing moves. Returns the year's criteria in their new order."""
    if by not in (-1, 1):
        raise InvalidInput()
    criterion = _editable_criterion(session, actor=actor, criterion_id=criterion_id)
    ordered = criteria_queries.criteria_of_year(session, criterion.year_id, fresh=True)
    index = next(i for i, each in enumerate(ordered) if each.id == criterion.id)
    if 0 <= index + by < len(ordered):
        neighbour = ordered[index + by]
        old, new = criterion.position, neighbour.position
        _swap_positions(session, criterion, neighbour)
        record_change(session, actor=actor, action="criterion.moved", entity="criterion",
                      entity_id=criterion.id, old=old, new=new)
    return _infos(session, criterion.year_id)


def _swap_positions(session: Session, first: Criterion, second: Criterion) -> None:
    """Swap two positions under UNIQUE(year_id, position): both databases check
    it row by row, so one criterion waits at a free position (its negative) first."""
    first_position, second_position = first.position, second.position
    first.position = -first_position
    session.flush()
    second.position = first_position
    session.flush()
    first.position = second_position
    session.flush()


def remove_criterion(session: Session, *, actor: Actor, criterion_id: int) -> tuple[CriterionInfo, ...]:
    """Remove a criterion and close the gap in the order; the last one stays."""
    criterion = _editable_criterion(session, actor=actor, criterion_id=criterion_id)
    ordered = criteria_queries.criteria_of_year(session, criterion.year_id, fresh=True)
    if len(ordered) == 1:
        raise InvalidInput("criteria.error.last_criterion")
    year_id = criterion.year_id
    removed = _snapshot(CriterionInfo.of(criterion)) | {"position": criterion.position}
    session.delete(criterion)
    session.flush()
    # One at a time, upwards: each step moves into the place just freed.
    for later in (each for each in ordered if each.position > removed["position"]):
        later.position -= 1
        session.flush()
    record_change(session, actor=actor, action="criterion.removed", entity="criterion",
                  entity_id=criterion_id, old=removed)
    return _infos(session, year_id)


# --- Values in, values kept ------------------------------------------------------------------

def clean_draft(draft: CriterionDraft) -> CriterionDraft:
    """``draft`` with its texts stripped and checked, its weight and scale checked
    and the anchors outside the scale dropped; raises ``InvalidInput``."""
    low, high = _checked_scale(draft.scale_min, draft.scale_max)
    return CriterionDraft(
        title_da=clean_text(draft.title_da, field="criteria.field.title_da", max_length=TITLE_MAX, required=True),
        title_en=clean_text(draft.title_en, field="criteria.field.title_en", max_length=TITLE_MAX),
        description_da=clean_text(draft.description_da, field="criteria.field.description_da",
                                  max_length=DESCRIPTION_MAX, multiline=True),
        description_en=clean_text(draft.description_en, field="criteria.field.description_en",
                                  max_length=DESCRIPTION_MAX, multiline=True),
        weight=_checked_weight(draft.weight), scale_min=low, scale_max=high,
        anchors=tuple(Anchor(anchor.value, _anchor_text(anchor.text_da, value=anchor.value, english=False),
                             _anchor_text(anchor.text_en, value=anchor.value, english=True))
                      for anchor in draft.anchors if _is_integer(anchor.value) and low <= anchor.value <= high))


def _is_integer(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _shown(value: object) -> object:
    """A value as typed, for a message: 2.0 as 2."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _checked_weight(weight: object) -> float:
    number = weight if isinstance(weight, int | float) and not isinstance(weight, bool) else math.nan
    if not (math.isfinite(number) and 0 < number <= WEIGHT_MAX):
        raise InvalidInput("criteria.error.weight", weight=_shown(weight), max=int(WEIGHT_MAX))
    return float(number)


def _checked_scale(low: object, high: object) -> tuple[int, int]:
    if not (_is_integer(low) and _is_integer(high) and SCALE_LOWEST <= low < high <= SCALE_HIGHEST):
        raise InvalidInput("criteria.error.scale", low=_shown(low), high=_shown(high),
                           lowest=SCALE_LOWEST, highest=SCALE_HIGHEST)
    return low, high


def _anchor_text(text: str | None, *, value: int, english: bool) -> str:
    cleaned = (text or "").strip()
    field = MessageKey("criteria.field.anchor_en" if english else "criteria.field.anchor_da")
    if forbidden_characters(cleaned):
        raise InvalidInput("criteria.error.anchor_characters", field=field, value=value)
    if len(cleaned) > ANCHOR_MAX:
        raise InvalidInput("criteria.error.anchor_too_long", field=field, value=value, max=ANCHOR_MAX,
                           length=len(cleaned))
    return cleaned


def _apply(criterion: Criterion, clean: CriterionDraft) -> None:
    criterion.title_da, criterion.title_en = clean.title_da, clean.title_en
    criterion.description_da, criterion.description_en = clean.description_da, clean.description_en
    criterion.weight = clean.weight
    criterion.scale_min, criterion.scale_max = clean.scale_min, clean.scale_max
    _fit_anchors(criterion, clean)


def _fit_anchors(criterion: Criterion, clean: CriterionDraft) -> None:
    """One anchor per step of the scale. Stored anchors are changed in place, never
    replaced: a new row for a step that still has one would meet UNIQUE(criterion_id,
    value) before the old row is deleted."""
    given = {anchor.value: anchor for anchor in clean.anchors}
    stored = {anchor.value: anchor for anchor in criterion.anchors}
    for value, anchor in stored.items():
        if not clean.scale_min <= value <= clean.scale_max:
            criterion.anchors.remove(anchor)
        elif value in given:
            anchor.text_da, anchor.text_en = given[value].text_da, given[value].text_en
    for value in range(clean.scale_min, clean.scale_max + 1):
        if value not in stored:
            text = given.get(value, Anchor(value))
            criterion.anchors.append(ScaleAnchor(value=value, text_da=text.text_da, text_en=text.text_en))


def _snapshot(info: CriterionInfo) -> dict[str, object]:
    """What the audit log keeps of a criterion."""
    return {"title_da": info.title_da, "title_en": info.title_en, "description_da": info.description_da,
            "description_en": info.description_en, "weight": info.weight, "scale_min": info.scale_min,
            "scale_max": info.scale_max,
            "anchors": {str(a.value): [a.text_da, a.text_en] for a in info.anchors}}


# --- A new year's starting criteria ----------------------------------------------------------

def copy_criteria(session: Session, *, from_year_id: int, to_year_id: int) -> list[Criterion]:
    """Copy one year's criteria, with their anchors, to another year that has none.
    Called by ``years.create_year``, which has asked the rule book."""
    copies = [Criterion(year_id=to_year_id, position=source.position, title_da=source.title_da,
                        title_en=source.title_en, description_da=source.description_da,
                        description_en=source.description_en, weight=source.weight,
                        scale_min=source.scale_min, scale_max=source.scale_max,
                        anchors=[ScaleAnchor(value=a.value, text_da=a.text_da, text_en=a.text_en)
                                 for a in source.anchors])
              for source in criteria_queries.criteria_of_year(session, from_year_id)]
    session.add_all(copies)
    session.flush()
    return copies
