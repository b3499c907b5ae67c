"""How much the cut to the finalists depends on the method and on single jurors: pure
functions over the long score frame of ``prize.ranking``, no database.

The report holds the top N under each method, the top N with each juror in turn left
out (under the year's method), the jury's agreement (Kendall's W) and the candidates
whose place in the top N depends on either. A top N includes everyone tied at the N-th
place, so it can hold more than N; ``describe`` names the tie and all who share it.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

import pandas as pd
from babel.numbers import format_decimal

from prize.i18n import normalise_locale, t, t_plain
from prize.ranking import METHODS, check_method, juror_totals, rank_totals, ranks_within_jurors
from prize.text import Markup, escape_markdown

DEFAULT_FINALISTS = 5


@dataclass(frozen=True)
class Cut:
    """The top N of one ranking, best first: ``members`` are every candidate placed N-th or
    better (more than N when candidates tie at the N-th place); ``tied`` are those sharing
    the N-th place when they do not all fit in N (else empty)."""

    members: tuple[Hashable, ...]
    tied: tuple[Hashable, ...] = ()
    size: int = DEFAULT_FINALISTS

    @property
    def seats_for_tied(self) -> int:
        """How many of the tied candidates fit in the top N."""
        return len(self.tied) - (len(self.members) - self.size) if self.tied else 0


def cut(ranking: pd.DataFrame, n: int) -> Cut:
    """The top ``n`` of a ranking from ``prize.ranking.rank`` (sorted by rank)."""
    if len(ranking) <= n:
        return Cut(members=tuple(ranking.index), size=n)
    nth = ranking["rank"].iloc[n - 1]
    members = tuple(ranking.index[ranking["rank"] <= nth])
    tied = tuple(ranking.index[ranking["rank"] == nth]) if len(members) > n else ()
    return Cut(members=members, tied=tied, size=n)


@dataclass(frozen=True)
class Dependence:
    """A candidate whose place in the top N is not the same everywhere. ``in_top``: in the
    top N under the chosen method with every juror; ``methods``: the methods under which it
    is the other way; ``jurors``: the jurors whose leaving out turns it the other way."""

    nomination: Hashable
    in_top: bool
    methods: tuple[str, ...]
    jurors: tuple[Hashable, ...]


@dataclass(frozen=True)
class Agreement:
    """Kendall's W (0: no agreement, 1: all jurors rank alike) over the ``candidates`` that
    all ``jurors`` scored; ``w`` is None with fewer than 2 of either (or when every juror
    ties every candidate)."""

    w: float | None
    candidates: int
    jurors: int


@dataclass(frozen=True)
class Robustness:
    method: str
    n_finalists: int
    by_method: Mapping[str, Cut]
    without_juror: Mapping[Hashable, Cut]
    agreement: Agreement
    dependences: tuple[Dependence, ...]

    @property
    def top(self) -> Cut:
        """The top N under the chosen method with every juror."""
        return self.by_method[self.method]

    @property
    def robust(self) -> bool:
        """The same top N under every method and without any single juror."""
        return not self.dependences

    @property
    def kendall_w(self) -> float | None:
        return self.agreement.w


def robustness(scores: pd.DataFrame, weights: Mapping[Hashable, float], *, method: str,
               n_finalists: int = DEFAULT_FINALISTS) -> Robustness:
    """The report for ``scores`` and ``weights`` as ``prize.ranking.rank`` takes them."""
    check_method(method)
    if n_finalists < 1:
        raise ValueError(f"the number of finalists must be at least 1, not {n_finalists}")
    totals = juror_totals(scores, weights)
    reference = rank_totals(totals, method)
    by_method = {each: cut(reference if each == method else rank_totals(totals, each), n_finalists)
                 for each in METHODS}
    without_juror = {juror: cut(rank_totals(totals[totals["juror"] != juror], method), n_finalists)
                     for juror in _in_order(totals["juror"].unique())}
    return Robustness(method=method, n_finalists=n_finalists, by_method=MappingProxyType(by_method),
                      without_juror=MappingProxyType(without_juror), agreement=kendall_w(totals),
                      dependences=_dependences(reference.index, method, by_method, without_juror))


def _in_order(labels: Sequence[Hashable]) -> list[Hashable]:
    try:
        return sorted(labels)
    except TypeError:
        return list(labels)


def _dependences(order: pd.Index, method: str, by_method: dict[str, Cut],
                 without_juror: dict[Hashable, Cut]) -> tuple[Dependence, ...]:
    """The candidates that are in some top N and out of another, in the chosen ranking's order."""
    reference = set(by_method[method].members)
    found = []
    for nomination in order:
        in_top = nomination in reference
        methods = tuple(each for each, top in by_method.items() if (nomination in top.members) != in_top)
        jurors = tuple(juror for juror, top in without_juror.items() if (nomination in top.members) != in_top)
        if methods or jurors:
            found.append(Dependence(nomination=nomination, in_top=in_top, methods=methods, jurors=jurors))
    return tuple(found)


