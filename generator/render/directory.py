"""Home page, one light page per province (its communes with their numbers of points) and one
page per commune with the point cards.

A province of 2,100 points on one page was 1.8 MB of HTML and 28,000 elements: too slow on a
phone. The province page is now a list of its communes (with a filter) and each commune has its
own page, written outside mkdocs into a frame (generator/framed.py) so that 3,300 commune pages
add almost nothing to the build. The old point URLs `tinh/<slug>/#diem-<code>` and
`#xa-<code>` keep working: the province page's script sends a known anchor to its commune page,
using `tinh/<slug>/diem.json`; without JavaScript the commune list is there."""

from __future__ import annotations

import json
import pickle
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from operator import attrgetter

from markupsafe import escape

from generator.columnar import joined_apart
from generator.enrich import AGENT_TYPES
from generator.framed import FramedPage, frame_markdown
from generator.merge import Directory, ProvinceState
from generator.model import Point
from generator.render.format import commune_anchor, commune_slug, directions_links, month_label, point_anchor
from generator.render.memo import Memo, no_memo, state_digest
from generator.render.templating import render
from generator.text import fold
from generator.units import Commune, admin_units

# The search index's folder (generator/render/search_index.py writes it).
SEARCH_DIR = "tim-kiem"
BHXH_LEAFLET = "Những điều cần biết về BHXH tự nguyện"
BHYT_LEAFLET = "Những điều cần biết về BHYT hộ gia đình"
# The frame of the commune pages: tinh/_khung/xa/ has the depth of tinh/<slug>/<commune>/.
COMMUNE_FRAME = "tinh/_khung/xa.md"
# Where a province page's script finds which commune page holds an old anchor.
ANCHORS_FILE = "diem.json"


@dataclass(frozen=True)
class CommuneGroup:
    commune: Commune
    points: list[Point]

    @property
    def slug(self) -> str:
        return commune_slug(self.commune.code)


def _name_order(name: str) -> tuple[str, str]:
    return (fold(name), name)


def commune_groups(state: ProvinceState) -> tuple[list[CommuneGroup], list[Commune]]:
    """The province's points by commune, in page order, and its communes without a point. The
    search index, the open data and the pages each ask for them: made once for a state (the
    callers do not change them)."""
    kept = _GROUPS.get(id(state))
    if kept is not None and kept[0] is state:
        return kept[1]
    if len(_GROUPS) >= _KEEP_GROUPS:
        _GROUPS.clear()
    found = _GROUPS[id(state)] = (state, _commune_groups(state))  # the state kept: its id is not reused
    return found[1]


# A build's provinces (34), bounded for a process that builds again and again (the tests).
_KEEP_GROUPS = 128
_GROUPS: dict[int, tuple[ProvinceState, tuple[list[CommuneGroup], list[Commune]]]] = {}


def _commune_groups(state: ProvinceState) -> tuple[list[CommuneGroup], list[Commune]]:
    units = admin_units()
    by_commune: dict[str, list[Point]] = {}
    for point in state.points:
        by_commune.setdefault(point.commune_code, []).append(point)
    groups = [
        CommuneGroup(units.communes[code], sorted(points, key=lambda p: (_name_order(p.name), p.code)))
        for code, points in by_commune.items()
    ]
    groups.sort(key=lambda g: (_name_order(g.commune.short_name), g.commune.code))
    without = [c for c in units.communes_of(state.province.code) if c.code not in by_commune]
    without.sort(key=lambda c: (_name_order(c.short_name), c.code))
    return groups, without


def province_links(state: ProvinceState, leaflet_variants: frozenset[str]) -> list[dict]:
    """Links at the top of a province page. A province with its own local support links its own
    leaflets, which show that support with who qualifies."""
    slug = state.province.slug
    own = f"-{slug}" if slug in leaflet_variants else ""
    links = [
        {"label": BHXH_LEAFLET, "url": f"../to-roi/bhxh-tu-nguyen{own}.md"},
        {"label": BHYT_LEAFLET, "url": f"../to-roi/bhyt-ho-gia-dinh{own}.md"},
        {"label": "Tìm điểm thu gần tôi", "url": f"../gan-toi.md?tinh={slug}"},
    ]
    if state.has_data:
        links.append({"label": "Thay đổi gần nhất", "url": f"../thay-doi/{state.data_month}.md#tinh-{slug}"})
        links.append({"label": "Theo dõi thay đổi (Atom)", "url": f"../thay-doi/{slug}.xml"})
        links.append({"label": "Tải danh sách (CSV)", "url": f"../du-lieu/tinh/{slug}.csv"})
        links.append({"label": "Tải danh sách (Excel .xlsx)", "url": f"../du-lieu/tinh/{slug}.xlsx"})
    return links


def render_province(
    state: ProvinceState, links: list[dict], groups: list[CommuneGroup], without: list[Commune]
) -> str:
    return render(
        "province.md.j2",
        province=state.province,
        state=state,
        groups=groups,
        communes_without=without,
        points_count=len(state.points),
        links=links,
        anchors_file=ANCHORS_FILE,
    )


def commune_bodies(state: ProvinceState, groups: list[CommuneGroup], memo: Memo = no_memo) -> list[str]:
    """The HTML of the province's commune pages, in the order of `groups`. Made from nothing but
    the province's state (its published points, their month, stale and held marks) and the
    templates, so a province whose state did not change reuses them from `memo`."""
    if memo is no_memo:  # the province's pages are kept whole (_kept_province_pages), or nowhere
        return [_commune_body(state, group) for group in groups]
    marks = repr((state.province, state.data_month, state.stale, state.rejected_months)).encode("utf-8")
    source = marks + b"\0" + state_digest(state)
    bodies: list[str] = []

    def make() -> bytes:
        bodies.extend(_commune_body(state, group) for group in groups)
        return json.dumps(bodies, ensure_ascii=False).encode("utf-8")

    made = memo("commune-pages", source, make)
    # Made now: the bodies themselves, not read back from their JSON (24 MB for the country).
    return bodies if bodies else json.loads(made)


