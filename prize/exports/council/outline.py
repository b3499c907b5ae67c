"""The recommendation as a sequence of blocks (headings, paragraphs, tables, images) in the
order the council reads it. The Word and the PDF writer each lay out the same blocks, so
the two files hold the same text in the same order."""

from __future__ import annotations

import io
from dataclasses import dataclass

import pandas as pd
from PIL import Image as PillowImage

from prize.charts.council import profile_png, spread_png
from prize.exports.council.model import CouncilReport, RoundSection
from prize.i18n import format_day, t_plain

DASH = "–"
# The logo's largest width and height on the title page, in millimetres.
LOGO_MAX_MM = (70.0, 25.0)


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1


@dataclass(frozen=True)
class Paragraph:
    text: str
    bold: bool = False
    size: int = 10


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    # Relative column widths; the writers scale them to the page.
    widths: tuple[float, ...] = ()


@dataclass(frozen=True)
class Image:
    png: bytes
    # The image's width as a share of the text width.
    width: float = 1.0


@dataclass(frozen=True)
class Logo:
    """The organisation's logo (PNG or JPEG bytes), ``width`` by ``height`` millimetres."""

    data: bytes
    width: float
    height: float

    @classmethod
    def of(cls, data: bytes) -> Logo:
        """The logo as large as fits ``LOGO_MAX_MM``, its proportions kept."""
        with PillowImage.open(io.BytesIO(data)) as image:
            width, height = image.size
        scale = min(LOGO_MAX_MM[0] / width, LOGO_MAX_MM[1] / height)
        return cls(data, round(width * scale, 2), round(height * scale, 2))


@dataclass(frozen=True)
class PageBreak:
    pass


Block = Heading | Paragraph | Table | Image | Logo | PageBreak


def outline(report: CouncilReport, *, charts: bool = True) -> list[Block]:
    blocks: list[Block] = []
    for part in (_title_page, _process, _jury, _criteria, _recommendation, _finalists, _screening, _final,
                 _conflicts):
        blocks += part(report)
    if charts:
        blocks += _charts(report)
    blocks += _appendix(report)
    return blocks


def _title_page(report: CouncilReport) -> list[Block]:
    blocks: list[Block] = [Logo.of(report.organisation.logo)] if report.organisation.logo else []
    blocks += [Paragraph(report.organisation.name, size=12), Paragraph(report.text("council.title"), bold=True, size=22),
               Paragraph(report.title, size=16), Paragraph(str(format_day(report.created_at, report.locale)), size=12),
               Paragraph(report.text("council.prize_line", amount=report.amount_text))]
    if report.draft:
        blocks.append(Paragraph(report.text("council.draft_note"), bold=True))
    if not report.results_released:
        blocks.append(Paragraph(report.text("council.unreleased_note")))
    return blocks + [Paragraph(report.created_text, size=8), PageBreak()]


def _process(report: CouncilReport) -> list[Block]:
    blocks: list[Block] = [Heading(report.text("council.section.process")),
                           Table(("", ""), report.process + tuple((label, str(n)) for label, n in report.counts),
                                 (1, 1))]
    blocks.append(Heading(report.text("council.process.ineligible_heading"), level=2))
    if not report.ineligible:
        return blocks + [Paragraph(report.text("council.none"))]
    return blocks + [Paragraph(f"{name}: {reason}") for name, reason in report.ineligible]


def _jury(report: CouncilReport) -> list[Block]:
    return [Heading(report.text("council.section.jury")),
            Table((report.text("council.conflict.juror"), ""), report.jury, (2, 1))
            if report.jury else Paragraph(report.text("council.none"))]


def _criteria(report: CouncilReport) -> list[Block]:
    rows = tuple((f"{number}. {line.title}", report.number(line.weight, 1),
                  report.text("council.criteria.scale_range", low=line.scale_min, high=line.scale_max))
                 for number, line in enumerate(report.criteria, 1))
    return [Heading(report.text("council.section.criteria")),
            Table(("", report.text("council.criteria.weight"), report.text("council.criteria.scale")), rows, (6, 1, 1))]


def _recommendation(report: CouncilReport) -> list[Block]:
    blocks: list[Block] = [Heading(report.text("council.section.recommendation"))]
    found = report.recommendation
    if found is None:
        return blocks + [Paragraph(report.text("council.recommendation.none"))]
    blocks += [Paragraph(report.text("council.recommendation.winner", candidate=found.candidate, year=report.year), bold=True),
               Heading(report.text("council.recommendation.rationale"), level=2), Paragraph(found.rationale)]
    approval = (report.text("council.recommendation.approved", name=found.approved_by,
                            day=str(format_day(found.approved_at, report.locale)))
                if found.approved else report.text("council.recommendation.not_approved"))
    return blocks + [Paragraph(approval)]


