"""Maps drawn with folium: one document per province (`ban-do/<slug>.html`, embedded in the
province page) and a national overview (`ban-do/toan-quoc.html`, embedded in `ban-do/index.md`).

Folium's own markers cost 25–36 s and ~30 MB for the nation (one JS object literal and one popup
per marker), so the maps carry compact arrays instead and `site_src/assets/maps.js` turns them
into clustered markers in the browser:
- a province map embeds each point's details (name, address, phones, card anchor): its popups
  open at once and the document stays far below 300 KB compressed;
- the national map has one marker per commune with its number of points (and how many of them
  are approximate), linking the commune's page and the province map:
  clustering 30,000 point markers took 3–5 s in desktop Chromium, 3,321 communes a fraction.
  Its data is a file of its own (`toan-quoc.json`): parsing JSON costs the phone's main thread a
  fraction of compiling the same data as a script literal, in a task of its own.
A province map's scripts are deferred and the map is made once they ran (DOMContentLoaded), so
parsing the page, evaluating Leaflet and drawing the map are separate tasks of the main thread.
The national map loads no Leaflet at all until the reader touches it: evaluating Leaflet is itself
a task of ~50 ms on a phone. It opens on its picture drawn at build time (`map_preview.py`),
with the provinces listed for a browser without JavaScript; `assets/map-start.js` fetches
Leaflet, the data and the map's own scripts at the first touch, wheel or press of its button.
Leaflet and Leaflet.markercluster are served from site_src/assets/vendor/: folium's defaults
(Leaflet, jQuery, Bootstrap, Font Awesome from CDNs) are replaced, so only OSM tiles come from
the network. Element ids are fixed, not folium's random ones, so two builds are identical.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import cache
from importlib import metadata

from generator.merge import Directory, ProvinceState
from generator.model import Point
from generator.render.format import commune_slug
from generator.render.map_preview import national_picture
from generator.render.memo import Memo, no_memo, state_digest
from generator.render.nearest import (
    DETAIL_LAYOUT,
    PROVINCE_LAYOUT,
    compact_json,
    detail_texts,
    province_list,
    province_row,
    script_safe,
)
from generator.render.templating import render
from generator.units import admin_units

MAP_DIR = "ban-do"
NATIONAL = "toan-quoc"
ASSETS = "../assets"  # from ban-do/<name>.html
VENDOR = f"{ASSETS}/vendor"
SCRIPTS = [
    ("leaflet", f"{VENDOR}/leaflet/leaflet.js"),
    ("markercluster", f"{VENDOR}/leaflet.markercluster/leaflet.markercluster.js"),
    ("db_common", f"{ASSETS}/common.js"),  # node(): the helpers shared with search and finder
    ("db_maps", f"{ASSETS}/maps.js"),
]
STYLES = [
    ("leaflet_css", f"{VENDOR}/leaflet/leaflet.css"),
    ("markercluster_css", f"{VENDOR}/leaflet.markercluster/MarkerCluster.css"),
    ("markercluster_default_css", f"{VENDOR}/leaflet.markercluster/MarkerCluster.Default.css"),
    ("db_maps_css", f"{ASSETS}/maps.css"),
]
# Fetched by assets/map-start.js once the reader asks for the national map, in this order.
ON_DEMAND = [src for name, src in SCRIPTS]
ON_DEMAND_STYLES = [href for name, href in STYLES if name != "db_maps_css"]
START_SCRIPT = f"{ASSETS}/map-start.js"
TITLE = "__DB_TITLE__"
PAYLOAD = "__DB_PAYLOAD__"
PREVIEW = "<!--__DB_PREVIEW__-->"
HEAD_END = "</head>"
MAP_ID = "ban_do"  # folium's element id is map_<id>
TILES_ID = "osm"
TILE_LAYER = f"tile_layer_{TILES_ID}"  # folium's name for the tile layer's variable
MAX_ZOOM = 18  # streets and house numbers; enough to tell two points apart
# The national map's markers are communes, kilometres apart: zoom 13 tells them apart, and each
# zoom level costs the clustering a pass over every marker on the main thread.
NATIONAL_MAX_ZOOM = 13
# The rows of the payloads, declared here and read by name in maps.js (a detail row and a
# province are nearest.py's).
POSITION_LAYOUT = ("lat", "lon", "approximate")
COMMUNE_LAYOUT = ("lat", "lon", "points", "approximate", "province", "code", "name", "page")
OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright" target="_top">OpenStreetMap</a>'
# Folium's viewport forbids zooming the page, which locks out readers who need to enlarge text;
# Leaflet handles pinch-zoom on the map itself.
FOLIUM_VIEWPORT = "initial-scale=1.0, maximum-scale=1.0, user-scalable=no"
VIEWPORT = "initial-scale=1.0"


def _round(value: float | None) -> float:
    assert value is not None, "only points with coordinates are drawn"
    return round(value, 5)  # about one metre


def point_position(point: Point) -> list:
    """A point's marker, in POSITION_LAYOUT's order."""
    return [_round(point.lat), _round(point.lon), 1 if point.approximate else 0]


@cache
def skeleton(
    zoom: int, min_zoom: int, max_zoom: int = MAX_ZOOM, on_demand: bool = False, memo: Memo = no_memo
) -> str:
    """The folium document with TITLE and PAYLOAD (and PREVIEW, `on_demand`) left to fill in.
    Folium compiles a few dozen jinja templates per map (0.1 s each map); the 35 maps differ only
    in title and data. Kept in `memo`: made from nothing but folium, so a build that finds it does
    not import folium (nor pandas and numpy with it), a second of a warm build."""
    versions = ",".join(f"{p}={metadata.version(p)}" for p in ("folium", "branca"))
    source = f"{zoom}\0{min_zoom}\0{max_zoom}\0{on_demand}\0{versions}".encode()
    made = memo("map-skeleton", source, lambda: _skeleton(zoom, min_zoom, max_zoom, on_demand).encode())
    return made.decode()


def _skeleton(zoom: int, min_zoom: int, max_zoom: int, on_demand: bool) -> str:
    import folium
    from branca.element import Figure

    figure = Figure(title=TITLE)
    figure._id = "trang"
    figure.header._id = "dau"
    figure.html._id = "than"
    figure.script._id = "lenh"
    # Every zoom level between min and max costs the clustering a pass over all markers.
    fmap = folium.Map(
        location=[16.0, 106.0],  # maps.js frames the points, or payload.center when there are none
        zoom_start=zoom,
        min_zoom=min_zoom,
        max_zoom=max_zoom,
        tiles=None,
        control_scale=True,
    )
    fmap._id = MAP_ID
    fmap.default_js = SCRIPTS
    fmap.default_css = STYLES
    figure.add_child(fmap, name="ban_do")
    tiles = folium.TileLayer(tiles=OSM_TILES, attr=OSM_ATTRIBUTION, name="OpenStreetMap", max_zoom=max_zoom)
    tiles._id = TILES_ID
    fmap.add_child(tiles, name="osm")
    fmap.add_child(_point_layer(PAYLOAD), name="diem_thu")
    page = figure.render()
    # branca writes a bare <html>: the language lets screen readers speak Vietnamese.
    page = page.replace("<html>", '<html lang="vi">', 1).replace(FOLIUM_VIEWPORT, VIEWPORT)
    page = _on_demand(page) if on_demand else _deferred(page)
    return "\n".join(line.rstrip() for line in page.splitlines()) + "\n"


def _point_layer(payload: str):  # a branca element, made where folium is imported
    from branca.element import MacroElement
    from folium.template import Template

    class PointLayer(MacroElement):
        """Clustered collection points, drawn by dbMaps.addPoints (site_src/assets/maps.js)."""

        _template = Template(
            "{% macro script(this, kwargs) %}"
            "var {{ this.get_name() }} = dbMaps.addPoints({{ this._parent.get_name() }}, {{ this.payload }});"
            "{% endmacro %}"
        )

        def __init__(self, payload: str) -> None:
            super().__init__()
            self._name = "PointLayer"
            self._id = "diem_thu"
            self.payload = payload

    return PointLayer(payload)


def _deferred(page: str) -> str:
    """Folium's scripts with `defer`, and its map script run once they ran: the page is parsed
    and painted first, and Leaflet's evaluation is not one task with the drawing of the map."""
    for _, src in SCRIPTS:
        page = page.replace(f'<script src="{src}">', f'<script defer src="{src}">', 1)
    start = page.rindex("<script>")
    end = page.index("</script>", start)
    body = page[start + len("<script>") : end]
    # The map itself, then its tiles and points in a task of their own: on a phone each half is
    # under the 50 ms of a long task, the whole was not (Leaflet compiles as it first runs).
    split = body.index(f"var {TILE_LAYER}")
    wrapped = (
        f'document.addEventListener("DOMContentLoaded", function () {{{body[:split]}'
        f"setTimeout(function () {{{body[split:]}}}, 0);\n}});\n"
    )
    return page[: start + len("<script>")] + wrapped + page[end:]


