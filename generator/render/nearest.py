"""The "Tìm điểm thu gần tôi" page and the compact files its script searches in the browser.

Files under gan-toi/ (beside the page gan-toi/index.html, so the script fetches them relatively):
- diem.bin: every published point's position as little-endian uint16 pairs (lat, lon) in units
  of 1/SCALE degree, in the canonical order: cell by cell of a grid of CELL × CELL units (0.2°),
  each position the offset from its cell's south-west corner, which 16 bits hold at this unit
  (half the bytes of int32 at 10⁻⁶°; the finder ranks by these positions, within 0.45 m of the
  published ones). The browser reads a cell's points only when its
  search visits the cell: nothing is decoded or sorted on load (on a page's first search, before
  the JIT warms up, one pass over 30,000 points cost 20 ms of a 20 ms budget). Neighbours share a
  detail chunk, so the five results usually cost one fetch;
- diem.json: the provinces, the scale, the chunk size, and the grid: its origin, its size, how
  many points each cell holds, the largest |latitude| (for the search's distance bound);
- chi-tiet/<n>.json: what a result shows (name, address, phones, card anchor, the exact position
  for the directions links) for points n×CHUNK … (n+1)×CHUNK−1, so the five results cost one or
  two small fetches;
- xa.json: the commune chooser, 2025 communes with their centroid and pre-2025 names pointing
  at the 2025 commune they became.
The province maps embed the same detail rows (`detail_texts`).
"""

from __future__ import annotations

import json
import math
import struct
from dataclasses import dataclass

from generator.merge import Directory
from generator.model import Point
from generator.render.format import CARD_FIELDS, PHONE_FIELDS, card_cells, commune_slug, phone_cells
from generator.render.memo import Memo, no_memo, state_digest
from generator.render.templating import render
from generator.units import Province, admin_units

SCALE = 250_000  # 4·10⁻⁶ degree (under 0.45 m): a 0.2° cell is 50,000 units, within 16 bits
# Farther than this, the finder says the nearest point is far (a sea crossing, another province)
# instead of listing it as if it were near: about an hour by road in the mountains.
FAR_KM = 30
# How many points the finder lists; its page says so from here.
NEAREST_COUNT = 5
# The country mask: cells of LAND_STEP degrees within one cell of a 2025 commune centre. A
# position outside it, with its nearest point beyond FAR_KM, is taken to be outside Việt Nam.
LAND_STEP = 0.25
BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
# The positional rows of the finder's files, declared here once and read by name in the browser.
DETAIL_LAYOUT = (
    "province",
    *CARD_FIELDS,
    "commune",
    *PHONE_FIELDS,
    "hours",
    "approximate",
    "page",  # the folder of the point's commune page under its province: the card's own page
)
# The finder's rows: a popup's, and the exact position (diem.bin's is rounded to 1/SCALE degree).
FINDER_LAYOUT = (*DETAIL_LAYOUT, "lat", "lon")
PROVINCE_LAYOUT = ("slug", "name")
CHOOSER_LAYOUTS = {
    "province": PROVINCE_LAYOUT,
    "commune": ("name", "province", "lat", "lon"),
    "legacy": ("name", "district", "old", "commune"),
}
CELL = SCALE // 5  # 0.2 degrees, in SCALE units: a cell is exact integer arithmetic on both sides
OFFSET_FORMAT = "H"  # an offset within a cell: 0 … CELL − 1 < 2¹⁶
CHUNK = 256
DATA_DIR = "gan-toi"


@dataclass(frozen=True)
class Grid:
    """Cells of CELL × CELL (scaled) from the south-west corner of the points' bounding box."""

    lat0: int
    lon0: int
    rows: int
    cols: int
    max_abs_lat: int  # for the browser's distance bound (cosine of the largest |latitude|)

    @classmethod
    def spanning(cls, lats: list[int], lons: list[int]) -> Grid:
        """The grid of scaled positions (`scaled_positions`)."""
        if not lats:
            return cls(0, 0, 1, 1, 0)
        lat0, lon0 = min(lats), min(lons)
        rows, cols = (max(lats) - lat0) // CELL + 1, (max(lons) - lon0) // CELL + 1
        return cls(lat0, lon0, rows, cols, max(max(lats), -lat0))

    def cell_at(self, lat: int, lon: int) -> int:
        return (lat - self.lat0) // CELL * self.cols + (lon - self.lon0) // CELL


def scaled_positions(points: list[Point]) -> tuple[list[int], list[int]]:
    """The points' latitudes and longitudes in units of 1/SCALE degree, each rounded once for
    the grid, the order, the offsets and the counts."""
    return [scaled(p.lat) for p in points], [scaled(p.lon) for p in points]


@dataclass(frozen=True)
class Placed:
    """The located points in the canonical order, their grid, and their scaled positions."""

    points: list[Point]
    grid: Grid
    lats: list[int]
    lons: list[int]


def grid_ordered_points(directory: Directory) -> tuple[list[Point], Grid]:
    """The canonical order every file shares: grid cell, then province code and point code.
    Position i in diem.bin is row i % CHUNK of chi-tiet/(i // CHUNK).json."""
    placed = _placed(directory)
    return placed.points, placed.grid


