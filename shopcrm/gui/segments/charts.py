"""The Tiers & segments charts, each drawn from an Overview with a Drill key on every bar and cell.

Imported only once matplotlib is loaded (it imports charts.draw).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QObject

from shopcrm.gui.charts import colors, draw
from shopcrm.gui.charts.canvas import ChartCanvas
from shopcrm.gui.formatting import money
from shopcrm.labels import SOURCE_LABELS, class_label, classification_title, label
from shopcrm.services.classification.segments import Bin, Cell, ClassCount, Movement, Overview


@dataclass(frozen=True)
class Drill:
    """What a click opens: the cell's members, under this title."""

    cell: Cell
    title: str


def share(part: int, whole: int) -> str:
    return f"{part / whole:.0%}" if whole else "0%"


class SegmentCharts(QObject):
    """Draws one chart per method; the text is translated in context 'SegmentCharts'."""

    def __init__(self, currency: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.currency = currency

    # ---- labels -----------------------------------------------------------------------------------
    def class_name(self, classification: str, code: str) -> str:
        if code == "":
            return self.tr("Not recorded") if classification == "source" else self.tr("None")
        if classification == "source":
            return label(SOURCE_LABELS, code)
        if classification == "age_band":
            return self.tr("Age unknown") if code == "unknown" else class_label(classification, code)
        if classification == "favourite_category":
            return code
        return class_label(classification, code)

    def members_text(self, n: int, total: int) -> str:
        return self.tr("{n} ({share})").format(n=f"{n:,}", share=share(n, total))

    def click_hint(self) -> str:
        return self.tr("Click to list these members.")

    def _cell(self, overview: Overview, classification: str, code: str) -> Cell:
        return Cell(overview.snapshot.id, classification=classification, code=code)

    # ---- tiers ------------------------------------------------------------------------------------
    def pyramid(self, chart: ChartCanvas, overview: Overview) -> None:
        counts = [c for c in overview.counts["pyramid"] if c.code]
        title = self.tr("Customer pyramid (by spend in the window)")
        if not any(c.members for c in counts):
            draw.message(chart, title, self.tr("Nobody is classified yet."))
            return
        bands = []
        for c in counts:
            name = self.class_name("pyramid", c.code)
            detail = self.tr("{members} members ({share}) · {spend} of spend").format(
                members=f"{c.members:,}", share=share(c.members, overview.members),
                spend=share(c.spend_cents, overview.spend_cents))
            tooltip = self.tr("{name}: {members} members, {amount} spent in the window.").format(
                name=name, members=f"{c.members:,}", amount=money(c.spend_cents, self.currency))
            bands.append(draw.Band(name, c.members, Drill(self._cell(overview, "pyramid", c.code),
                                                          self.tr("Customer pyramid: {name}").format(name=name)),
                                   colors.class_color("pyramid", c.code), detail,
                                   tooltip + "\n" + self.click_hint()))
        draw.pyramid(chart, title, bands)

    def abcd(self, chart: ChartCanvas, overview: Overview) -> None:
        counts = [c for c in overview.counts["abcd"] if c.code]
        title = self.tr("Value classes A-D: share of members and of spend")
        if not any(c.members for c in counts):
            draw.message(chart, title, self.tr("Nobody is classified yet."))
            return
        member_shares = [c.members / overview.members if overview.members else 0 for c in counts]
        spend_shares = [c.spend_cents / overview.spend_cents if overview.spend_cents else 0 for c in counts]
        keys = [Drill(self._cell(overview, "abcd", c.code),
                      self.tr("Value class {name}").format(name=self.class_name("abcd", c.code))) for c in counts]
        tooltips = [
            self.tr("{name}: {members} members ({share} of members), {spend_share} of spend ({amount}).").format(
                name=self.class_name("abcd", c.code), members=f"{c.members:,}", share=f"{m:.0%}",
                spend_share=f"{s:.0%}", amount=money(c.spend_cents, self.currency)) + "\n" + self.click_hint()
            for c, m, s in zip(counts, member_shares, spend_shares, strict=True)
        ]
        draw.bars(
            chart, title, [c.code for c in counts],
            [draw.Series(self.tr("Members"), member_shares, [f"{v:.0%}" for v in member_shares], colors.ACCENT_LIGHT),
             draw.Series(self.tr("Spend"), spend_shares, [f"{v:.0%}" for v in spend_shares], colors.ACCENT)],
            keys, tooltips=tooltips, percent_axis=True,
        )

    # ---- RFM ----------------------------------------------------------------------------------------
    def rfm_grid(self, chart: ChartCanvas, overview: Overview) -> None:
        title = self.tr("RFM: recency R x frequency F (members)")
        if not any(any(row) for row in overview.rfm):
            draw.message(chart, title, self.tr("No member bought in the window."))
            return
        r_scores = [5, 4, 3, 2, 1]  # most recent on top
        matrix = [[overview.rfm[r - 1][f - 1] for f in range(1, 6)] for r in r_scores]
        keys = [[Drill(Cell(overview.snapshot.id, r_score=r, f_score=f),
                       self.tr("RFM cell R {r} · F {f}").format(r=r, f=f)) for f in range(1, 6)] for r in r_scores]
        tips = [[self.tr("R {r}, F {f}: {n} members.").format(r=r, f=f, n=f"{matrix[i][f - 1]:,}") + "\n"
                 + self.click_hint() for f in range(1, 6)] for i, r in enumerate(r_scores)]
        draw.heatmap(chart, title, matrix, [f"R{r}" for r in r_scores], [f"F{f}" for f in range(1, 6)], keys,
                     tooltips=tips, xlabel=self.tr("Frequency score (5 = most visits)"),
                     ylabel=self.tr("Recency score (5 = most recent)"))

    def segments(self, chart: ChartCanvas, overview: Overview) -> None:
        self._class_bars(chart, overview, "segment", self.tr("RFM segments"), horizontal=True)

    # ---- lifecycle ----------------------------------------------------------------------------------
    def lifecycle(self, chart: ChartCanvas, overview: Overview) -> None:
        counts = [c for c in overview.counts["lifecycle"] if c.code]
        title = self.tr("Lifecycle")
        if not any(c.members for c in counts):
            draw.message(chart, title, self.tr("Nobody is classified yet."))
            return
        bands = []
        for c in counts:
            name = self.class_name("lifecycle", c.code)
            bands.append(draw.Band(
                name, c.members, Drill(self._cell(overview, "lifecycle", c.code),
                                       self.tr("Lifecycle: {name}").format(name=name)),
                colors.class_color("lifecycle", c.code), self.members_text(c.members, overview.members),
                self.tr("{name}: {members} members.").format(name=name, members=f"{c.members:,}") + "\n"
                + self.click_hint()))
        draw.funnel(chart, title, bands)

    def churn(self, chart: ChartCanvas, overview: Overview) -> None:
        self._class_bars(chart, overview, "churn_level", self.tr("Churn warning"))

    # ---- frequency and spend ------------------------------------------------------------------------
    def _bin_label(self, b: Bin, unit: int = 1) -> str:
        low = b.low // unit
        if b.high is None:
            return f"{low:,}+"
        high = b.high // unit - 1
        return f"{low:,}" if high <= low else f"{low:,}-{high:,}"

    def _histogram(self, chart: ChartCanvas, overview: Overview, bins: Sequence[Bin], title: str, axis: str,
                   kind: str) -> None:
        if not overview.members:
            draw.message(chart, title, self.tr("Nobody is classified yet."))
            return
        unit = 100 if kind == "spend" else 1
        labels = [self._bin_label(b, unit) for b in bins]
        keys, tips = [], []
        for b, text in zip(bins, labels, strict=True):
            bounds = (b.low, b.high)
            cell = (Cell(overview.snapshot.id, visits=bounds) if kind == "visits"
                    else Cell(overview.snapshot.id, spend_cents=bounds))
            heading = (self.tr("Members with {range} visits in the window") if kind == "visits"
                       else self.tr("Members who spent {range} in the window")).format(range=text)
            keys.append(Drill(cell, heading))
            tips.append(heading + ": " + self.members_text(b.members, overview.members) + "\n" + self.click_hint())
        draw.bars(chart, title, labels,
                  [draw.Series(self.tr("Members"), [b.members for b in bins], [f"{b.members:,}" for b in bins],
                               colors.ACCENT)],
                  keys, tooltips=tips, value_axis=axis)
        ax = chart.figure.axes[0]
        ax.set_ylabel(self.tr("Members"), fontsize=draw.LABEL_SIZE)
        ax.set_xlabel(axis, fontsize=draw.LABEL_SIZE)

    def visits_distribution(self, chart: ChartCanvas, overview: Overview) -> None:
        self._histogram(chart, overview, overview.visits, self.tr("Visit frequency: visits in the window"),
                        self.tr("Visits in the last {days} days").format(days=overview.snapshot.window_days),
                        "visits")

    def spend_distribution(self, chart: ChartCanvas, overview: Overview) -> None:
        self._histogram(chart, overview, overview.spend, self.tr("Spend in the window"),
                        self.tr("Spend in the last {days} days ({currency})").format(
                            days=overview.snapshot.window_days, currency=self.currency), "spend")

    def frequency_classes(self, chart: ChartCanvas, overview: Overview) -> None:
        self._class_bars(chart, overview, "frequency", self.tr("Visit frequency classes"))

    def spend_classes(self, chart: ChartCanvas, overview: Overview) -> None:
        self._class_bars(chart, overview, "spend_class", self.tr("Spend classes"))

    # ---- preferences and sources --------------------------------------------------------------------
    def preference(self, chart: ChartCanvas, overview: Overview) -> None:
        self._class_bars(chart, overview, "preference", self.tr("Product preference"))

    def favourite_category(self, chart: ChartCanvas, overview: Overview) -> None:
        self._class_bars(chart, overview, "favourite_category", self.tr("Favourite category"), horizontal=True,
                         limit=10)

    def source(self, chart: ChartCanvas, overview: Overview) -> None:
        self._class_bars(chart, overview, "source", self.tr("Where members came from"), horizontal=True)

    def age_band(self, chart: ChartCanvas, overview: Overview) -> None:
        self._class_bars(chart, overview, "age_band", self.tr("Age bands"))

    def _class_bars(self, chart: ChartCanvas, overview: Overview, classification: str, title: str, *,
                    horizontal: bool = False, limit: int | None = None) -> None:
        counts: list[ClassCount] = [c for c in overview.counts.get(classification, []) if c.members or c.code]
        if classification not in ("favourite_category", "source"):
            counts = [c for c in counts if c.code]
        if classification == "age_band":  # "unknown" only when some ages are unknown
            counts = [c for c in counts if c.code != "unknown" or c.members]
        if limit is not None:
            counts = [c for c in counts if c.members][:limit]
        if not any(c.members for c in counts):
            draw.message(chart, title, self.tr("Nobody is classified yet."))
            return
        names = [self.class_name(classification, c.code) for c in counts]
        what = classification_title(classification)
        keys = [Drill(self._cell(overview, classification, c.code),
                      self.tr("{what}: {name}").format(what=what, name=name)) for c, name in zip(counts, names, strict=True)]
        tips = [self.tr("{name}: {members} members, {amount} spent in the window.").format(
            name=name, members=f"{c.members:,}", amount=money(c.spend_cents, self.currency)) + "\n" + self.click_hint()
            for c, name in zip(counts, names, strict=True)]
        bar_colors = [colors.class_color(classification, c.code, colors.ACCENT) for c in counts]
        draw.bars(chart, title, names,
                  [draw.Series(self.tr("Members"), [c.members for c in counts],
                               [self.members_text(c.members, overview.members) for c in counts], bar_colors)],
                  keys, tooltips=tips, horizontal=horizontal, value_axis=self.tr("Members"))

    # ---- movements ----------------------------------------------------------------------------------
    def movement(self, chart: ChartCanvas, move: Movement) -> None:
        what = classification_title(move.classification)
        title = self.tr("{what}: {earlier} → {later}").format(
            what=what, earlier=move.earlier.as_of.isoformat(), later=move.later.as_of.isoformat())
        if not move.to_codes or not any(any(row) for row in move.counts):
            draw.message(chart, title, self.tr("Nobody is in the later classification."))
            return
        rows = [self.tr("Not classified then") if code is None else self.class_name(move.classification, code)
                for code in move.from_codes]
        cols = [self.class_name(move.classification, code) for code in move.to_codes]
        keys, tips = [], []
        for i, code_from in enumerate(move.from_codes):
            key_row, tip_row = [], []
            for j, code_to in enumerate(move.to_codes):
                heading = self.tr("{what}: {before} → {after}").format(what=what, before=rows[i], after=cols[j])
                key_row.append(Drill(Cell(move.later.id, classification=move.classification, code=code_to,
                                          earlier_snapshot_id=move.earlier.id, earlier_code=code_from), heading))
                tip_row.append(self.tr("{heading}: {n} members.").format(heading=heading, n=f"{move.counts[i][j]:,}")
                               + "\n" + self.click_hint())
            keys.append(key_row)
            tips.append(tip_row)
        draw.heatmap(chart, title, move.counts, rows, cols, keys, tooltips=tips,
                     xlabel=self.tr("Classified as of {date}").format(date=move.later.as_of.isoformat()),
                     ylabel=self.tr("As of {date}").format(date=move.earlier.as_of.isoformat()), cmap="Blues",
                     soften=True)
