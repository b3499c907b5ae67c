"""The jury's recommendation (*indstilling*) to the council: the recommended finalist, a
written rationale in Danish and a short word on each other finalist. The secretariat
drafts it with the jury in the final round and approves it; approval locks it, and a
change after that needs a written reason. Every change is audited, old and new.

Moving the year on to "recommendation" needs the approval (``prize.services.years``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.orm import Session

from prize.actor import Actor
from prize.errors import InvalidInput, NotFound, PrizeError
from prize.models import PrizeYear, Recommendation, RecommendationRemark
from prize.models.base import utcnow
from prize.models.recommendation import RATIONALE_MAX_LENGTH, REMARK_MAX_LENGTH
from prize.permissions import Action, RecommendationTarget, require
from prize.phases import Phase
from prize.queries import recommendation as queries
from prize.queries import years as year_queries
from prize.services.audit import record_change
from prize.services.years import YearInfo
from prize.validation import clean_text

REASON_MAX_LENGTH = 1000


@dataclass(frozen=True)
class RecommendationInfo:
    """The recommendation as pages show it; ``remarks``: nomination id to the short word."""

    nomination_id: int
    candidate: str
    rationale: str
    remarks: Mapping[int, str]
    drafted_by: str
    drafted_at: datetime
    approved_by: str = ""
    approved_at: datetime | None = None

    @property
    def approved(self) -> bool:
        return self.approved_at is not None


@dataclass(frozen=True)
class RecommendationView:
    """The year's finalists (id, name, in the shortlist's order), its recommendation (None
    before the first draft) and why the actor may not draft or approve it now (None: may)."""

    year: YearInfo
    finalists: tuple[tuple[int, str], ...]
    recommendation: RecommendationInfo | None
    draft_refusal: PrizeError | None = None
    approve_refusal: PrizeError | None = None
    names: Mapping[int, str] = field(default_factory=dict)


def recommendation_view(session: Session, *, actor: Actor, year: YearInfo) -> RecommendationView:
    require(actor, Action.VIEW_RECOMMENDATION, phase=year.phase)
    found = queries.recommendation_of(session, year_id=year.id)
    approved = found is not None and found.approved_at is not None
    finalists = tuple(queries.finalist_names(session, year_id=year.id))
    return RecommendationView(
        year=year, finalists=finalists, recommendation=recommendation_info(session, found) if found else None,
        draft_refusal=_refusal(actor, Action.DRAFT_RECOMMENDATION, year.phase,
                               RecommendationTarget(approved=approved, reason_given=True)),
        approve_refusal=(NotFound("recommendation.error.none") if found is None else
                         _refusal(actor, Action.APPROVE_RECOMMENDATION, year.phase,
                                  RecommendationTarget(approved=approved))),
        names=dict(finalists))


def draft_recommendation(session: Session, *, actor: Actor, year_id: int, nomination_id: int, rationale: str,
                         remarks: Mapping[int, str] | None = None, reason: str = "") -> RecommendationInfo:
    """Write (or change) the recommendation: ``nomination_id`` must be a finalist of the
    year, ``rationale`` is required; ``remarks`` hold a short word on other finalists
    (blank ones are dropped). After approval a change needs ``reason``."""
    year = _locked_year(session, year_id)
    found = queries.recommendation_of(session, year_id=year.id, lock=True)
    reason = clean_text(reason, field="recommendation.field.reason", max_length=REASON_MAX_LENGTH, multiline=True)
    require(actor, Action.DRAFT_RECOMMENDATION, phase=Phase(year.phase), target=RecommendationTarget(
        approved=found is not None and found.approved_at is not None, reason_given=bool(reason)))
    finalists = dict(queries.finalist_names(session, year_id=year.id))
    if nomination_id not in finalists:
        raise InvalidInput("recommendation.error.not_finalist",
                           name=queries.nomination_name(session, nomination_id) or str(nomination_id))
    rationale = clean_text(rationale, field="recommendation.field.rationale", max_length=RATIONALE_MAX_LENGTH,
                           required=True, multiline=True)
    cleaned = _remarks(remarks or {}, finalists=finalists, recommended=nomination_id)
    new = {"candidate": finalists[nomination_id], "rationale": rationale,
           "remarks": {finalists[each]: text for each, text in cleaned.items()}}
    if found is None:
        found = Recommendation(year_id=year.id, nomination_id=nomination_id, rationale=rationale,
                               drafted_by_id=actor.id, drafted_at=utcnow(),
                               remarks=[RecommendationRemark(nomination_id=each, text=text)
                                        for each, text in cleaned.items()])
        session.add(found)
        session.flush()
        record_change(session, actor=actor, action="recommendation.drafted", entity="recommendation",
                      entity_id=found.id, new=new)
        return recommendation_info(session, found)
    old = {"candidate": queries.nomination_name(session, found.nomination_id), "rationale": found.rationale,
           "remarks": {queries.nomination_name(session, each.nomination_id): each.text for each in found.remarks}}
    if old == new:
        return recommendation_info(session, found)
    _change(found, nomination_id=nomination_id, rationale=rationale, remarks=cleaned, actor=actor)
    session.flush()
    changed = [name for name in new if old[name] != new[name]]
    record_change(session, actor=actor, action="recommendation.changed", entity="recommendation", entity_id=found.id,
                  old={name: old[name] for name in changed},
                  new={name: new[name] for name in changed} | ({"reason": reason} if reason else {}))
    return recommendation_info(session, found)


def approve_recommendation(session: Session, *, actor: Actor, year_id: int) -> RecommendationInfo:
    """Approve the year's recommendation; from now on it is locked."""
    year = _locked_year(session, year_id)
    found = queries.recommendation_of(session, year_id=year.id, lock=True)
    if found is None:
        raise NotFound("recommendation.error.none")
    require(actor, Action.APPROVE_RECOMMENDATION, phase=Phase(year.phase),
            target=RecommendationTarget(approved=found.approved_at is not None))
    found.approved_by_id, found.approved_at = actor.id, utcnow()
    session.flush()
    record_change(session, actor=actor, action="recommendation.approved", entity="recommendation", entity_id=found.id,
                  old=None, new={"candidate": queries.nomination_name(session, found.nomination_id),
                                 "approved_at": found.approved_at})
    return recommendation_info(session, found)


