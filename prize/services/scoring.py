"""The juror's side of judging."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

import pandas as pd
from sqlalchemy.orm import Session

from prize.actor import Actor
from prize.errors import ConflictOfInterest, IncompleteSheet, InvalidInput, NotAllowed, NotFound, StaleSave
from prize.i18n import MessageKey
from prize.models import CandidateKind, Criterion, Nomination, Score, ScoreSheet, ScoringRound
from prize.models.base import utcnow
from prize.models.score import SCORE_COMMENT_MAX, SHEET_COMMENT_MAX
from prize.permissions import Action, ResultsTarget, SheetTarget, require
from prize.phases import JUDGING_PHASES, ROUND_SHOWN, Independence, RoundKind
from prize.queries import scoring as scoring_queries
from prize.queries.nominations import NominationReach, nomination_reach
from prize.queries.scoring import RoundFacts
from prize.questions import GUIDING_QUESTIONS, GuidingQuestion
from prize.services.audit import record_change
from prize.validation import clean_text
from prize.queries.years import scoring_round
from prize.services.years import YearInfo


class SheetState(StrEnum):
    CONFLICT = "conflict"
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    SUBMITTED = "submitted"


def sheet_state(*, conflict: bool, scored: int, submitted: bool) -> SheetState:
    """Where a juror stands with one candidate (pure rule)."""
    if conflict:
        return SheetState.CONFLICT
    if submitted:
        return SheetState.SUBMITTED
    return SheetState.IN_PROGRESS if scored else SheetState.NOT_STARTED


@dataclass(frozen=True)
class Worklist:
    """The juror's candidates in the round the year shows. Progress counts a
    candidate with a conflict of interest as done: there is nothing to score."""

    round_kind: RoundKind | None
    is_open: bool
    criteria_count: int
    candidates: pd.DataFrame
    deadline: datetime | None = None
    round_id: int | None = None

    @property
    def conflicts(self) -> int:
        return int(self.candidates["conflict"].astype(bool).sum())

    @property
    def done(self) -> int:
        """Submitted sheets plus candidates with a conflict, of ``len(candidates)``."""
        return self.submitted + self.conflicts

    def next_after(self, nomination_id: int | None) -> int | None:
        """The next candidate in list order, after ``nomination_id``, still to be
        submitted (no conflict), wrapping round; None when none is left."""
        ids = self.candidates["id"].astype(int).tolist()
        todo = {int(row.id) for row in self.candidates.itertuples()
                if not row.conflict and (row.submitted_at is None or pd.isna(row.submitted_at))}
        start = ids.index(nomination_id) + 1 if nomination_id in ids else 0
        return next((candidate for candidate in ids[start:] + ids[:start]
                     if candidate in todo and candidate != nomination_id), None)

    @property
    def to_score(self) -> int:
        return int((~self.candidates["conflict"].astype(bool)).sum())

    @property
    def submitted(self) -> int:
        """Submitted sheets of candidates without a conflict: a sheet submitted before a
        conflict (or a recusal) is done as a conflict, not twice."""
        return int((self.candidates["submitted_at"].notna() & ~self.candidates["conflict"].astype(bool)).sum())

    def states(self) -> list[SheetState]:
        return [sheet_state(conflict=bool(row.conflict), scored=int(row.scored),
                            submitted=row.submitted_at is not None and not pd.isna(row.submitted_at))
                for row in self.candidates.itertuples()]


def juror_worklist(session: Session, *, actor: Actor, year: YearInfo) -> Worklist:
    """The candidates of the round the year is in, with the juror's own progress only."""
    require(actor, Action.VIEW_OWN_SHEETS, phase=year.phase)
    kind = year.round_shown
    shown = scoring_round(session, year_id=year.id, kind=kind) if kind else None
    if shown is None:
        empty = pd.DataFrame(columns=scoring_queries.WORKLIST_COLUMNS)
        return Worklist(round_kind=None, is_open=False, criteria_count=0, candidates=empty)
    frame = scoring_queries.juror_worklist_frame(
        session, year_id=year.id, round_id=shown.id, juror_id=actor.id,
        finalists_only=kind == RoundKind.FINAL)
    return Worklist(round_kind=kind, is_open=year.phase in JUDGING_PHASES and shown.closed_at is None,
                    criteria_count=scoring_queries.criteria_count(session, year.id), candidates=frame,
                    deadline=year.deadline_of(kind), round_id=shown.id)


