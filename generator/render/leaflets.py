"""The two leaflets (BHXH tự nguyện, BHYT hộ gia đình): site pages and A4 tri-fold print documents.

Every number is computed from the policy values in force on `as_of` (`leaflet_context`), worded by
`leaflet_text`; the templates only lay them out. Output depends on nothing but the inputs (no
clock, sorted iteration), so an unchanged policy file gives byte-identical pages.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from generator.compiled import CompiledTemplates
from generator.policy import LocalSupport, Policy, PolicyError
from generator.render.fonts import STACK, embedded_faces
from generator.render.format import literal
from generator.render.leaflet_context import bhxh_context, bhyt_context
from generator.render.leaflet_print import HOME, print_shop, qr_svg, qr_target
from generator.render.leaflet_text import format_number, format_percent, format_vnd, months_label

__all__ = ["BHXH_STEM", "BHYT_STEM", "format_number", "format_percent", "format_vnd", "render_leaflets"]

TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "leaflets"
BHXH_STEM = "bhxh-tu-nguyen"
BHYT_STEM = "bhyt-ho-gia-dinh"
SPEC_STEM = "thong-so-in"
# Print documents: `in/` for the site's A4 PDF, `nha-in/` for the print shop (bleed, marks).
HOME_DIR, SHOP_DIR = "in", "nha-in"

_BLANK_LINES = re.compile(r"\n{3,}")
LEAFLET_TEMPLATES = CompiledTemplates("leaflets")


@lru_cache(maxsize=1)
def _env() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        bytecode_cache=LEAFLET_TEMPLATES,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=StrictUndefined,
    )
    env.filters.update(
        vnd=format_vnd, num=format_number, pct=format_percent, months=months_label, literal=literal
    )
    return env


def render_leaflets(
    policy: Policy,
    as_of: date,
    provinces: list[tuple[str, str]],
    local_supports: dict[str, LocalSupport],
    *,
    home_link: str = "../index.md",
    finder_link: str = "../gan-toi.md",
    province_finder_link: str = "../gan-toi.md?tinh={slug}",
    province_link: str = "../tinh/{slug}.md",
    pdf_link: str | None = None,
    site_url: str | None = None,
    quantities: list | None = None,
    crop_marks: bool = False,
) -> dict[str, str]:
    """{docs-relative path: text} for the leaflet pages and their print documents.

    `provinces` gives (slug, short name); those with local support get their own variant of both
    leaflets. Links are markdown targets relative to `to-roi/` ("{slug}" is filled in; a
    province's own leaflet sends readers to the finder with their province preselected);
    `pdf_link`, e.g. "../pdf/{stem}.pdf", adds PDF links when the build publishes the PDFs;
    `site_url` is printed on paper, with a QR code to the province's page or the finder;
    `quantities` (Phụ lục 3 per province) goes on the print shop's specification page.
    """
    names = dict(provinces)
    missing = sorted(set(local_supports) - set(names))
    if missing:
        raise PolicyError("Có tệp hỗ trợ địa phương cho tỉnh không có trong danh bạ: " + ", ".join(missing))
    values = policy.values_in_force(as_of)
    env = _env()
    shop = print_shop(crop_marks)
    base = {
        "home_link": home_link,
        "site_url": site_url,
        "fonts": embedded_faces(),
        "font_stack": Markup(STACK),
    }

    national = {"province": None, "finder_link": finder_link}
    jobs: list[tuple[str, str, dict[str, Any]]] = [
        (BHXH_STEM, "bhxh", bhxh_context(policy, values, as_of, None) | national),
        (BHYT_STEM, "bhyt", bhyt_context(policy, values, as_of) | national),
    ]
    for slug in sorted(local_supports):
        local = local_supports[slug]
        own = {
            "province": {"slug": slug, "name": names[slug], "link": province_link.format(slug=slug)},
            "finder_link": province_finder_link.format(slug=slug),
        }
        jobs.append((f"{BHXH_STEM}-{slug}", "bhxh", bhxh_context(policy, values, as_of, local) | own))
        jobs.append((f"{BHYT_STEM}-{slug}", "bhyt", bhyt_context(policy, values, as_of, local) | own))

    out: dict[str, str] = {}
    for stem, kind, context in jobs:
        province_slug: str | None = context["province"]["slug"] if context["province"] else None
        target = qr_target(site_url, province_slug) if site_url else None
        context |= base | {
            "stem": stem,
            "print_link": f"{HOME_DIR}/{stem}.html",
            "shop_link": f"{SHOP_DIR}/{stem}.html",
            "pdf": pdf_link.format(stem=stem) if pdf_link else None,
            "shop_pdf": pdf_link.format(stem=f"{SHOP_DIR}/{stem}") if pdf_link else None,
            "spec_link": f"{SHOP_DIR}/{SPEC_STEM}.html",
            "qr_target": target,
            "qr": qr_svg(target) if target else None,
        }
        page = env.get_template(f"{kind}.md.j2").render(context)
        out[f"to-roi/{stem}.md"] = _BLANK_LINES.sub("\n\n", page)
        template = env.get_template(f"{kind}.print.html.j2")
        out[f"to-roi/{HOME_DIR}/{stem}.html"] = template.render(context | {"g": HOME})
        out[f"to-roi/{SHOP_DIR}/{stem}.html"] = template.render(context | {"g": shop})
    out[f"to-roi/{SHOP_DIR}/{SPEC_STEM}.html"] = env.get_template("spec.html.j2").render(
        base | {"g": shop, "home": HOME, "quantities": quantities or [], "stems": [j[0] for j in jobs]}
    )
    return dict(sorted(out.items()))