def _finalists(report: CouncilReport) -> list[Block]:
    blocks: list[Block] = [Heading(report.text("council.section.finalists"))]
    if not report.finalists:
        return blocks + [Paragraph(report.text("council.recommendation.no_finalists"))]
    for line in report.finalists:
        marker = f" ({report.text('council.recommendation.recommended')})" if line.recommended else ""
        blocks += [Heading(f"{line.candidate}{marker}", level=2),
                   Paragraph(f"{report.text('council.recommendation.municipality')}: {line.municipality}"),
                   Paragraph(report.text("council.recommendation.summary"), bold=True), Paragraph(line.summary or DASH),
                   Paragraph(report.text("council.recommendation.videos"), bold=True)]
        blocks += ([Paragraph(f"{title}: {link}") for title, link in line.videos] if line.videos
                   else [Paragraph(report.text("council.recommendation.no_videos"))])
        if line.word:
            blocks += [Paragraph(report.text("council.recommendation.word"), bold=True), Paragraph(line.word)]
    return blocks


def _screening(report: CouncilReport) -> list[Block]:
    return (_round(report, report.screening)
            + [Heading(report.text("council.section.shortlist"), level=2)] + [Paragraph(line) for line in report.shortlist])


def _final(report: CouncilReport) -> list[Block]:
    return _round(report, report.final)


def _round(report: CouncilReport, section: RoundSection) -> list[Block]:
    blocks: list[Block] = [Heading(report.text(f"council.section.{section.kind.value}"))]
    if section.empty:
        return blocks + [Paragraph(report.text("council.table.empty"))]
    method = t_plain(f"ranking.method.{section.method}", report.locale)
    blocks += [Paragraph(report.text("council.table.method", method=method)), round_table(report, section),
               Heading(report.text("council.section.robustness"), level=2)]
    return blocks + [Paragraph(line) for line in section.robustness]


def round_table(report: CouncilReport, section: RoundSection) -> Table:
    """Rank, candidate, score, mean, median, spread and jurors; a candidate nobody scored has dashes."""
    headers = tuple(report.text(f"council.table.{key}") for key in ("rank", "candidate", "score", "mean", "median", "spread",
                                                            "jurors"))
    number = lambda value: DASH if pd.isna(value) else report.number(float(value))  # noqa: E731
    rows = tuple((DASH if pd.isna(row.rank) else str(int(row.rank)), row.candidate, number(row.score),
                  number(row.mean), number(row.median), number(row.std), str(int(row.n_jurors)))
                 for row in section.table.itertuples())
    return Table(headers, rows, (13, 43, 18, 26, 18, 24, 28))


def _conflicts(report: CouncilReport) -> list[Block]:
    """Juror, candidate and type; the reason too when the year prints it."""
    blocks: list[Block] = [Heading(report.text("council.section.conflicts"))]
    if report.conflicts.empty:
        return blocks + [Paragraph(report.text("council.none"))]
    withdrawn = report.text("council.conflict.withdrawn")
    keys = ("juror", "candidate", "type", "reason") if report.conflict_reasons else ("juror", "candidate", "type")
    rows = tuple((row.juror, row.candidate, row.type if row.active else f"{row.type} ({withdrawn})")
                 + ((_conflict_reason(report, row),) if report.conflict_reasons else ())
                 for row in report.conflicts.itertuples())
    widths = (2, 2, 1.5, 4) if report.conflict_reasons else (2, 2, 1.5)
    return blocks + [Table(tuple(report.text(f"council.conflict.{key}") for key in keys), rows, widths)]


def _conflict_reason(report: CouncilReport, row) -> str:
    """The juror's reason, then why the conflict was withdrawn, if it was and a reason was given."""
    reason = row.reason or DASH
    if row.withdrawal_reason:
        return f"{reason} ({report.text('council.conflict.withdrawal_reason', reason=row.withdrawal_reason)})"
    return reason


def _charts(report: CouncilReport) -> list[Block]:
    blocks: list[Block] = [Heading(report.text("council.section.charts"))]
    scale = (min((c.scale_min for c in report.criteria), default=1), max((c.scale_max for c in report.criteria),
                                                                          default=5))
    for section in (report.screening, report.final):
        if not section.empty:
            title = report.text("council.chart.spread_title", round=report.text(f"council.section.{section.kind.value}"))
            blocks.append(Image(spread_png(section.table, section.totals, title=title,
                                           axis=report.text("council.chart.spread_axis"), scale=scale,
                                           locale=report.locale)))
    means = report.final.means if not report.final.means.empty else report.screening.means
    titles = [line.title for line in report.criteria]
    for line in report.finalists:
        if line.candidate in means.index:
            blocks.append(Image(profile_png(means.loc[line.candidate], criteria=titles, scale=scale,
                                            title=report.text("council.chart.profile_title", candidate=line.candidate),
                                            locale=report.locale),
                                width=0.85))
    return blocks if len(blocks) > 1 else []


def _appendix(report: CouncilReport) -> list[Block]:
    blocks: list[Block] = [PageBreak(), Heading(report.text("council.section.appendix"))]
    titles = [line.title for line in report.criteria]
    blocks += [Paragraph(f"{number}. {title}", size=8) for number, title in enumerate(titles, 1)]
    for section in (report.screening, report.final):
        if section.means.empty:
            continue
        rows = tuple((candidate, *(DASH if pd.isna(section.means.at[candidate, title])
                                   else report.number(float(section.means.at[candidate, title])) for title in titles))
                     for candidate in section.means.index)
        blocks += [Heading(report.text(f"council.section.{section.kind.value}"), level=2),
                   Table((report.text("council.table.candidate"), *(str(n) for n in range(1, len(titles) + 1))), rows,
                         (4, *(1,) * len(titles)))]
    return blocks