def _remarks(remarks: Mapping[int, str], *, finalists: Mapping[int, str], recommended: int) -> dict[int, str]:
    cleaned = {}
    for nomination_id, text in remarks.items():
        text = clean_text(text, field="recommendation.field.remark", max_length=REMARK_MAX_LENGTH, multiline=True)
        if not text:
            continue
        if nomination_id not in finalists or nomination_id == recommended:
            raise InvalidInput("recommendation.error.remark_not_other_finalist")
        cleaned[int(nomination_id)] = text
    return dict(sorted(cleaned.items()))


def _change(found: Recommendation, *, nomination_id: int, rationale: str, remarks: dict[int, str],
            actor: Actor) -> None:
    found.nomination_id, found.rationale = nomination_id, rationale
    kept = {each.nomination_id: each for each in found.remarks}
    found.remarks = [kept[each] if each in kept else RecommendationRemark(nomination_id=each, text=text)
                     for each, text in remarks.items()]
    for remark in found.remarks:
        remark.text = remarks[remark.nomination_id]
    found.drafted_by_id, found.drafted_at = actor.id, utcnow()


def recommendation_info(session: Session, found: Recommendation) -> RecommendationInfo:
    """The stored recommendation as plain values, for whoever has asked the rule book already."""
    return RecommendationInfo(
        nomination_id=found.nomination_id, candidate=queries.nomination_name(session, found.nomination_id),
        rationale=found.rationale, remarks={each.nomination_id: each.text for each in found.remarks},
        drafted_by=queries.user_name(session, found.drafted_by_id), drafted_at=found.drafted_at,
        approved_by=queries.user_name(session, found.approved_by_id), approved_at=found.approved_at)


def _locked_year(session: Session, year_id: int) -> PrizeYear:
    year = year_queries.lock_year(session, year_id)
    if year is None:
        raise NotFound()
    return year


def _refusal(actor: Actor, action: Action, phase: Phase, target: object) -> PrizeError | None:
    try:
        require(actor, action, phase=phase, target=target)
    except PrizeError as refusal:
        return refusal
    return None