def _commune_body(state: ProvinceState, group: CommuneGroup) -> str:
    province = state.province
    cards = [card_values(point) for point in group.points]
    return render(
        "commune.html.j2",
        province=province,
        province_name=province.name,
        state=state,
        group=group,
        cards=cards,
    )


# The texts of a card, in the order commune.html.j2 unpacks them (after the anchor).
_CARD_TEXTS = attrgetter(
    "name",
    "agent",
    "address",
    "commune_name",
    "fixed_phone_e164",
    "fixed_phone",
    "mobile_phone_e164",
    "mobile_phone",
    "hours",
    "code",
)


def card_values(point: Point) -> tuple:
    """A point's card values for commune.html.j2, HTML-escaped: its anchor, its texts, the
    directions link and the month escaped as one text cut at NULs (a cell with a NUL, which
    validation does not publish, is escaped on its own), then whether the position is
    approximate."""
    assert point.lat is not None and point.lon is not None, "enrich places every point"
    directions = directions_links(point.lat, point.lon)["Google Maps"]
    texts = [point_anchor(point.code), *_CARD_TEXTS(point), directions, month_label(point.month)]
    joined = joined_apart(texts, "\0")
    if joined is not None:
        escaped = str(escape(joined)).split("\0")
    else:
        escaped = [str(escape(text)) for text in texts]
    return (*escaped, point.approximate)


def render_commune(state: ProvinceState, group: CommuneGroup, body: str | None = None) -> FramedPage:
    province = state.province
    count = len(group.points)
    return FramedPage(
        frame=COMMUNE_FRAME,
        title=f"Điểm thu BHXH, BHYT — {group.commune.name}, {province.name}",
        description=(
            f"{count} điểm thu BHXH, BHYT tại {group.commune.name}, {province.name}: "
            "địa chỉ, điện thoại, giờ làm việc."
        ),
        heading=group.commune.name,
        body=_commune_body(state, group) if body is None else body,
    )


def anchors_json(groups: list[CommuneGroup]) -> str:
    """The commune page of each point and commune anchor the province page had before it was split:
    {"pages": [commune slug], "anchors": {anchor: page index}}."""
    anchors: dict[str, int] = {}
    for i, group in enumerate(groups):
        anchors[commune_anchor(group.commune.code)] = i
        for point in group.points:
            anchors[point_anchor(point.code)] = i
    return json.dumps(
        {"pages": [g.slug for g in groups], "anchors": anchors}, ensure_ascii=False, separators=(",", ":")
    )


def render_directory_pages(
    directory: Directory,
    leaflet_variants: frozenset[str] = frozenset(),
    search_preloads: list[str] | None = None,
    memo: Memo = no_memo,
) -> dict[str, str | FramedPage]:
    return dict(directory_pages(directory, leaflet_variants, search_preloads, memo))


def _province_pages(
    state: ProvinceState, leaflet_variants: frozenset[str], memo: Memo = no_memo
) -> Iterator[tuple[str, str | FramedPage]]:
    slug = state.province.slug
    groups, without = commune_groups(state)
    links = province_links(state, leaflet_variants)
    yield f"tinh/{slug}.md", render_province(state, links, groups, without)
    yield f"tinh/{slug}/{ANCHORS_FILE}", anchors_json(groups)
    for group, body in zip(groups, commune_bodies(state, groups, memo), strict=True):
        yield f"tinh/{slug}/{group.slug}/index.html", render_commune(state, group, body)


def _kept_province_pages(
    state: ProvinceState, leaflet_variants: frozenset[str], memo: Memo
) -> Iterable[tuple[str, str | FramedPage]]:
    """A province's pages, kept whole while its merged series says nothing changed (its source
    covers its points, marks and months); without one, from its points (`commune_bodies`)."""
    if not state.source:
        return _province_pages(state, leaflet_variants, memo)
    source = f"{state.source}\0{state.province.slug in leaflet_variants}".encode()
    pages: list[tuple[str, str | FramedPage]] = []

    def make() -> bytes:
        pages.extend(_province_pages(state, leaflet_variants))
        return pickle.dumps(pages)

    made = memo("province-pages", source, make)
    # Made now: the pages themselves, not read back from what was kept.
    return pages if pages else pickle.loads(made)


def directory_pages(
    directory: Directory,
    leaflet_variants: frozenset[str] = frozenset(),
    search_preloads: list[str] | None = None,  # the search files the home page fetches at once
    memo: Memo = no_memo,
) -> Iterator[tuple[str, str | FramedPage]]:
    """The pages one province at a time: whoever takes them (the build keeps them on disk) need
    not hold every commune page of the country at once."""
    yield (
        "index.md",
        render(
            "home.md.j2",
            provinces=directory.provinces,
            total=len(directory.points),
            month=directory.month,
            search_index_url=f"{SEARCH_DIR}/",
            search_preloads=search_preloads or [],
            agent_types=AGENT_TYPES,
        ),
    )
    for state in directory.provinces:
        yield from _kept_province_pages(state, leaflet_variants, memo)
    if directory.points:  # an unused frame would be published as a page of placeholders
        yield COMMUNE_FRAME, frame_markdown()
