"""mkdocs hooks, given to mkdocs by `build/__init__.py` for the generator's builds only (they link
files of the docs folder, which is a staging copy there; mkdocs run by hand on site_src/ must not):
so they are not named in mkdocs.yml, and a `hooks:` entry added there would be replaced by these.
mkdocs loads this file by its path, so what it shares with the generator lives in an imported
module."""

from __future__ import annotations

import os
from typing import Any

import jinja2

from generator.compiled import THEME_TEMPLATES


def on_env(env: jinja2.Environment, config: Any, files: Any) -> jinja2.Environment:
    """The theme's templates compiled once, then kept with the build's other compiled templates.
    Called just before mkdocs copies the static files: see `link_static_files`."""
    env.bytecode_cache = THEME_TEMPLATES
    link_static_files(files, config["docs_dir"])
    return env


def link_static_files(files: Any, docs_dir: str) -> None:
    """The docs folder's static files (open data, search index, maps: most of the site's bytes)
    linked into the site instead of copied: the docs folder is a staging copy on the same disk,
    removed after the build, so writing every byte again only cost time. mkdocs skips a file
    whose destination is already the same file, as it does for plugins that write into the site
    (`shutil.SameFileError`); anything that fails here is copied by mkdocs as before. A linked
    file leaves `files`: mkdocs would otherwise make its folder twice and stat both ends to find
    it is the same file, eight calls per file for two thousand search shards and maps."""
    docs = os.path.realpath(docs_dir)
    # Thousands of files in a few hundred folders: each folder resolved once, and made once.
    inside: dict[str, bool] = {}
    made: set[str] = set()
    linked = []
    for file in files:
        inclusion = getattr(file, "inclusion", None)  # mkdocs ≥ 1.6; before, copied as before
        if file.is_documentation_page() or getattr(file, "generated_by", True) or inclusion is None:
            continue
        if not inclusion.is_included():
            continue
        source = file.abs_src_path
        if not source or os.path.islink(source):
            continue
        folder = os.path.dirname(source)
        if folder not in inside:
            inside[folder] = os.path.commonpath([docs, os.path.realpath(folder)]) == docs
        if not inside[folder]:
            continue
        destination = file.abs_dest_path
        try:
            target = os.path.dirname(destination)
            if target not in made:
                os.makedirs(target, exist_ok=True)
                made.add(target)
            os.link(source, destination)
        except OSError:
            continue
        linked.append(file)
    for file in linked:
        files.remove(file)
