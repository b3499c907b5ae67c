"""The recommendation to the council as one plain report: everything the Word document, the
PDF and the Excel workbook show, gathered once from the year's data, in the order the
documents show it. The three writers only lay it out, so they cannot disagree.

Deterministic: lists are sorted (Danish order or rank), and the only moment that is not
the data's own is ``created_at``. Numbers stay numbers here; the writers format them
("4,35") with ``decimal``.

The year's choices decide two things everywhere: an anonymous jury is "Jurymedlem 1", ...
in the jury list, the rankings' robustness, the raw scores, the conflicts and the audit
trail; the conflicts' written reasons are printed only when the year says so."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pandas as pd
from babel.numbers import format_decimal
from sqlalchemy.orm import Session

from prize.actor import Actor
from prize.i18n import danish_sort_key, format_amount, format_day, format_moment, normalise_locale, t_plain
from prize.models.base import utcnow
from prize.permissions import Action, require
from prize.phases import NominationStatus, Phase, RoundKind, has_reached
from prize.queries import council_report as queries
from prize.queries import presentations as presentation_queries
from prize.queries import recommendation as recommendation_queries
from prize.queries import shortlist as shortlist_queries
from prize.queries import videos as video_queries
from prize.queries.conflicts import conflicts_frame
from prize.queries.years import current_year, scoring_round
from prize.ranking import METHODS, juror_totals, rank_totals
from prize.robustness import describe, robustness
from prize.services.ranking import round_inputs
from prize.services.recommendation import RecommendationInfo, recommendation_info
from prize.services.results import Ranked, criterion_means, places_at_stake, results_table
from prize.services.years import YearInfo
from prize.settings import Settings

TABLE_COLUMNS = ["rank", "candidate", "score", "mean", "median", "std", "n_jurors"]
METHOD_COLUMNS = ["round", "method", "rank", "candidate", "score", "n_jurors"]
CONFLICT_COLUMNS = ["juror", "candidate", "type", "active"]
# With the year's choice to print them: the juror's written reason, and why it was withdrawn.
CONFLICT_REASON_COLUMNS = ["reason", "withdrawal_reason"]


def decimal(value: float, locale: str = "da", digits: int = 2) -> str:
    """"4,35" (da) or "4.35" (en) with ``digits`` decimals."""
    return format_decimal(value, format="0." + "0" * digits, locale=normalise_locale(locale))


@dataclass(frozen=True)
class Organisation:
    """Who sends the recommendation: the name on the title page, and the logo above it
    (the bytes of a PNG or JPEG file), both settings."""

    name: str = Settings.organisation_name
    logo: bytes | None = None

    @classmethod
    def of(cls, settings: Settings) -> Organisation:
        """The configured organisation; the settings have checked that the logo is a PNG or JPEG file."""
        logo = Path(settings.organisation_logo).read_bytes() if settings.organisation_logo else None
        return cls(name=settings.organisation_name, logo=logo)


@dataclass(frozen=True)
class CriterionLine:
    title: str
    weight: float
    scale_min: int
    scale_max: int


@dataclass(frozen=True)
class FinalistLine:
    nomination_id: int
    candidate: str
    municipality: str
    summary: str
    videos: tuple[tuple[str, str], ...]
    word: str
    recommended: bool


@dataclass(frozen=True)
class RoundSection:
    """One round: ``table`` (``TABLE_COLUMNS``, best first) under the year's ``method``, the
    robustness sentences, the jurors' totals (``juror``, ``candidate``, ``total``) for the
    spread chart and the per-criterion means (index: candidate; columns: criterion titles)."""

    kind: RoundKind
    method: str
    table: pd.DataFrame
    robustness: tuple[str, ...]
    totals: pd.DataFrame
    means: pd.DataFrame
    by_method: pd.DataFrame
    released: bool

    @property
    def empty(self) -> bool:
        return self.table.empty


@dataclass(frozen=True)
class CouncilReport:
    year: int
    title: str
    organisation: Organisation
    locale: str
    created_at: datetime
    draft: bool
    results_released: bool
    prize_amount: int
    process: tuple[tuple[str, str], ...]
    counts: tuple[tuple[str, int], ...]
    ineligible: tuple[tuple[str, str], ...]
    # (name, role) of each juror: the user's title, else "Jurymedlem"; anonymous: "Jurymedlem 1", ...
    jury: tuple[tuple[str, str], ...]
    anonymous_jury: bool
    criteria: tuple[CriterionLine, ...]
    recommendation: RecommendationInfo | None
    finalists: tuple[FinalistLine, ...]
    screening: RoundSection
    shortlist: tuple[str, ...]
    final: RoundSection
    # ``CONFLICT_COLUMNS``, and ``CONFLICT_REASON_COLUMNS`` when ``conflict_reasons``.
    conflicts: pd.DataFrame
    conflict_reasons: bool
    raw_scores: pd.DataFrame
    score_changes: pd.DataFrame

    def text(self, key: str, **params: object) -> str:
        return t_plain(key, self.locale, **params)

    def number(self, value: float, digits: int = 2) -> str:
        return decimal(value, self.locale, digits)

    @property
    def winner(self) -> str:
        return self.recommendation.candidate if self.recommendation else ""

    @property
    def created_text(self) -> str:
        return self.text("council.created", moment=str(format_moment(self.created_at, self.locale)))

    @property
    def amount_text(self) -> str:
        return str(format_amount(self.prize_amount, self.locale))


def council_report(session: Session, *, actor: Actor, year: YearInfo, locale: str = "da",
                   organisation: Organisation = Organisation(), now: datetime | None = None) -> CouncilReport:
    """The year's recommendation to the council, for the secretariat; a draft before the
    year reaches "recommendation"."""
    require(actor, Action.EXPORT_RECOMMENDATION, phase=year.phase)
    return gather_report(session, year=year, locale=locale, organisation=organisation, now=now)


def gather_report(session: Session, *, year: YearInfo, locale: str = "da", organisation: Organisation = Organisation(),
                  now: datetime | None = None) -> CouncilReport:
    """``council_report`` without the permission check: the caller (an exporter's
    ``authorise``) has asked the rule book."""
    locale = normalise_locale(locale)
    nominations = queries.nominations_frame(session, year_id=year.id)
    jury = _jury(session, year=year)
    jurors = _juror_labels(jury, anonymous=year.anonymous_jury, locale=locale)
    member = t_plain("council.jury.member", locale)
    found = recommendation_queries.recommendation_of(session, year_id=year.id)
    recommendation = recommendation_info(session, found) if found else None
    screening = _round(session, year=year, kind=RoundKind.SCREENING, locale=locale, jurors=jurors)
    final = _round(session, year=year, kind=RoundKind.FINAL, locale=locale, jurors=jurors)
    return CouncilReport(
        year=year.year, title=year.title, organisation=organisation, locale=locale,
        created_at=now or utcnow(), draft=not has_reached(year.phase, Phase.RECOMMENDATION),
        results_released=screening.released and (final.released or final.empty), prize_amount=year.prize_amount,
        process=_process(session, year=year, locale=locale), counts=_counts(nominations, locale),
        ineligible=_ineligible(nominations, locale),
        jury=tuple((jurors[juror_id], member if year.anonymous_jury else title or member)
                   for juror_id, _, title in jury),
        anonymous_jury=year.anonymous_jury,
        criteria=tuple(CriterionLine(c.title(locale), c.weight, c.scale_min, c.scale_max)
                       for c in sorted(round_inputs(session, year=year, round_kind=RoundKind.SCREENING).criteria,
                                       key=lambda c: c.position)),
        recommendation=recommendation, finalists=_finalists(session, year=year, nominations=nominations,
                                                           recommendation=recommendation),
        screening=screening, shortlist=_shortlist(session, year=year, locale=locale), final=final,
        conflicts=_conflicts(session, year=year, locale=locale, jurors=jurors),
        conflict_reasons=year.print_conflict_reasons,
        raw_scores=_anonymised(queries.raw_scores_frame(session, year_id=year.id), jurors, locale),
        score_changes=_changes_anonymised(queries.score_changes_frame(session, year_id=year.id), jurors,
                                          anonymous=year.anonymous_jury))


def _jury(session: Session, *, year: YearInfo) -> list[tuple[int, str, str]]:
    """(id, name, title) of the year's jurors; the active jurors serve the current year, unless it is archived."""
    current = current_year(session)
    serving = current is not None and current.id == year.id and year.phase != Phase.ARCHIVED
    return queries.jurors(session, year_id=year.id, with_active=serving)


