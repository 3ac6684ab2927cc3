"""mkdocs hooks (given to mkdocs by `build/__init__.py`, not named in mkdocs.yml): mkdocs loads
this file by its path, so what it shares with the generator lives in an imported module."""

from __future__ import annotations

from typing import Any

import jinja2

from generator.compiled import THEME_TEMPLATES


def on_env(env: jinja2.Environment, config: Any, files: Any) -> jinja2.Environment:
    """The theme's templates compiled once, then kept with the build's other compiled templates."""
    env.bytecode_cache = THEME_TEMPLATES
    return env