def _placed(directory: Directory) -> Placed:
    located = [p for p in directory.points if p.lat is not None and p.lon is not None]
    lats, lons = scaled_positions(located)
    grid = Grid.spanning(lats, lons)
    keys = [
        (grid.cell_at(lat, lon), p.province_code, p.code)
        for p, lat, lon in zip(located, lats, lons, strict=True)
    ]
    order = sorted(range(len(located)), key=keys.__getitem__)  # stable, as sorting the points is
    return Placed([located[i] for i in order], grid, [lats[i] for i in order], [lons[i] for i in order])


def cell_counts(placed: Placed) -> list[int]:
    counts = [0] * (placed.grid.rows * placed.grid.cols)
    for lat, lon in zip(placed.lats, placed.lons, strict=True):
        counts[placed.grid.cell_at(lat, lon)] += 1
    return counts


def province_list() -> list[Province]:
    return list(admin_units().provinces.values())


def province_row(province: Province) -> list:
    """A province as the scripts read it, in PROVINCE_LAYOUT's order."""
    return [province.slug, province.name]


def _detail_cells(point: Point) -> list:
    """What a popup or a result shows, in DETAIL_LAYOUT's order after the province (its index in
    the file's provinces); the card link is ../tinh/<slug>/<page>/#<anchor>."""
    return [
        *card_cells(point),
        point.commune_name,
        *phone_cells(point),
        point.hours,
        1 if point.approximate else 0,
        commune_slug(point.commune_code),
    ]


# The renderers' values are trees: no check for a list inside itself, which was a third of the
# time of encoding the finder's and the maps' rows (60,000 lists at 30,000 points).
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False)


def detail_texts(points: tuple[Point, ...], keep: bool = True) -> list[str]:
    """Each point's detail row after its province (DETAIL_LAYOUT[1:]) as compact JSON without
    its brackets, not yet `script_safe`, in the points' order: the finder's rows and the
    province maps' details are made of them, so a province's points are encoded once for both.
    The finder keeps them (`keep`) for the maps, which take them: not held for the rest of the
    build (15 MB at 30,000 points)."""
    kept = _DETAILS.pop(id(points), None)
    if kept is not None and kept[0] is points:
        texts = kept[1]
    else:
        texts = [_ENCODER.encode(_detail_cells(point))[1:-1] for point in points]
    if keep:
        if len(_DETAILS) >= _KEEP_DETAILS:
            _DETAILS.clear()
        _DETAILS[id(points)] = (points, texts)  # the tuple itself kept: its id is not reused
    return texts


# A build's provinces (34), bounded for a process that builds again and again (the tests).
_KEEP_DETAILS = 128
_DETAILS: dict[int, tuple[tuple[Point, ...], list[str]]] = {}


def compact_json(value: object) -> str:
    """UTF-8 JSON without spaces, safe inside an HTML <script> as well as in a file."""
    return script_safe(_ENCODER.encode(value))


def script_safe(text: str) -> str:
    """JSON text with the characters that could end or open markup in an HTML <script>, and the
    two line separators of old JavaScript, written as escapes (the same value). Character by
    character: texts joined and then made safe are the joined safe texts."""
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escaped)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def scaled(value: float | None) -> int:
    assert value is not None, "only points with coordinates are placed"
    return round(value * SCALE)


def coordinates_bytes(placed: Placed) -> bytes:
    """Each point's offset from its cell's south-west corner, latitude then longitude."""
    grid = placed.grid
    values = [
        value
        for lat, lon in zip(placed.lats, placed.lons, strict=True)
        for value in ((lat - grid.lat0) % CELL, (lon - grid.lon0) % CELL)
    ]
    return struct.pack(f"<{len(values)}{OFFSET_FORMAT}", *values)


def commune_chooser(provinces: list[Province]) -> dict:
    """2025 communes and the pre-2025 names that became them. An old commune split between
    several 2025 communes points at the one the official mapping names as its default."""
    units = admin_units()
    province_index = {p.code: i for i, p in enumerate(provinces)}
    communes: list[list] = []
    commune_index: dict[str, int] = {}
    for province in provinces:
        for commune in units.communes_of(province.code):
            commune_index[commune.code] = len(communes)
            communes.append(
                [commune.name, province_index[province.code], round(commune.lat, 6), round(commune.lon, 6)]
            )
    old_provinces: list[str] = []
    old_province_index: dict[str, int] = {}
    legacy = []
    for province in provinces:
        for old in units.legacy_communes_of(province.code):
            target = units.communes[old.new_codes[0]]
            if old.name == target.name and old.old_province == province.name:
                continue  # same name, same province: the 2025 entry already finds it
            if old.old_province not in old_province_index:
                old_province_index[old.old_province] = len(old_provinces)
                old_provinces.append(old.old_province)
            legacy.append(
                [old.name, old.district, old_province_index[old.old_province], commune_index[target.code]]
            )
    legacy.sort(key=lambda row: (row[3], row[0], row[1]))
    return {
        "layouts": CHOOSER_LAYOUTS,
        "provinces": [province_row(p) for p in provinces],
        "oldProvinces": old_provinces,
        "communes": communes,
        "legacy": legacy,
    }


