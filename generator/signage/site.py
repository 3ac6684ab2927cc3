"""The staff page of the site: the signs the month's lists call for, per province and in total,
with the print records to download (`can-bo/bien-hieu/`)."""

from __future__ import annotations

from generator.merge import Directory
from generator.render.templating import render
from generator.signage.plan import SignPlan, plan_signs
from generator.signage.proof import HEIGHT_CM, WIDTH_CM
from generator.signage.records import signs_csv, summary_csv

PAGE = "can-bo/bien-hieu.md"
FILES = "can-bo/bien-hieu"


def signage_files(plan: SignPlan) -> dict[str, str]:
    """Paths of the downloads, relative to the page's folder (can-bo/)."""
    return {
        "national": f"bien-hieu/{plan.month}.csv",
        "summary": f"bien-hieu/{plan.month}-tong-hop.csv",
        **{slug: f"bien-hieu/{plan.month}/{slug}.csv" for slug in plan.by_province()},
    }


def render_signage_pages(directory: Directory) -> dict[str, str | bytes]:
    """The page and its CSVs, for the month of the directory against each province's previous
    published list (the list assumed printed)."""
    plan = plan_signs(directory)
    links = signage_files(plan)
    pages: dict[str, str | bytes] = {
        PAGE: render(
            "signage/page.md.j2",
            plan=plan,
            links=links,
            totals={a: plan.total(a) for a in ("points", "new", "replaced", "signs", "removed")},
            width_cm=WIDTH_CM,
            height_cm=HEIGHT_CM,
        ),
        f"can-bo/{links['national']}": signs_csv(plan.signs),
        f"can-bo/{links['summary']}": summary_csv(plan),
    }
    for slug, signs in plan.by_province().items():
        pages[f"can-bo/{links[slug]}"] = signs_csv(signs)
    return pages