def _juror_labels(jury: list[tuple[int, str, str]], *, anonymous: bool, locale: str) -> dict[int, str]:
    """Each juror's id to how the report names them: the name, or "Jurymedlem 1", ... in the jury's order."""
    if not anonymous:
        return {juror_id: name for juror_id, name, _ in jury}
    return {juror_id: t_plain("council.jury.anonymous", locale, number=number)
            for number, (juror_id, _, _) in enumerate(jury, 1)}


def _anonymised(raw: pd.DataFrame, jurors: Mapping[int, str], locale: str) -> pd.DataFrame:
    """The raw scores with each juror named as the report names them, and the round's Danish name."""
    raw = raw.copy()
    raw["juror"] = [jurors.get(juror_id, name) for juror_id, name in zip(raw["juror_id"], raw["juror"], strict=True)]
    raw["round"] = raw["round"].map(lambda kind: t_plain(f"labels.roundkind.{kind}", locale))
    return raw.drop(columns=["criterion_position", "juror_id"])


def _changes_anonymised(changes: pd.DataFrame, jurors: Mapping[int, str], *, anonymous: bool) -> pd.DataFrame:
    """The audit trail of the scores, a juror who acted named as the jury is; the
    secretariat stays named."""
    if not anonymous:
        return changes
    changes = changes.copy()
    changes["actor_label"] = [jurors.get(actor_id, label) if not pd.isna(actor_id) else label
                              for actor_id, label in zip(changes["actor_id"], changes["actor_label"], strict=True)]
    return changes