def land_mask() -> dict:
    """Cells of LAND_STEP degrees that hold a 2025 commune centre or touch one that does, over
    the communes' bounding box plus one cell; bits row by row from the south-west, six to a
    BASE64 character."""
    communes = list(admin_units().communes.values())
    lat0 = math.floor(min(c.lat for c in communes) / LAND_STEP) * LAND_STEP - LAND_STEP
    lon0 = math.floor(min(c.lon for c in communes) / LAND_STEP) * LAND_STEP - LAND_STEP
    rows = math.floor((max(c.lat for c in communes) - lat0) / LAND_STEP) + 2
    cols = math.floor((max(c.lon for c in communes) - lon0) / LAND_STEP) + 2
    marked: set[tuple[int, int]] = set()
    for commune in communes:
        row, col = math.floor((commune.lat - lat0) / LAND_STEP), math.floor((commune.lon - lon0) / LAND_STEP)
        marked.update((row + dy, col + dx) for dy in (-1, 0, 1) for dx in (-1, 0, 1))
    bits = [1 if (bit // cols, bit % cols) in marked else 0 for bit in range(rows * cols)]
    bits += [0] * (-len(bits) % 6)
    text = "".join(BASE64[int("".join(map(str, bits[i : i + 6])), 2)] for i in range(0, len(bits), 6))
    return {
        "lat0": lat0,
        "lon0": lon0,
        "step": LAND_STEP,
        "rows": rows,
        "cols": cols,
        "alphabet": BASE64,
        "bits": text,
    }


def finder_rows(directory: Directory, memo: Memo = no_memo) -> dict[int, str]:
    """Each located point's finder row (FINDER_LAYOUT) as compact JSON by the point's `id`, made
    from its province's state alone: kept in `memo` while the state does not change. Kept and
    used as text: a chunk is its rows' texts joined, so a monthly build neither reads the rows
    back nor encodes them again."""
    index_of = {p.code: i for i, p in enumerate(province_list())}
    rows: dict[int, str] = {}
    for state in directory.provinces:
        located = [p for p in state.points if p.lat is not None and p.lon is not None]
        if not located:
            continue
        index = index_of[state.province.code]

        def make(points: tuple[Point, ...] = state.points, index: int = index) -> bytes:
            # [index, *detail, lat, lon] as the encoder writes the list: its items' texts joined.
            encoded = [
                f"[{index},{detail},{_ENCODER.encode([p.lat, p.lon])[1:-1]}]"
                for p, detail in zip(points, detail_texts(points), strict=True)
                if p.lat is not None and p.lon is not None
            ]
            # One row a line: JSON writes a line break inside a string as an escape.
            return script_safe("\n".join(encoded)).encode("utf-8")

        kept = memo("finder-rows", state_digest(state), make).decode("utf-8").split("\n")
        rows.update(zip(map(id, located), kept, strict=True))
    return rows


def render_nearest_pages(directory: Directory, memo: Memo = no_memo) -> dict[str, str | bytes]:
    provinces = province_list()
    placed = _placed(directory)
    points, grid = placed.points, placed.grid
    finder = finder_rows(directory, memo)
    files: dict[str, str | bytes] = {
        f"{DATA_DIR}/diem.bin": coordinates_bytes(placed),
        f"{DATA_DIR}/diem.json": compact_json(
            {
                "count": len(points),
                "scale": SCALE,
                "chunk": CHUNK,
                "grid": {
                    "cell": CELL,
                    "lat0": grid.lat0,
                    "lon0": grid.lon0,
                    "rows": grid.rows,
                    "cols": grid.cols,
                    "counts": cell_counts(placed),
                    "max_abs_lat": grid.max_abs_lat,
                },
                "month": directory.month,
                "provinces": [province_row(p) for p in provinces],
                "layouts": {"detail": FINDER_LAYOUT, "province": PROVINCE_LAYOUT},
                "far_km": FAR_KM,
                "results": NEAREST_COUNT,
                "land": land_mask(),
            }
        ),
        # Made from the official units alone (the memo's key covers the reference data).
        f"{DATA_DIR}/xa.json": memo(
            "commune-chooser", b"", lambda: compact_json(commune_chooser(provinces)).encode("utf-8")
        ).decode("utf-8"),
    }
    for start in range(0, len(points), CHUNK):
        # A JSON array of the rows, as compact_json writes it.
        rows = ",".join([finder[id(p)] for p in points[start : start + CHUNK]])
        files[f"{DATA_DIR}/chi-tiet/{start // CHUNK}.json"] = f"[{rows}]"
    files["gan-toi.md"] = render(
        "nearest.md.j2",
        provinces=provinces,
        total=len(points),
        results=NEAREST_COUNT,
        approximate=sum(p.approximate for p in points),
        month=directory.month,
    )
    return files