# --- One candidate's sheet ------------------------------------------------------------------

@dataclass(frozen=True)
class CriterionLine:
    """A criterion as the sheet shows it; ``anchors`` holds (value, text) of each scale step."""

    id: int
    position: int
    title: str
    description: str
    weight: float
    scale_min: int
    scale_max: int
    anchors: tuple[tuple[int, str], ...]


@dataclass(frozen=True)
class ScoreLine:
    value: int
    comment: str
    version: int


@dataclass(frozen=True)
class SheetView:
    """The juror's own sheet for one candidate. A sheet not yet stored has version 1
    (its first save keeps it), a criterion not yet scored has no line (version 0)."""

    round_id: int
    nomination_id: int
    criteria: tuple[CriterionLine, ...]
    scores: dict[int, ScoreLine]
    comment: str
    version: int
    submitted_at: datetime | None
    is_open: bool

    def score_version(self, criterion_id: int) -> int:
        line = self.scores.get(criterion_id)
        return line.version if line else 0

    def missing(self) -> list[CriterionLine]:
        return [criterion for criterion in self.criteria if criterion.id not in self.scores]

    def total(self) -> float | None:
        return weighted_total({criterion.id: criterion.weight for criterion in self.criteria},
                              {criterion_id: line.value for criterion_id, line in self.scores.items()})


def weighted_total(weights: dict[int, float], values: dict[int, int | None]) -> float | None:
    """The weighted mean of the given values (pure): sum(weight x value) / sum(weight)
    over the criteria scored so far; None before the first score or when their weights are 0."""
    scored = [(weights[key], value) for key, value in values.items() if value is not None and key in weights]
    weight = sum(weight for weight, _ in scored)
    if not scored or weight == 0:
        return None
    return sum(weight * value for weight, value in scored) / weight


def sheet_view(session: Session, *, actor: Actor, round_id: int, nomination_id: int,
               locale: str = "da") -> SheetView:
    """The juror's own sheet for a candidate they may see (in the round, no conflict)."""
    round = _require_candidate(session, actor=actor, round_id=round_id, nomination_id=nomination_id)
    sheet = scoring_queries.sheet_of(session, round_id=round_id, juror_id=actor.id, nomination_id=nomination_id)
    scores = {criterion_id: ScoreLine(value, comment, version)
              for criterion_id, value, comment, version in (scoring_queries.sheet_scores(session, sheet.id)
                                                            if sheet else [])}
    return SheetView(round_id=round_id, nomination_id=nomination_id,
                     criteria=tuple(_line(criterion, locale) for criterion in
                                    scoring_queries.criteria_of(session, round.year_id)),
                     scores=scores, comment=sheet.comment if sheet else "", version=sheet.version if sheet else 1,
                     submitted_at=sheet.submitted_at if sheet else None,
                     is_open=round.closed_at is None and round.phase in JUDGING_PHASES)


def _line(criterion: Criterion, locale: str) -> CriterionLine:
    description = criterion.description_en if locale == "en" and criterion.description_en else criterion.description_da
    return CriterionLine(
        id=criterion.id, position=criterion.position, title=criterion.title(locale), description=description,
        weight=criterion.weight, scale_min=criterion.scale_min, scale_max=criterion.scale_max,
        anchors=tuple((anchor.value, anchor.text_en if locale == "en" and anchor.text_en else anchor.text_da)
                      for anchor in criterion.anchors))


def _require_candidate(session: Session, *, actor: Actor, round_id: int, nomination_id: int) -> RoundFacts:
    """The round, once ``actor`` may see the candidate in it (rule book: VIEW_CANDIDATES)."""
    round = _round_or_refusal(session, actor=actor, round_id=round_id)
    require(actor, Action.VIEW_CANDIDATES, phase=round.phase,
            target=_sheet_target(session, actor=actor, round=round, nomination_id=nomination_id))
    return round


def require_juror_view(session: Session, *, actor: Actor, nomination_id: int) -> NominationReach:
    """The nomination's facts once the juror may see it: a candidate of the round its
    year shows now (the open round, or the one just closed), without a conflict.
    ``material._require_view_material`` grants jurors the material through this."""
    reach = nomination_reach(session, nomination_id)
    kind = ROUND_SHOWN.get(reach.phase) if reach else None
    shown = scoring_round(session, year_id=reach.year_id, kind=kind) if kind else None
    if shown is None:
        raise NotAllowed()
    _require_candidate(session, actor=actor, round_id=shown.id, nomination_id=nomination_id)
    return reach


