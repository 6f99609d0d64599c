"""One application's totals as a strip plot: a point per valid total, the trimmed ones marked, the final as a line.

Display only: no mouse panning, no menu, no keyboard focus; what it shows is also in the accessible
description, for screen readers and for anyone who cannot tell the markers apart.
"""

from __future__ import annotations

from decimal import Decimal

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from tic_desktop.aggregation import money2

COUNTED_COLOUR, DROPPED_COLOUR, FINAL_COLOUR, INK = "#0b5394", "#8a4b00", "#b02a37", "#202020"


class ScoreChart(pg.PlotWidget):
    """Experts down the side (lowest total at the bottom), total score across, 0 to the rubric's full marks."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent, background="w")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAccessibleName(self.tr("Score distribution"))
        plot = self.getPlotItem()
        plot.setMouseEnabled(x=False, y=False)
        plot.setMenuEnabled(False)
        plot.hideButtons()
        plot.showGrid(x=True, y=False, alpha=0.25)
        font = QFont(QApplication.font())
        for name in ("left", "bottom"):
            axis = plot.getAxis(name)
            axis.setPen(pg.mkPen(INK))
            axis.setTextPen(pg.mkPen(INK))
            axis.setTickFont(font)
        plot.getAxis("bottom").setTickSpacing(major=10, minor=5)
        plot.setLabel("bottom", self.tr("Total score"), color=INK)
        self.counted = pg.ScatterPlotItem(symbol="o", size=12, pen=pg.mkPen(COUNTED_COLOUR), brush=pg.mkBrush(COUNTED_COLOUR))
        self.dropped = pg.ScatterPlotItem(symbol="x", size=16, pen=pg.mkPen(DROPPED_COLOUR), brush=pg.mkBrush(DROPPED_COLOUR))
        self.final_line = pg.InfiniteLine(angle=90, pen=pg.mkPen(FINAL_COLOUR, width=2, style=Qt.PenStyle.DashLine))
        self.empty_text = pg.TextItem(self.tr("No valid totals yet"), color=INK, anchor=(0.5, 0.5))
        self.empty_text.setFont(font)
        for item in (self.final_line, self.counted, self.dropped, self.empty_text):
            plot.addItem(item)
        self.legend = pg.LegendItem(colCount=3, labelTextColor=INK, brush=pg.mkBrush(255, 255, 255, 235), labelTextSize=f"{font.pointSize()}pt")
        self.legend.setParentItem(plot.getViewBox())
        self.legend.anchor((0, 0), (0, 0), offset=(4, 2))
        self.legend.addItem(self.counted, self.tr("Counted"))
        self.legend.addItem(self.dropped, self.tr("Dropped by the trimmed mean"))
        # A line item of the same pen stands for the final in the legend: pyqtgraph's legend sample
        # cannot draw an InfiniteLine (it crashes the paint under PySide6 6.12).
        final_sample = pg.PlotDataItem(pen=self.final_line.pen)
        self.legend.addItem(final_sample, self.tr("Final score"))
        self.final_label = self.legend.getLabel(final_sample)  # the legend entry carries the figure
        self.setMinimumHeight(160)
        self.show_totals({}, (), None, Decimal(100))

    def show_totals(self, totals: dict[str, Decimal], dropped: tuple[str, ...], final: Decimal | None,
                    full_marks: Decimal) -> None:
        """Plot ``totals`` (expert → total); ``dropped`` are the experts the trimmed mean left out."""
        plot = self.getPlotItem()
        ordered = sorted(totals, key=lambda expert: (totals[expert], expert))
        rows = {expert: row for row, expert in enumerate(ordered)}
        for scatter, keep in ((self.counted, lambda e: e not in dropped), (self.dropped, lambda e: e in dropped)):
            experts = [e for e in ordered if keep(e)]
            scatter.setData(x=[float(totals[e]) for e in experts], y=[rows[e] for e in experts], data=experts)
        plot.getAxis("left").setTicks([[(row, expert) for expert, row in rows.items()]])
        top = len(ordered) + 0.9  # room above the highest total for the legend
        plot.setXRange(-0.02 * float(full_marks), 1.04 * float(full_marks), padding=0)
        plot.setYRange(-0.6, top, padding=0)
        self.final_line.setVisible(final is not None)
        self.empty_text.setVisible(not totals)
        self.legend.setVisible(bool(totals))
        self.empty_text.setPos(float(full_marks) / 2, (top - 0.6) / 2)
        if final is not None:
            self.final_line.setValue(float(final))
        self.final_label.setText(self.tr("Final %1").replace("%1", money2(final)) if final is not None
                                 else self.tr("Final score"))
        self.setAccessibleDescription(self.describe(totals, dropped, final))

    def plotted(self) -> list[tuple[str, float, bool]]:
        """(expert, total, dropped) for every point drawn, read back from the plot items."""
        points = []
        for scatter, dropped in ((self.counted, False), (self.dropped, True)):
            points += [(p.data(), p.pos().x(), dropped) for p in scatter.points()]
        return points

    def describe(self, totals: dict[str, Decimal], dropped: tuple[str, ...], final: Decimal | None) -> str:
        if not totals:
            return self.tr("No valid totals yet")
        listed = "; ".join(f"{e} {money2(totals[e])}" + (self.tr(" (dropped)") if e in dropped else "")
                           for e in sorted(totals, key=lambda e: (-totals[e], e)))
        text = self.tr("%1 valid totals: %2.").replace("%1", str(len(totals))).replace("%2", listed)
        if final is not None:
            text += " " + self.tr("Final %1").replace("%1", money2(final))
        return text
