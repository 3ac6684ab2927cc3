"""mkdocs pages reused from an earlier build when nothing they are made from changed.

What mkdocs writes for a page depends on the page's own Markdown and on what is the same for
every page: the configuration (mkdocs.yml and the build's `extra`), the theme and its overrides,
the versions of mkdocs, the theme and Markdown, the generator's code (the slugify of the tables
of contents) and the list of files in the docs folder (links are resolved against it: of the
data files, only those the page's Markdown names, see `shared_key`). The
navigation's titles are written in mkdocs.yml, so no page's HTML depends on another page's
content. A page whose key is in the cache is written into the site before mkdocs runs, and
mkdocs, run `dirty`, skips it (its Markdown is still there, whole, for the links, the navigation
and the sitemap); the others are built as usual and kept. Most of mkdocs' time is Markdown
(months' changes and province pages are large) and the theme's template, so a monthly build
where one province changed converts and renders only the pages that show it.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from importlib import metadata
from pathlib import Path
from urllib.parse import unquote

import yaml

from generator.build.cache import OutputCache
from generator.build.stash import built_page
from generator.contract import PROJECT_ROOT

NAMESPACE = "mkdocs-page"
VERSIONED = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "jinja2")
THEME = PROJECT_ROOT / "theme"
MKDOCS_CONFIG = PROJECT_ROOT / "mkdocs.yml"


# A file name a link can spell only as it is (no percent-encoding, no entity): the characters
# of the generated data files' names.
_PLAIN_NAME = re.compile(r"[A-Za-z0-9._-]+")


def shared_key(docs: Path, extra: dict) -> tuple[bytes, dict[str, list[str]]]:
    """Everything every page's HTML depends on besides its own Markdown, and the files that
    count only for the pages that name them (`named_files`).

    A link mkdocs resolves names its target, so a page's HTML depends on a data file (a search
    shard, a record chunk, a finder chunk: thousands, whose list changes with a new word or a
    point more) only when its Markdown spells the file's name. Those files are keyed per page,
    not for all: a new shard no longer converts every page again. In the shared part stay the
    pages, the folders, any file whose name is not plain, and any file named by what every
    page is made with (mkdocs.yml, the theme, `extra`)."""
    config = MKDOCS_CONFIG.read_bytes()
    digest = hashlib.sha256(config)
    extra_text = json.dumps(extra, sort_keys=True, ensure_ascii=False, default=str)
    digest.update(extra_text.encode())
    for package in VERSIONED:
        try:
            digest.update(f"{package}={metadata.version(package)}\0".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{package}=\0".encode())
    named = set(_PLAIN_NAME.findall(unquote(config.decode("utf-8", "replace") + extra_text)))
    for path in sorted(p for p in THEME.rglob("*") if p.is_file()):
        digest.update(path.relative_to(THEME).as_posix().encode() + b"\0")
        data = path.read_bytes()
        digest.update(data)
        named.update(_PLAIN_NAME.findall(unquote(data.decode("utf-8", "replace"))))
    by_name: dict[str, list[str]] = {}
    root = os.fspath(docs)
    listed: list[str] = []
    for folder, folders, files in os.walk(root):
        relative = os.path.relpath(folder, root).replace(os.sep, "/")
        prefix = "" if relative == "." else relative + "/"
        listed += [prefix + name + "/" for name in folders]
        for name in files:
            if name.endswith(".md") or name in named or not _PLAIN_NAME.fullmatch(name):
                listed.append(prefix + name)
            else:
                by_name.setdefault(name, []).append(prefix + name)
    for entry in sorted(listed):
        digest.update(entry.encode() + b"\0")
    return digest.digest(), by_name


def named_files(text: bytes, by_name: dict[str, list[str]]) -> bytes:
    """The files of `by_name` (name → paths in the docs folder) whose name the page's Markdown
    spells, percent-encoded or not: the only ones of them its links can resolve to."""
    words = set(_PLAIN_NAME.findall(unquote(text.decode("utf-8", "replace"))))
    found = sorted(path for name in words & by_name.keys() for path in by_name[name])
    return "\0".join(found).encode()


def _config_nav() -> object:
    class _Loader(yaml.SafeLoader):
        pass

    # mkdocs.yml names Python callables (`!!python/name:`); only the navigation matters here.
    _Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda *_: None)
    return (yaml.load(MKDOCS_CONFIG.read_text(encoding="utf-8"), Loader=_Loader) or {}).get("nav")


def _nav_titled(nav: object) -> bool:
    """Whether every entry of the navigation has its title written in mkdocs.yml."""
    if nav is None:
        return False  # mkdocs would list every page by its own title
    if isinstance(nav, list):
        return all(isinstance(item, dict) and _nav_titled(item) for item in nav)
    if isinstance(nav, dict):
        return all(isinstance(v, str) or _nav_titled(v) for v in nav.values())
    return False


class PageReuse:
    """`before(docs, site)` puts the pages the cache has into the site before mkdocs runs;
    mkdocs, run `dirty`, then skips them (a page whose built file is not older than its source
    is neither read nor rendered: that was a theme render per page, ~0.3 s CPU of a monthly
    build); `after(site)` keeps the pages it built."""

    def __init__(self, cache: OutputCache, extra: dict) -> None:
        self.cache = cache
        self.extra = extra
        self.reused: set[str] = set()
        self.built: dict[str, str] = {}

    def before(self, docs: Path, site: Path) -> None:
        if not _nav_titled(_config_nav()):
            return  # a page's title taken from its content would be in every page's navigation
        shared, by_name = shared_key(docs, self.extra)
        for page in sorted(docs.rglob("*.md")):
            relative = page.relative_to(docs).as_posix()
            text = page.read_bytes()
            key = self.cache.key(NAMESPACE, shared, relative.encode(), text, named_files(text, by_name))
            html = self.cache.get(key)
            if html is None:
                self.built[relative] = key
                continue
            target = site / built_page(relative)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(html)
            _not_older(target, page)
            self.reused.add(relative)

    def after(self, site: Path) -> None:
        for relative, key in self.built.items():
            self.cache.put(key, (site / built_page(relative)).read_bytes())


def _not_older(built: Path, source: Path) -> None:
    """mkdocs rebuilds a page whose built file is older than its source (`File.is_modified`):
    written after it, it is not, unless the clock went back; then it is given the source's time.
    The Markdown stays whole, so a page mkdocs built anyway would still be right."""
    written, read = built.stat(), source.stat()
    if written.st_mtime_ns < read.st_mtime_ns:
        os.utime(built, ns=(written.st_atime_ns, read.st_mtime_ns))