def _process(session: Session, *, year: YearInfo, locale: str) -> tuple[tuple[str, str], ...]:
    schedule = presentation_queries.schedule_frame(session, year_id=year.id)
    starts = sorted(each for each in schedule["starts_at"] if each is not None and not pd.isna(each))
    presentations = (" – ".join(dict.fromkeys(str(format_day(each, locale)) for each in (starts[0], starts[-1])))
                     if starts else t_plain("council.not_set", locale))
    day = lambda value: str(format_day(value, locale)) if value else t_plain("council.not_set", locale)  # noqa: E731
    return ((t_plain("council.process.call", locale), day(year.nominations_open_at)),
            (t_plain("council.process.deadline", locale), day(year.nomination_deadline)),
            (t_plain("council.process.screening", locale), day(year.screening_deadline)),
            (t_plain("council.process.presentations", locale), presentations),
            (t_plain("council.process.final", locale), day(year.final_deadline)),
            (t_plain("council.process.decision", locale), day(year.decision_date)))


def _counts(nominations: pd.DataFrame, locale: str) -> tuple[tuple[str, int], ...]:
    status = nominations["status"]
    return ((t_plain("council.process.nominations", locale), len(nominations)),
            (t_plain("council.process.eligible", locale), int((status == NominationStatus.ELIGIBLE).sum())),
            (t_plain("council.process.ineligible", locale), int((status == NominationStatus.INELIGIBLE).sum())))


def _ineligible(nominations: pd.DataFrame, locale: str) -> tuple[tuple[str, str], ...]:
    """(name, reason in one line) of each ineligible nomination, in Danish order."""
    rows = nominations[nominations["status"] == NominationStatus.INELIGIBLE]
    return tuple((row.candidate, " ".join(row.reason.split()) or t_plain("council.process.no_reason", locale))
                 for row in rows.itertuples())


def _round(session: Session, *, year: YearInfo, kind: RoundKind, locale: str,
           jurors: Mapping[int, str]) -> RoundSection:
    inputs = round_inputs(session, year=year, round_kind=kind)
    shown = scoring_round(session, year_id=year.id, kind=kind)
    juror_names = {juror: jurors.get(juror, name) for juror, name in inputs.jurors.items()}
    totals = juror_totals(inputs.scores, inputs.weights)
    ranked = Ranked(method=year.ranking_method, ranking=rank_totals(totals, year.ranking_method), totals=totals,
                    scores=inputs.scores, weights=dict(inputs.weights), names=dict(inputs.nominations),
                    jurors=juror_names, criteria=inputs.criteria)
    titles = {c.id: c.title(locale) for c in sorted(inputs.criteria, key=lambda c: c.position)}
    means = criterion_means(inputs.scores, titles=titles, names=ranked.names)
    means = means.loc[sorted(means.index, key=danish_sort_key)]
    table = _with_unscored(results_table(ranked, means=means)[TABLE_COLUMNS] if not ranked.ranking.empty
                           else pd.DataFrame(columns=TABLE_COLUMNS), ranked.names)
    report = (describe(robustness(inputs.scores, inputs.weights, method=year.ranking_method,
                                  n_finalists=places_at_stake(year, kind)), locale, ranked.names, juror_names,
                       plain=True) if not ranked.ranking.empty else [])
    named_totals = pd.DataFrame({"juror": totals["juror"].map(juror_names),
                                 "candidate": totals["nomination"].map(ranked.names), "total": totals["total"]})
    return RoundSection(kind=kind, method=year.ranking_method, table=table, robustness=tuple(report),
                        totals=named_totals, means=means, by_method=_by_method(totals, ranked.names, kind, locale),
                        released=shown is not None and shown.released_at is not None)