def _round_or_refusal(session: Session, *, actor: Actor, round_id: int, lock: bool = False) -> RoundFacts:
    round = scoring_queries.round_facts(session, round_id, lock=lock)
    if round is None:
        require(actor, Action.VIEW_PROGRESS, phase=None)
        raise NotFound()
    return round


def _sheet_target(session: Session, *, actor: Actor, round: RoundFacts, nomination_id: int,
                  juror_id: int | None = None) -> SheetTarget:
    juror_id = actor.id if juror_id is None else juror_id
    return SheetTarget(
        juror_id=juror_id, nomination_id=nomination_id,
        conflicted=scoring_queries.has_active_conflict(session, juror_id=juror_id, nomination_id=nomination_id),
        in_round=scoring_queries.candidate_in_round(session, round=round, nomination_id=nomination_id),
        round_open=round.closed_at is None)


@dataclass(frozen=True)
class CandidateProfile:
    """A candidate's texts as a juror reads them (plain values, shown escaped)."""

    id: int
    name: str
    kind: CandidateKind
    municipality: str
    villages: tuple[str, ...]
    summary: str
    answers: tuple[tuple[GuidingQuestion, str], ...]
    goals: tuple[tuple[int, str, str], ...]
    website_url: str
    video_url: str


def candidate_profile(session: Session, *, actor: Actor, round_id: int, nomination_id: int) -> CandidateProfile:
    """The candidate's texts, for a juror who may see it in the round (no conflict)."""
    _require_candidate(session, actor=actor, round_id=round_id, nomination_id=nomination_id)
    nomination = session.get(Nomination, nomination_id)
    answers = {answer.question: answer.text for answer in nomination.answers}
    return CandidateProfile(
        id=nomination.id, name=nomination.name, kind=CandidateKind(nomination.kind),
        municipality=nomination.municipality.name, villages=tuple(village.name for village in nomination.villages),
        summary=nomination.summary,
        answers=tuple((question, answers.get(question.value, "")) for question in GUIDING_QUESTIONS),
        goals=tuple((goal.number, goal.name_da, goal.name_en) for goal in nomination.sdgs),
        website_url=nomination.website_url, video_url=nomination.video_url)


# --- Saving ---------------------------------------------------------------------------------

def record_score(session: Session, *, actor: Actor, round_id: int, nomination_id: int, criterion_id: int,
                 value: object, expected_version: int, now: datetime | None = None) -> ScoreLine:
    """Keep the juror's score for one criterion at once; audited with the old and new
    value. ``expected_version`` is the score's version the juror saw (0: none yet);
    a save based on an older one is refused with the stored value (``StaleSave``)."""
    sheet = _open_sheet(session, actor=actor, round_id=round_id, nomination_id=nomination_id, now=now)
    criterion = _criterion_of(session, sheet=sheet, criterion_id=criterion_id)
    value = _on_scale(value, criterion)
    score = _current_score(session, sheet=sheet, criterion=criterion, expected_version=expected_version)
    old = None if score is None else score.value
    if score is None:
        score = Score(sheet_id=sheet.id, criterion_id=criterion_id, value=value, version=1)
        session.add(score)
    elif score.value != value:
        score.value, score.version = value, score.version + 1
    else:
        return ScoreLine(score.value, score.comment, score.version)
    session.flush()
    record_change(session, actor=actor, action="score.recorded", entity="score", entity_id=score.id,
                  old=_score_audit(criterion, sheet, old), new=_score_audit(criterion, sheet, value))
    return ScoreLine(score.value, score.comment, score.version)


def record_criterion_comment(session: Session, *, actor: Actor, round_id: int, nomination_id: int,
                             criterion_id: int, comment: str, expected_version: int,
                             now: datetime | None = None) -> ScoreLine:
    """Keep the juror's comment on one criterion; the criterion needs a score first."""
    sheet = _open_sheet(session, actor=actor, round_id=round_id, nomination_id=nomination_id, now=now)
    criterion = _criterion_of(session, sheet=sheet, criterion_id=criterion_id)
    comment = clean_text(comment, field="scoring.sheet.criterion_comment", max_length=SCORE_COMMENT_MAX,
                         multiline=True)
    score = _current_score(session, sheet=sheet, criterion=criterion, expected_version=expected_version)
    if score is None:
        raise InvalidInput("scoring.errors.comment_before_score", criterion=criterion.title_da)
    if score.comment != comment:
        record_change(session, actor=actor, action="score.commented", entity="score", entity_id=score.id,
                      old={"criterion": criterion.title_da, "comment": score.comment},
                      new={"criterion": criterion.title_da, "comment": comment})
        score.comment, score.version = comment, score.version + 1
        session.flush()
    return ScoreLine(score.value, score.comment, score.version)


