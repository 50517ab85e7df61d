"""Geometry of the server-rendered SVG charts (the template draws them): bars, scales and labels, computed once.

The charts are readable without colour: the two series differ by pattern (solid, hatched), every bar carries its
value as text, and the same figures are given in a table beside each chart.
"""
from __future__ import annotations

from dataclasses import dataclass

# Drawn for a phone's width (text stays readable at 320 px) and scaled up on wider screens.
WIDTH = 360
PLOT_TOP = 16
PLOT_HEIGHT = 140
LABEL_SPACE = 24


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    value: int
    series: str


def _nice_max(value: int) -> int:
    """The top of the scale: the value rounded up to 1, 2 or 5 times a power of ten (at least 1)."""
    if value <= 0:
        return 1
    power = 1
    while True:
        for step in (1, 2, 5):
            if step * power >= value:
                return step * power
        power *= 10


def weekly_bars(weeks) -> dict:
    """Two bars per week (filed, decided) on one scale, with the week labels under them."""
    top = _nice_max(max([w.filed for w in weeks] + [w.decided for w in weeks] + [0]))
    slot = WIDTH / len(weeks)
    bar = slot * 0.36
    bars, labels = [], []
    for i, week in enumerate(weeks):
        left = i * slot + slot * 0.12
        for j, (series, value) in enumerate((("filed", week.filed), ("decided", week.decided))):
            height = PLOT_HEIGHT * value / top
            bars.append(Bar(round(left + j * bar, 1), round(PLOT_TOP + PLOT_HEIGHT - height, 1), round(bar, 1),
                            round(height, 1), value, series))
        if (len(weeks) - 1 - i) % 2 == 0:  # every other week, ending with the current one: the labels fit
            labels.append((round(i * slot + slot / 2, 1), week.starts_on))
    return {"bars": bars, "labels": labels, "top": top, "width": WIDTH,
            "height": PLOT_TOP + PLOT_HEIGHT + LABEL_SPACE, "baseline": PLOT_TOP + PLOT_HEIGHT}


def horizontal_bars(rows: list[tuple[str, int]]) -> dict:
    """One bar per row (label, value), the label above its bar and the value at its end."""
    top = _nice_max(max([v for _label, v in rows] + [0]))
    row_height, bar_height, room = 40, 16, WIDTH - 60
    bars = [{"label": label, "value": value, "y": i * row_height + 20, "text_y": i * row_height + 14,
             "width": round(room * value / top, 1)} for i, (label, value) in enumerate(rows)]
    return {"bars": bars, "width": WIDTH, "height": len(rows) * row_height + 8, "bar_height": bar_height}
