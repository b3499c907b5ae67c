"""A round's ranking under one method as CSV: rank, nomination id, candidate, score and the
number of jurors whose scores count, best first (a shared rank in Danish alphabetical
order), then the candidates nobody has scored yet with no rank. For the command line's
`rank` and a download on the results page."""

from __future__ import annotations

import csv
import io

from babel.numbers import format_decimal
from sqlalchemy.orm import Session

from prize.actor import Actor
from prize.exports.base import Exporter
from prize.i18n import danish_sort_key, normalise_locale, t_plain
from prize.permissions import Action
from prize.phases import RoundKind
from prize.ranking import check_method, rank
from prize.services.ranking import RankingInputs, require_results, round_inputs
from prize.services.years import YearInfo

HEADINGS = ("rank", "nomination", "candidate", "score", "n_jurors")


class RankingCsv(Exporter):
    identifier = "ranking-csv"
    file_stem = "rangering"
    extension = "csv"
    media_type = "text/csv; charset=utf-8"
    title = "ranking.csv.title"
    action = Action.VIEW_OTHERS_SCORES

    def __init__(self, *, year: YearInfo, kind: RoundKind, method: str, locale: str = "da") -> None:
        check_method(method)
        super().__init__(year=year, locale=locale)
        self.kind = kind
        self.method = method

    def authorise(self, session: Session, *, actor: Actor) -> None:
        require_results(session, actor=actor, year=self.year, round_kind=self.kind)

    def render(self, session: Session) -> bytes:
        """Semicolons and a byte order mark, as Danish Excel opens a file."""
        return ("\ufeff" + self.text_of(round_inputs(session, year=self.year, round_kind=self.kind))).encode("utf-8")

    def export_text(self, session: Session, *, actor: Actor, line_end: str = "\n") -> str:
        """The ranking as CSV text without a byte order mark, for standard output."""
        self.authorise(session, actor=actor)
        return self.text_of(round_inputs(session, year=self.year, round_kind=self.kind), line_end=line_end)

    def text_of(self, inputs: RankingInputs, *, line_end: str = "\r\n") -> str:
        ranking = rank(inputs.scores, inputs.weights, self.method)
        names = inputs.nominations
        rows = sorted(((int(row.rank), row.Index, names[row.Index], self._number(row.score), int(row.n_jurors))
                       for row in ranking.itertuples()),
                      key=lambda row: (row[0], danish_sort_key(row[2])))
        rows += [("", nomination, name, "", 0) for nomination, name in names.items() if nomination not in ranking.index]
        out = io.StringIO()
        writer = csv.writer(out, delimiter=";", lineterminator=line_end)
        writer.writerow([t_plain(f"ranking.csv.{heading}", self.locale) for heading in HEADINGS])
        writer.writerows(rows)
        return out.getvalue()

    def _number(self, score: float) -> str:
        """Four decimals with the locale's decimal sign: "4,6667"."""
        return format_decimal(score, format="0.0000", locale=normalise_locale(self.locale))
