"""The pull request's report as one self-contained Vietnamese HTML page (the artifact a clerk
downloads), laid out like MobilityData's gtfs-validator report: the verdict, the rows to fix, the
findings grouped by severity then rule with capped sample rows, the changes against the published
list with old → new values, and a small map of the added, moved and removed points.

Nothing is fetched: styles are inline and the map is an SVG plot of longitude/latitude.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from generator.findings import Severity
from generator.merge.diff import FIELD_LABELS
from generator.model import Point
from generator.render.format import month_label
from generator.render.templating import render
from generator.review.check import MonthResult, Review
from generator.review.digest import digest
from generator.validate import report

SAMPLE_ROWS = 50  # per rule, as gtfs-validator caps its samples
ROWS_TO_FIX = 300
MAP_WIDTH, MAP_HEIGHT, MAP_PAD = 560, 420, 16


@dataclass(frozen=True)
class Marker:
    kind: str  # "added", "moved", "removed", "kept"
    x: float
    y: float
    label: str
    x0: float | None = None  # a moved point's old position
    y0: float | None = None


def render_html(result: Review) -> str:
    found = digest(result)
    groups = [
        {
            "severity": severity,
            "rules": [
                {"code": code, "rule": items[0].rule, "count": len(items), "sample": items[:SAMPLE_ROWS]}
                for code, items in codes.items()
            ],
        }
        for severity, codes in report.group(result.findings).items()
    ]
    return render(
        "review/bao-cao.html.j2",
        title=_title(result),
        verdict=_strong(found.verdict),
        ok=found.ok,
        counts={s: result.count(s) for s in Severity},
        file_issues=found.file_issues,
        rows=found.row_issues[:ROWS_TO_FIX],
        more_rows=max(0, len(found.row_issues) - ROWS_TO_FIX),
        groups=groups,
        months=[_month(m) for m in result.months],
        files=result.files,
        sample_rows=SAMPLE_ROWS,
        severity_of=Severity,
    )


def _title(result: Review) -> str:
    return "Báo cáo kiểm tra danh sách điểm thu" + (
        f": {', '.join(result.province_slugs)}" if result.province_slugs else ""
    )


def _strong(text: str) -> Markup:
    """The verdict's **bold** as <strong>, everything else escaped."""
    parts = str(escape(text)).split("**")
    return Markup("".join(f"<strong>{p}</strong>" if i % 2 else p for i, p in enumerate(parts)))


def _month(item: MonthResult) -> dict:
    diff = item.diff or item.refused_diff
    changed = []
    if diff is not None:
        for change in diff.changed:
            for name in change.fields:
                old, new = _value(change.before, name), _value(change.after, name)
                changed.append(
                    {"code": change.after.code, "field": FIELD_LABELS.get(name, name), "old": old, "new": new}
                )
    return {
        "slug": item.province_slug,
        "label": month_label(item.month),
        "published": item.published,
        "kept": month_label(item.current_month) if item.current_month else None,
        "diff": diff,
        "changed": changed,
        "map": Markup(_svg_map(diff)) if diff is not None else None,
    }


def _value(point: Point, name: str) -> str:
    if name == "commune_code":
        return point.commune_name
    value = getattr(point, name)
    return "" if value is None else str(value)


def _moved(fields: tuple[str, ...]) -> bool:
    return bool({"commune_code", "lat", "lon"} & set(fields))


def _svg_map(diff) -> str:
    """Added (green), moved (orange, a line from the old place), removed (red) points on a plain
    longitude/latitude plot; points without coordinates are left out and counted."""
    located = [
        (kind, p, before)
        for kind, p, before in (
            *(("added", p, None) for p in diff.added),
            *(("removed", p, None) for p in diff.removed),
            *(
                ("moved", c.after, c.before)
                for c in diff.changed
                if c.moved or {"lat", "lon"} & set(c.fields)
            ),
        )
        if p.lat is not None and p.lon is not None
    ]
    if not located:
        return ""
    coords = [(p.lon, p.lat) for _, p, _ in located] + [
        (b.lon, b.lat) for _, _, b in located if b is not None and b.lat is not None and b.lon is not None
    ]
    west, east = min(c[0] for c in coords), max(c[0] for c in coords)
    south, north = min(c[1] for c in coords), max(c[1] for c in coords)
    span = max(east - west, north - south, 0.01)

    def xy(lon: float, lat: float) -> tuple[float, float]:
        scale = (min(MAP_WIDTH, MAP_HEIGHT) - 2 * MAP_PAD) / span
        return round(MAP_PAD + (lon - west) * scale, 1), round(MAP_PAD + (north - lat) * scale, 1)

    shapes = []
    colours = {"added": "#1a7f37", "removed": "#cf222e", "moved": "#bc4c00"}
    for kind, point, before in located:
        x, y = xy(point.lon, point.lat)
        title = f"<title>{escape(point.code)} {escape(point.name)}</title>"
        if before is not None and before.lat is not None and before.lon is not None:
            x0, y0 = xy(before.lon, before.lat)
            shapes.append(
                f'<line x1="{x0}" y1="{y0}" x2="{x}" y2="{y}" stroke="{colours[kind]}" '
                'stroke-dasharray="4 3"/>'
            )
        shapes.append(f'<circle cx="{x}" cy="{y}" r="5" fill="{colours[kind]}">{title}</circle>')
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {MAP_WIDTH} {MAP_HEIGHT}" '
        f'width="{MAP_WIDTH}" role="img" aria-label="Bản đồ các điểm thêm, chuyển và bỏ">'
        f'<rect width="100%" height="100%" fill="#f6f8fa"/>{"".join(shapes)}</svg>'
    )