def _on_demand(page: str) -> str:
    """Folium's document without Leaflet: its styles and scripts are left for map-start.js, and
    its map script becomes `dbMapDraw()`, which map-start.js calls once they ran."""
    for _, src in SCRIPTS:
        page = re.sub(rf'\n[ \t]*<script src="{re.escape(src)}"></script>', "", page, count=1)
    for href in ON_DEMAND_STYLES:
        page = re.sub(rf'\n[ \t]*<link rel="stylesheet" href="{re.escape(href)}"/>', "", page, count=1)
    start = page.rindex("<script>")
    end = page.index("</script>", start)
    body = page[start + len("<script>") : end]
    # As _deferred: the map, then its tiles and points in a task of their own.
    split = body.index(f"var {TILE_LAYER}")
    later = f"setTimeout(function () {{{body[split:]}}}, 0);\n"
    wrapped = f"window.dbMapDraw = function () {{{body[:split]}{later}}};\n"
    page = page[: start + len("<script>")] + wrapped + page[end:]
    page = page.replace(HEAD_END, f'<script defer src="{START_SCRIPT}"></script>\n{HEAD_END}', 1)
    map_div = f'<div class="folium-map" id="map_{MAP_ID}" ></div>'
    if map_div not in page:  # a folium that writes its map otherwise: the picture must not vanish
        raise RuntimeError(f"folium's map element changed: {map_div} not found")
    return page.replace(map_div, map_div + "\n" + PREVIEW, 1)


