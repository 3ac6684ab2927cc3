"""One jinja2 environment for every page. Autoescape is on: data from provinces is text, never
markup, even after validation has refused markup."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import jinja2

from generator.compiled import CompiledTemplates
from generator.merge import STALE_AFTER_MONTHS
from generator.render import format as fmt

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


SITE_TEMPLATES = CompiledTemplates("site")


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        bytecode_cache=SITE_TEMPLATES,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # The templates do not change while the generator runs: not a stat of the file at each
        # use (a commune page includes the point card once per point, 30,000 times a build).
        auto_reload=False,
    )
    env.filters.update(
        month=fmt.month_label,
        number=fmt.number,
        point_anchor=fmt.point_anchor,
        commune_anchor=fmt.commune_anchor,
        literal=fmt.literal,
    )
    # Facts the pages state, from where the code decides them.
    env.globals.update(directions=fmt.directions_links, stale_after_months=STALE_AFTER_MONTHS)
    return env


def render(template: str, **context) -> str:
    return environment().get_template(template).render(**context)