def _with_unscored(table: pd.DataFrame, names: Mapping[int, str]) -> pd.DataFrame:
    """The table with the candidates nobody has scored yet at the end, without rank or score."""
    scored = set(table["candidate"])
    unscored = [name for name in names.values() if name not in scored]
    if not unscored or table.empty:
        return table
    nothing = {column: float("nan") for column in TABLE_COLUMNS}
    rows = table.to_dict("records") + [nothing | {"candidate": name, "n_jurors": 0} for name in unscored]
    return pd.DataFrame(rows, columns=TABLE_COLUMNS).astype({"rank": "Int64", "n_jurors": "int64"})


def _by_method(totals: pd.DataFrame, names: Mapping[int, str], kind: RoundKind, locale: str) -> pd.DataFrame:
    rows = []
    for method in METHODS:
        ranking = rank_totals(totals, method)
        ordered = sorted(ranking.itertuples(), key=lambda row: (int(row.rank), danish_sort_key(names[row.Index])))
        rows += [(t_plain(f"labels.roundkind.{kind.value}", locale), t_plain(f"ranking.method.{method}", locale),
                  int(row.rank), names[row.Index], float(row.score), int(row.n_jurors)) for row in ordered]
    return pd.DataFrame(rows, columns=METHOD_COLUMNS)


def _finalists(session: Session, *, year: YearInfo, nominations: pd.DataFrame,
               recommendation: RecommendationInfo | None) -> tuple[FinalistLine, ...]:
    """The finalists, the recommended one first, then in the shortlist's order."""
    facts = nominations.set_index("nomination_id")
    videos: dict[int, list[tuple[str, str]]] = {}
    for video in video_queries.videos_of_year(session, year.id, published_only=False):
        videos.setdefault(video.nomination_id, []).append((video.title or video.filename, video.url or video.filename))
    recommended = recommendation.nomination_id if recommendation else None
    lines = [FinalistLine(nomination_id=nomination_id, candidate=name,
                          municipality=str(facts.at[nomination_id, "municipality"]),
                          summary=str(facts.at[nomination_id, "summary"]),
                          videos=tuple(videos.get(nomination_id, ())),
                          word=(recommendation.rationale if nomination_id == recommended
                                else recommendation.remarks.get(nomination_id, "")) if recommendation else "",
                          recommended=nomination_id == recommended)
             for nomination_id, name in recommendation_queries.finalist_names(session, year_id=year.id)]
    return tuple(sorted(lines, key=lambda line: not line.recommended))


def _shortlist(session: Session, *, year: YearInfo, locale: str) -> tuple[str, ...]:
    found = shortlist_queries.shortlist_of(session, year.id)
    if found is None:
        return (t_plain("council.shortlist.none", locale),)
    key = "changed" if found.changed else "tie" if found.tie_resolved else "as_proposed"
    lines = [t_plain(f"council.shortlist.{key}", locale, day=str(format_day(found.confirmed_at, locale)),
                     name=shortlist_queries.confirmer_name(session, found))]
    names = list(shortlist_queries.finalists_frame(session, year.id)["candidate"])
    lines.append(t_plain("council.shortlist.finalists", locale, names=", ".join(names)))
    if found.justification:
        lines.append(t_plain("council.shortlist.justification", locale, text=found.justification))
    return tuple(lines)


def _conflicts(session: Session, *, year: YearInfo, locale: str, jurors: Mapping[int, str]) -> pd.DataFrame:
    """Juror, candidate, type and whether it is active; the juror's written reason and the
    reason for a withdrawal only when the year's choice is to print them."""
    frame = conflicts_frame(session, year_id=year.id)
    conflicts = pd.DataFrame({
        "juror": [jurors.get(juror_id, name) for juror_id, name in zip(frame["juror_id"], frame["juror"], strict=True)],
        "candidate": frame["candidate"],
        "type": frame["reason"].map(lambda reason: t_plain(f"labels.conflictreason.{reason.value}", locale)),
        "active": frame["active"].astype(bool)}, columns=CONFLICT_COLUMNS)
    if year.print_conflict_reasons:
        conflicts["reason"] = frame["note"].map(_one_line)
        conflicts["withdrawal_reason"] = frame["withdrawal_reason"].map(_one_line)
    return conflicts


def _one_line(text: object) -> str:
    return " ".join(str(text or "").split())