def record_sheet_comment(session: Session, *, actor: Actor, round_id: int, nomination_id: int, comment: str,
                         expected_version: int, now: datetime | None = None) -> int:
    """Keep the juror's overall comment on the candidate; returns the sheet's new version."""
    comment = clean_text(comment, field="scoring.sheet.comment", max_length=SHEET_COMMENT_MAX, multiline=True)
    sheet = _open_sheet(session, actor=actor, round_id=round_id, nomination_id=nomination_id, now=now)
    _check_sheet_version(sheet, expected_version, stored=sheet.comment or "-")
    if sheet.comment != comment:
        record_change(session, actor=actor, action="sheet.commented", entity="score_sheet", entity_id=sheet.id,
                      old={"comment": sheet.comment}, new={"comment": comment})
        sheet.comment, sheet.version = comment, sheet.version + 1
        session.flush()
    return sheet.version


def submit_sheet(session: Session, *, actor: Actor, round_id: int, nomination_id: int, expected_version: int,
                 now: datetime | None = None) -> int:
    """Submit the sheet once every criterion has a score; the message names the missing ones."""
    now = now or utcnow()
    sheet = _open_sheet(session, actor=actor, round_id=round_id, nomination_id=nomination_id, now=now)
    _check_sheet_version(sheet, expected_version, stored=MessageKey("scoring.state.in_progress"))
    scored = {score.criterion_id for score in sheet.scores}
    round = scoring_queries.round_facts(session, round_id)
    missing = [criterion.title_da for criterion in scoring_queries.criteria_of(session, round.year_id)
               if criterion.id not in scored]
    if missing:
        raise IncompleteSheet(missing=tuple(missing))
    sheet.submitted_at, sheet.version = now, sheet.version + 1
    record_change(session, actor=actor, action="sheet.submitted", entity="score_sheet", entity_id=sheet.id,
                  old={"submitted_at": None}, new={"submitted_at": now})
    session.flush()
    return sheet.version


def reopen_sheet(session: Session, *, actor: Actor, round_id: int, nomination_id: int, expected_version: int,
                 now: datetime | None = None) -> int:
    """Open a submitted sheet for changes again, until the round closes."""
    sheet = _locked_sheet(session, actor=actor, round_id=round_id, nomination_id=nomination_id, now=now)
    if sheet is None or sheet.submitted_at is None:
        raise InvalidInput("scoring.errors.not_submitted")
    _check_sheet_version(sheet, expected_version, stored=MessageKey("scoring.state.submitted"))
    record_change(session, actor=actor, action="sheet.reopened", entity="score_sheet", entity_id=sheet.id,
                  old={"submitted_at": sheet.submitted_at}, new={"submitted_at": None})
    sheet.submitted_at, sheet.version = None, sheet.version + 1
    session.flush()
    return sheet.version


def _locked_sheet(session: Session, *, actor: Actor, round_id: int, nomination_id: int,
                  now: datetime | None) -> ScoreSheet | None:
    """The juror's sheet, row-locked, once the rule book lets them score the candidate now.
    The round is read with a shared lock, so a closing round waits for the save to end."""
    round = _round_or_refusal(session, actor=actor, round_id=round_id, lock=True)
    require(actor, Action.SCORE, phase=round.phase,
            target=_sheet_target(session, actor=actor, round=round, nomination_id=nomination_id))
    return scoring_queries.sheet_of(session, round_id=round_id, juror_id=actor.id, nomination_id=nomination_id,
                                    lock=True)