def kendall_w(totals: pd.DataFrame) -> Agreement:
    """Kendall's W with the correction for ties over the nominations every juror in ``totals``
    has a total for: W = 12 S / (m^2 (n^3 - n) - m sum(t^3 - t)), S the squared deviations of
    the rank sums from their mean m (n + 1) / 2, t the size of each group of tied totals."""
    m = totals["juror"].nunique()
    per_nomination = totals.groupby("nomination", sort=False)["juror"].size()
    common = per_nomination.index[per_nomination == m]
    n = len(common)
    if m < 2 or n < 2:
        return Agreement(w=None, candidates=n, jurors=m)
    shared = totals[totals["nomination"].isin(common)].reset_index(drop=True)
    ranks = ranks_within_jurors(shared)
    rank_sums = ranks["rank"].groupby(shared["nomination"]).sum()
    spread = float(((rank_sums - m * (n + 1) / 2) ** 2).sum())
    # Each tied group of size t appears t times, so sum(t^2 - 1) over rows is sum(t^3 - t) over groups.
    ties = float((ranks["tied"] ** 2 - 1).sum())
    denominator = m * m * (n ** 3 - n) - m * ties
    w = 12 * spread / denominator if denominator > 0 else None
    return Agreement(w=w, candidates=n, jurors=m)


# --- In words --------------------------------------------------------------------------------

def describe(report: Robustness, locale: str, names: Mapping[Hashable, str], jurors: Mapping[Hashable, str], *,
             plain: bool = False) -> list[str]:
    """The report as sentences for the page and the exports: the verdict, a sentence per way a
    candidate's place depends on the method or a juror, the tie at the N-th place with all who
    share it, and the jury's agreement. Markdown with names escaped; ``plain`` for files."""
    words = _Words(locale=normalise_locale(locale), plain=plain, names=names, jurors=jurors)
    if not report.top.members:
        return [words.say("ranking.report.no_scores")]
    lines = [words.verdict(report)]
    for dependence in report.dependences:
        lines += words.dependence(dependence, report)
    if report.top.tied:
        lines.append(words.tie(report.top, report.n_finalists))
    lines.append(words.agreement(report.agreement))
    return lines


@dataclass(frozen=True)
class _Words:
    locale: str
    plain: bool
    names: Mapping[Hashable, str]
    jurors: Mapping[Hashable, str]

    def say(self, key: str, **params: object) -> str:
        return t_plain(key, self.locale, **params) if self.plain else t(key, self.locale, **params)

    def listing(self, texts: Sequence[str], joiner: str) -> str:
        """"A, B og C" (``joiner`` "and") or "A, B eller C" ("or"); each text escaped on screen."""
        shown = [text if self.plain else escape_markdown(text) for text in texts]
        last = t_plain(f"ranking.report.{joiner}", self.locale)
        joined = shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} {last} {shown[-1]}"
        return joined if self.plain else Markup(joined)

    def candidates(self, nominations: Sequence[Hashable], joiner: str = "and") -> str:
        return self.listing([self.names.get(each, str(each)) for each in nominations], joiner)

    def methods(self, methods: Sequence[str], joiner: str = "or") -> str:
        return self.listing([t_plain(f"ranking.method.{each}", self.locale) for each in methods], joiner)

    def verdict(self, report: Robustness) -> str:
        if report.robust:
            return self.say("ranking.report.robust", n=report.n_finalists, methods=len(METHODS),
                            candidates=self.candidates(report.top.members))
        return self.say("ranking.report.not_robust", n=report.n_finalists)

    def dependence(self, dependence: Dependence, report: Robustness) -> list[str]:
        name = self.names.get(dependence.nomination, str(dependence.nomination))
        direction = "in" if dependence.in_top else "out"
        lines = []
        if dependence.methods:
            lines.append(self.say(f"ranking.report.{direction}_but_methods", name=name, n=report.n_finalists,
                                  method=self.methods([report.method]), methods=self.methods(dependence.methods)))
        if dependence.jurors:
            left_out = self.listing([self.jurors.get(each, str(each)) for each in dependence.jurors], "or")
            lines.append(self.say(f"ranking.report.{direction}_but_jurors", name=name, n=report.n_finalists,
                                  method=self.methods([report.method]), jurors=left_out))
        return lines

    def tie(self, top: Cut, n: int) -> str:
        place = len(top.members) - len(top.tied) + 1
        return self.say("ranking.report.tie", place=place, n=n, seats=top.seats_for_tied, tied=len(top.tied),
                        candidates=self.candidates(top.tied))

    def agreement(self, agreement: Agreement) -> str:
        if agreement.w is None:
            return self.say("ranking.report.agreement_unknown", candidates=agreement.candidates,
                            jurors=agreement.jurors)
        w = format_decimal(agreement.w, format="0.00", locale=self.locale)
        return self.say("ranking.report.agreement", w=w if self.plain else Markup(w),
                        candidates=agreement.candidates, jurors=agreement.jurors)