@dataclass(frozen=True)
class EncodedJSON:
    """A map's data already written as `compact_json` writes it."""

    text: str


def map_document(
    title: str,
    zoom: int,
    min_zoom: int,
    payload: dict | str | EncodedJSON,
    max_zoom: int = MAX_ZOOM,
    preview: str | None = None,
    memo: Memo = no_memo,
) -> str:
    """A map with its data inline (a dict, or its JSON: `EncodedJSON`), or in the JSON file
    named by `payload` (a str).
    With a `preview` (HTML), the map is drawn only when the reader asks (see _on_demand)."""
    page = skeleton(zoom, min_zoom, max_zoom, preview is not None, memo)
    # The title first: the data, filled in last, is never searched for a placeholder.
    page = page.replace(TITLE, html.escape(title), 1)
    if preview is not None:
        page = page.replace(PREVIEW, preview, 1)
    elif isinstance(payload, str):
        # Fetched while the deferred scripts download and run, not after them.
        preload = f'<link rel="preload" href="{html.escape(payload)}" as="fetch" crossorigin="anonymous"/>\n'
        page = page.replace(HEAD_END, preload + HEAD_END, 1)
    data = payload.text if isinstance(payload, EncodedJSON) else compact_json(payload)
    return page.replace(PAYLOAD, data, 1)


def province_map(state: ProvinceState, memo: Memo = no_memo) -> str:
    """Made from the province and its points alone: kept in `memo` while they do not change."""
    source = repr(state.province).encode("utf-8") + b"\0" + state_digest(state)
    return memo("province-map", source, lambda: _province_map(state, memo).encode("utf-8")).decode("utf-8")