def _open_sheet(session: Session, *, actor: Actor, round_id: int, nomination_id: int,
                now: datetime | None) -> ScoreSheet:
    """The juror's sheet, created on the first save, for a change: refused once submitted."""
    sheet = _locked_sheet(session, actor=actor, round_id=round_id, nomination_id=nomination_id, now=now)
    if sheet is None:
        sheet = _create_sheet(session, actor=actor, round_id=round_id, nomination_id=nomination_id)
    if sheet.submitted_at is not None:
        raise InvalidInput("scoring.errors.submitted")
    return sheet


def _create_sheet(session: Session, *, actor: Actor, round_id: int, nomination_id: int) -> ScoreSheet:
    """A new sheet; when another tab of the same juror created it first, that one."""
    return scoring_queries.create_sheet(session, round_id=round_id, juror_id=actor.id, nomination_id=nomination_id)


def _criterion_of(session: Session, *, sheet: ScoreSheet, criterion_id: int) -> Criterion:
    criterion = session.get(Criterion, criterion_id)
    round = session.get(ScoringRound, sheet.round_id)
    if criterion is None or criterion.year_id != round.year_id:
        raise InvalidInput("scoring.errors.unknown_criterion")
    return criterion


def _on_scale(value: object, criterion: Criterion) -> int:
    """The value as an integer on the criterion's scale; anything else is refused."""
    whole = isinstance(value, int) and not isinstance(value, bool)
    if isinstance(value, float) and value.is_integer():
        value, whole = int(value), True
    if not whole or not criterion.scale_min <= value <= criterion.scale_max:
        raise InvalidInput("scoring.errors.off_scale", criterion=criterion.title_da, low=criterion.scale_min,
                           high=criterion.scale_max)
    return value


def _current_score(session: Session, *, sheet: ScoreSheet, criterion: Criterion, expected_version: int) -> Score | None:
    score = scoring_queries.score_of(session, sheet_id=sheet.id, criterion_id=criterion.id)
    if (score.version if score else 0) != expected_version:
        raise StaleSave(criterion=criterion.title_da,
                        stored=score.value if score else MessageKey("scoring.sheet.no_score"))
    return score


def _check_sheet_version(sheet: ScoreSheet, expected_version: int, *, stored: object) -> None:
    if sheet.version != expected_version:
        raise StaleSave("scoring.errors.stale_sheet", stored=stored)


def _score_audit(criterion: Criterion, sheet: ScoreSheet, value: int | None) -> dict:
    return {"criterion": criterion.title_da, "nomination_id": sheet.nomination_id, "value": value}


# --- Others' scores -------------------------------------------------------------------------

@dataclass(frozen=True)
class OthersScores:
    """The other jurors' scores, criterion comments and overall comments of one candidate:
    their submitted sheets only, conflicted jurors left out."""

    scores: pd.DataFrame
    comments: pd.DataFrame


def others_scores(session: Session, *, actor: Actor, round_id: int, nomination_id: int) -> OthersScores:
    """The others' scores once the rule book allows (VIEW_OTHERS_SCORES): after the
    round's release, or in AFTER_OWN_SHEET once the juror's own sheet is submitted; and
    only of a candidate the juror may see (VIEW_CANDIDATES: in the round, no conflict),
    so a sheet submitted before a conflict opens nothing. Only submitted sheets of the
    others are shown: one in progress is a draft, and rankings count submitted ones only."""
    round = _require_candidate(session, actor=actor, round_id=round_id, nomination_id=nomination_id)
    own = scoring_queries.sheet_of(session, round_id=round_id, juror_id=actor.id, nomination_id=nomination_id)
    require(actor, Action.VIEW_OTHERS_SCORES, phase=round.phase, target=ResultsTarget(
        released=round.released_at is not None,
        reveal_after_own_sheet=round.independence == Independence.AFTER_OWN_SHEET,
        own_sheet_submitted=own is not None and own.submitted_at is not None))
    juror_id = actor.id or 0
    return OthersScores(
        scores=scoring_queries.others_scores_frame(session, round_id=round_id, nomination_id=nomination_id,
                                                   juror_id=juror_id),
        comments=scoring_queries.others_sheet_comments(session, round_id=round_id, nomination_id=nomination_id,
                                                       juror_id=juror_id))


def visible_others_scores(session: Session, *, actor: Actor, round_id: int,
                          nomination_id: int) -> OthersScores | None:
    """``others_scores`` when the rule book allows them now, else None (for a page)."""
    try:
        return others_scores(session, actor=actor, round_id=round_id, nomination_id=nomination_id)
    except (NotAllowed, ConflictOfInterest):
        return None
