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

from generator.load.policy import LocalSupport, Policy, PolicyError
from generator.render.format import literal
from generator.render.leaflet_context import bhxh_context, bhyt_context
from generator.render.leaflet_text import format_number, format_percent, format_vnd, months_label

__all__ = ["BHXH_STEM", "BHYT_STEM", "format_number", "format_percent", "format_vnd", "render_leaflets"]

TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "leaflets"
BHXH_STEM = "bhxh-tu-nguyen"
BHYT_STEM = "bhyt-ho-gia-dinh"

_BLANK_LINES = re.compile(r"\n{3,}")


@lru_cache(maxsize=1)
def _env() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
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
) -> dict[str, str]:
    """{docs-relative path: text} for the leaflet pages and their print documents.

    `provinces` gives (slug, short name); only those with local support get a BHXH variant.
    Links are markdown targets relative to `to-roi/` ("{slug}" is filled in; a province's own
    leaflet sends readers to the finder with their province preselected); `pdf_link`, e.g.
    "in/{stem}.pdf", adds a PDF link when the build publishes the PDFs; `site_url` is printed on
    paper so readers can find the directory.
    """
    names = dict(provinces)
    missing = sorted(set(local_supports) - set(names))
    if missing:
        raise PolicyError("Có tệp hỗ trợ địa phương cho tỉnh không có trong danh bạ: " + ", ".join(missing))
    values = policy.values_in_force(as_of)
    env = _env()
    base = {"home_link": home_link, "site_url": site_url}

    national = {"province": None, "finder_link": finder_link}
    jobs: list[tuple[str, str, dict[str, Any]]] = [
        (BHXH_STEM, "bhxh", bhxh_context(policy, values, as_of, None) | national),
        (BHYT_STEM, "bhyt", bhyt_context(policy, values, as_of) | national),
    ]
    for slug in sorted(local_supports):
        context = bhxh_context(policy, values, as_of, local_supports[slug])
        context["province"] = {
            "slug": slug,
            "name": names[slug],
            "link": province_link.format(slug=slug),
        }
        context["finder_link"] = province_finder_link.format(slug=slug)
        jobs.append((f"{BHXH_STEM}-{slug}", "bhxh", context))

    out: dict[str, str] = {}
    for stem, kind, context in jobs:
        context |= base | {
            "stem": stem,
            "print_link": f"in/{stem}.html",
            "pdf": pdf_link.format(stem=stem) if pdf_link else None,
        }
        page = env.get_template(f"{kind}.md.j2").render(context)
        out[f"to-roi/{stem}.md"] = _BLANK_LINES.sub("\n\n", page)
        out[f"to-roi/in/{stem}.html"] = env.get_template(f"{kind}.print.html.j2").render(context)
    return dict(sorted(out.items()))