def _province_map(state: ProvinceState, memo: Memo) -> str:
    province = state.province
    texts = detail_texts(state.points, keep=False)  # the finder's, made once for both
    order = sorted(range(len(state.points)), key=lambda i: state.points[i].code)
    payload = {
        "site": "../",
        "center": [province.lat, province.lon],
        "layouts": {"point": POSITION_LAYOUT, "detail": DETAIL_LAYOUT, "province": PROVINCE_LAYOUT},
        "provinces": [province_row(province)],
        "points": [point_position(state.points[i]) for i in order],
        "details": [],
        "empty": f"{province.name} chưa gửi danh sách điểm thu." if not order else "",
    }
    # The details, each [0, *detail], written into their place as the encoder writes a list.
    details = script_safe(",".join([f"[0,{texts[i]}]" for i in order]))
    data = compact_json(payload).replace('"details":[]', f'"details":[{details}]', 1)
    return map_document(f"Bản đồ điểm thu — {province.name}", 8, 6, EncodedJSON(data), memo=memo)


@dataclass(frozen=True)
class NationalMap:
    document: str  # ban-do/toan-quoc.html
    data: str  # its JSON, fetched when the map is drawn
    picture: str  # the SVG shown until then, and on the maps page
    width: int
    height: int


def national_map(directory: Directory, memo: Memo = no_memo) -> NationalMap:
    """One marker per commune with its number of points: 3,321 markers at most, which a phone
    clusters in a fraction of a second, where 30,000 point markers take seconds even on a
    desktop. The province maps, one tap away, show every point. The document, its data and its
    picture (shown until the reader asks for the map)."""
    units = admin_units()
    provinces = province_list()
    province_index = {p.code: i for i, p in enumerate(provinces)}
    by_commune: dict[str, list[Point]] = {}
    for point in directory.points:
        if point.lat is None or point.lon is None:
            continue
        by_commune.setdefault(point.commune_code, []).append(point)
    communes = []
    for code in sorted(by_commune):
        commune, points = units.communes[code], by_commune[code]
        communes.append(
            [
                _round(commune.lat),
                _round(commune.lon),
                len(points),
                sum(p.approximate for p in points),
                province_index[commune.province_code],
                code,
                commune.name,
                commune_slug(code),
            ]
        )
    payload = {
        "site": "../",
        "center": [16.0, 106.0],
        "layouts": {"commune": COMMUNE_LAYOUT, "province": PROVINCE_LAYOUT},
        "provinces": [province_row(p) for p in provinces],
        "communes": communes,
        "empty": "Chưa có điểm thu nào được công bố." if not communes else "",
    }
    picture, width, height = national_picture(set(by_commune))
    preview = render(
        "map_preview.html.j2",
        scripts=ON_DEMAND,
        styles=ON_DEMAND_STYLES,
        data=f"{NATIONAL}.json",
        picture=f"{NATIONAL}.svg",
        width=width,
        height=height,
        provinces=[(state.province, len(state.points), state.has_data) for state in directory.provinces],
    )
    title = "Bản đồ điểm thu BHXH, BHYT toàn quốc"
    document = map_document(title, 5, 4, f"{NATIONAL}.json", NATIONAL_MAX_ZOOM, preview=preview, memo=memo)
    return NationalMap(document, compact_json(payload), picture, width, height)


def render_map_pages(directory: Directory, memo: Memo = no_memo) -> dict[str, str]:
    pages = {f"{MAP_DIR}/{s.province.slug}.html": province_map(s, memo) for s in directory.provinces}
    national = national_map(directory, memo)
    pages[f"{MAP_DIR}/{NATIONAL}.html"] = national.document
    pages[f"{MAP_DIR}/{NATIONAL}.json"] = national.data
    pages[f"{MAP_DIR}/{NATIONAL}.svg"] = national.picture
    rows = [
        {
            "province": state.province,
            "points": len(state.points),
            "approximate": sum(p.approximate for p in state.points),
            "has_data": state.has_data,
        }
        for state in directory.provinces
    ]
    pages[f"{MAP_DIR}/index.md"] = render(
        "maps_index.md.j2",
        rows=rows,
        total=sum(r["points"] for r in rows),
        approximate=sum(r["approximate"] for r in rows),
        month=directory.month,
        national=f"{NATIONAL}.html",
        picture={"src": f"{NATIONAL}.svg", "width": national.width, "height": national.height},
    )
    return pages
