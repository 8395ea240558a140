"""Server-rendered charts: the geometry is computed here, the template draws it as inline SVG (no chart library)."""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

WIDTH, HEIGHT = 640, 220
LEFT, RIGHT, TOP, BOTTOM = 36, 16, 12, 28
MAX_SCORE = 5


@dataclass
class Day:
    day: date
    mean: Decimal
    answers: int


@dataclass
class Point:
    x: float
    y: float
    day: date
    mean: Decimal
    answers: int

    @property
    def title(self) -> str:
        """The point's tooltip, formatted here once rather than by three template filters per point."""
        mean = self.mean.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        plural = "s" if self.answers != 1 else ""
        return f"{self.day.day} {self.day:%b %Y}: mean {mean} over {self.answers} answer{plural}"


@dataclass
class ScoreChart:
    width: int
    height: int
    points: list[Point]
    polyline: str
    y_ticks: list[tuple[float, int]]  # (y, score)
    x_labels: list[tuple[float, date, str]]  # (x, day, text-anchor): the first starts at its point, the last ends
    plot_left: int
    plot_right: int

    @property
    def description(self) -> str:
        first, last = self.points[0], self.points[-1]
        return (f"Mean score per day from {first.day:%-d %b %Y} ({first.mean:.1f}) to {last.day:%-d %b %Y} "
                f"({last.mean:.1f}), {len(self.points)} day{'s' if len(self.points) != 1 else ''} with graded answers.")


def score_chart(days: list[Day]) -> ScoreChart | None:
    """Mean score per day, x spaced by date (a gap in practice shows as a gap), y from 0 to 5."""
    if not days:
        return None
    plot_width, plot_height = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    first, last = days[0].day, days[-1].day
    span = (last - first).days

    def x_of(day: date) -> float:
        return round(LEFT + ((day - first).days / span * plot_width if span else plot_width / 2), 1)

    def y_of(score: float) -> float:
        return round(TOP + (1 - score / MAX_SCORE) * plot_height, 1)

    points = [Point(x_of(d.day), y_of(float(d.mean)), d.day, d.mean, d.answers) for d in days]
    x_labels = [(x_of(first), first, "start" if span else "middle")] + ([(x_of(last), last, "end")] if span else [])
    return ScoreChart(
        width=WIDTH,
        height=HEIGHT,
        points=points,
        polyline=" ".join(f"{p.x},{p.y}" for p in points),
        y_ticks=[(y_of(score), score) for score in range(MAX_SCORE + 1)],
        x_labels=x_labels,
        plot_left=LEFT,
        plot_right=WIDTH - RIGHT,
    )
