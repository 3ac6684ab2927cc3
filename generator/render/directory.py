"""Home page and one page per province: communes, each with its points."""

from __future__ import annotations

from dataclasses import dataclass

from generator.enrich import AGENT_TYPES
from generator.merge import Directory, ProvinceState
from generator.model import Point
from generator.render.templating import render
from generator.text import fold
from generator.units import Commune, admin_units

# The search index's folder (generator/render/search_index.py writes it).
SEARCH_DIR = "tim-kiem"
BHXH_LEAFLET = "Những điều cần biết về BHXH tự nguyện"
BHYT_LEAFLET = "Những điều cần biết về BHYT hộ gia đình"


@dataclass(frozen=True)
class CommuneGroup:
    commune: Commune
    points: list[Point]


def _name_order(name: str) -> tuple[str, str]:
    return (fold(name), name)


def commune_groups(state: ProvinceState) -> tuple[list[CommuneGroup], list[Commune]]:
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


def render_province(state: ProvinceState, links: list[dict]) -> str:
    groups, without = commune_groups(state)
    return render(
        "province.md.j2",
        province=state.province,
        state=state,
        groups=groups,
        communes_without=without,
        points_count=len(state.points),
        province_name=state.province.name,
        links=links,
    )


def render_directory_pages(
    directory: Directory, leaflet_variants: frozenset[str] = frozenset()
) -> dict[str, str]:
    pages = {
        "index.md": render(
            "home.md.j2",
            provinces=directory.provinces,
            total=len(directory.points),
            month=directory.month,
            search_index_url=f"{SEARCH_DIR}/",
            agent_types=AGENT_TYPES,
        )
    }
    for state in directory.provinces:
        pages[f"tinh/{state.province.slug}.md"] = render_province(
            state, province_links(state, leaflet_variants)
        )
    return pages
