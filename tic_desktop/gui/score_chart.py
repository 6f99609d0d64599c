"""One application's totals as a strip plot: a point per valid total, the trimmed ones marked, the
final as a line.

Drawn with QPainter: a panel has at most a few dozen totals, and a plotting library would bring
numpy (about 70 MB in the installed app) for this one small picture. Display only: no mouse, no
keyboard focus; what it shows is also in the accessible description, for screen readers and for
anyone who cannot tell the markers apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QWidget

from tic_desktop.aggregation import money2

COUNTED_COLOUR, DROPPED_COLOUR, FINAL_COLOUR, INK, GRID = (
    "#0b5394",
    "#8a4b00",
    "#b02a37",
    "#202020",
    "#d9d9d9",
)
MARKER = 6.0  # radius in pixels


@dataclass(frozen=True)
class _Point:
    expert: str
    total: Decimal
    dropped: bool
    at: QPointF


class ScoreChart(QWidget):
    """Experts down the side (lowest total at the bottom), total score across, 0 to the rubric's
    full marks."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAccessibleName(self.tr("Score distribution"))
        self.setMinimumHeight(160)
        self._totals: dict[str, Decimal] = {}
        self._dropped: tuple[str, ...] = ()
        self._final: Decimal | None = None
        self._full = Decimal(100)
        self.show_totals({}, (), None, Decimal(100))

    def sizeHint(self) -> QSize:
        return QSize(420, 240)

    def show_totals(
        self,
        totals: dict[str, Decimal],
        dropped: tuple[str, ...],
        final: Decimal | None,
        full_marks: Decimal,
    ) -> None:
        """Plot ``totals`` (expert → total); ``dropped`` are the experts the trimmed mean left
        out."""
        self._totals, self._dropped, self._final, self._full = (
            dict(totals),
            tuple(dropped),
            final,
            full_marks,
        )
        self.setAccessibleDescription(self.describe(totals, dropped, final))
        self.update()

    def plotted(self) -> list[tuple[str, float, bool]]:
        """(expert, total, dropped) for every point the next paint draws."""
        return [(p.expert, float(p.total), p.dropped) for p in self._layout(self._plot_area())]

    def describe(
        self, totals: dict[str, Decimal], dropped: tuple[str, ...], final: Decimal | None
    ) -> str:
        if not totals:
            return self.tr("No valid totals yet")
        listed = "; ".join(
            f"{e} {money2(totals[e])}" + (self.tr(" (dropped)") if e in dropped else "")
            for e in sorted(totals, key=lambda e: (-totals[e], e))
        )
        text = self.tr("%1 valid totals: %2.").replace("%1", str(len(totals))).replace("%2", listed)
        if final is not None:
            text += " " + self.tr("Final %1").replace("%1", money2(final))
        return text

    # --- geometry -------------------------------------------------------------------------------
    def _plot_area(self) -> QRectF:
        metrics = QFontMetricsF(self.font())
        left = max((metrics.horizontalAdvance(e) for e in self._totals), default=0) + 12
        legend, axis = metrics.height() + 10, 2 * metrics.height() + 10
        return QRectF(
            left,
            legend,
            max(10.0, self.width() - left - 16),
            max(10.0, self.height() - legend - axis),
        )

    def _x(self, area: QRectF, value: Decimal) -> float:
        share = float(value / self._full) if self._full else 0.0
        return area.left() + area.width() * min(max(share, 0.0), 1.0)

    def _layout(self, area: QRectF) -> list[_Point]:
        ordered = sorted(self._totals, key=lambda expert: (self._totals[expert], expert))
        step = area.height() / max(len(ordered), 1)
        return [
            _Point(
                e,
                self._totals[e],
                e in self._dropped,
                QPointF(self._x(area, self._totals[e]), area.bottom() - step * (row + 0.5)),
            )
            for row, e in enumerate(ordered)
        ]

    # --- drawing --------------------------------------------------------------------------------
    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("white"))
        area = self._plot_area()
        metrics = QFontMetricsF(self.font())
        self._draw_axis(painter, area, metrics)
        if not self._totals:
            painter.setPen(QColor(INK))
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter, self.tr("No valid totals yet"))
            painter.end()
            return
        if self._final is not None:
            x = self._x(area, self._final)
            painter.setPen(QPen(QColor(FINAL_COLOUR), 2, Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(x, area.top()), QPointF(x, area.bottom()))
        for point in self._layout(area):
            painter.setPen(QColor(INK))
            label = QRectF(
                0, point.at.y() - metrics.height() / 2, area.left() - 8, metrics.height()
            )
            painter.drawText(
                label, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, point.expert
            )
            self._marker(painter, point.at, point.dropped)
        self._draw_legend(painter, metrics)
        painter.end()

    def _draw_axis(self, painter: QPainter, area: QRectF, metrics: QFontMetricsF) -> None:
        tick = Decimal(10) if self._full > 20 else Decimal(1)
        value = Decimal(0)
        while value <= self._full:
            x = self._x(area, value)
            painter.setPen(QPen(QColor(GRID), 1))
            painter.drawLine(QPointF(x, area.top()), QPointF(x, area.bottom()))
            painter.setPen(QColor(INK))
            text = f"{value.normalize():f}"
            painter.drawText(
                QRectF(x - 30, area.bottom() + 4, 60, metrics.height()),
                Qt.AlignmentFlag.AlignHCenter,
                text,
            )
            value += tick
        painter.setPen(QPen(QColor(INK), 1))
        painter.drawLine(area.bottomLeft(), area.bottomRight())
        painter.drawText(
            QRectF(
                area.left(), area.bottom() + metrics.height() + 6, area.width(), metrics.height()
            ),
            Qt.AlignmentFlag.AlignHCenter,
            self.tr("Total score"),
        )

    def _marker(self, painter: QPainter, at: QPointF, dropped: bool) -> None:
        if dropped:
            painter.setPen(QPen(QColor(DROPPED_COLOUR), 3))
            painter.drawLine(at + QPointF(-MARKER, -MARKER), at + QPointF(MARKER, MARKER))
            painter.drawLine(at + QPointF(-MARKER, MARKER), at + QPointF(MARKER, -MARKER))
        else:
            path = QPainterPath()
            path.addEllipse(at, MARKER, MARKER)
            painter.fillPath(path, QColor(COUNTED_COLOUR))

    def _draw_legend(self, painter: QPainter, metrics: QFontMetricsF) -> None:
        final = (
            self.tr("Final %1").replace("%1", money2(self._final))
            if self._final is not None
            else ""
        )
        entries = [
            (self.tr("Counted"), "counted"),
            (self.tr("Dropped by the trimmed mean"), "dropped"),
        ]
        if final:
            entries.append((final, "final"))
        x, y = 8.0, 4 + metrics.height() / 2
        for text, kind in entries:
            centre = QPointF(x + MARKER, y)
            if kind == "final":
                painter.setPen(QPen(QColor(FINAL_COLOUR), 2, Qt.PenStyle.DashLine))
                painter.drawLine(centre + QPointF(-MARKER, 0), centre + QPointF(MARKER + 4, 0))
            else:
                self._marker(painter, centre, kind == "dropped")
            painter.setPen(QColor(INK))
            width = metrics.horizontalAdvance(text)
            painter.drawText(
                QRectF(x + 2 * MARKER + 8, 4, width + 2, metrics.height()),
                Qt.AlignmentFlag.AlignVCenter,
                text,
            )
            x += 2 * MARKER + 8 + width + 18
