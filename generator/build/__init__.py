"""Pipeline stage 6, build: write the rendered pages beside the hand-written ones in site_src/,
run mkdocs, and replace the published site only when all of it succeeded.

Nothing is generated inside the repository: site_src/ is copied to a staging folder next to the
output, so a failed build leaves both the sources and the old site untouched.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import tempfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from generator.build.framing import FramingError, write_framed
from generator.build.stash import StashError, restore_blocks, stash_blocks
from generator.contract import PROJECT_ROOT
from generator.framed import FramedPage

MKDOCS_CONFIG = PROJECT_ROOT / "mkdocs.yml"
SOURCES = PROJECT_ROOT / "site_src"


class BuildError(Exception):
    """The site could not be built; the published site was left as it was."""


def build_site(
    pages: dict[str, str | bytes | FramedPage],
    out: Path,
    extra: dict,
    source_date_epoch: int,
    alongside: Callable[[Path, Path], None] | None = None,
) -> None:
    """`pages` maps a path inside the docs folder to Markdown text or to any other file's content
    (JSON, CSV, HTML), which mkdocs copies as it is, or to a `FramedPage`: then the path is where
    the page goes in the built site, written from its frame after mkdocs ran.
    `alongside(docs, extra)` runs in a thread while mkdocs builds (printing PDFs with Chromium uses
    the core mkdocs leaves idle); what it writes under `extra` joins the site before the site
    replaces `out`."""
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-build-", dir=out.parent))
    try:
        docs = staging / "docs"
        shutil.copytree(SOURCES, docs)
        stashed: dict[str, list[str]] = {}
        framed = {path: page for path, page in pages.items() if isinstance(page, FramedPage)}
        for relative, content in sorted(pages.items()):
            if isinstance(content, FramedPage):
                continue
            target = docs / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, str) and relative.endswith(".md"):
                content, blocks = stash_blocks(content)
                if blocks:
                    stashed[relative] = blocks
            target.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        with ThreadPoolExecutor(1) as pool:
            side = pool.submit(alongside, docs, staging / "extra") if alongside else None
            _run_mkdocs(docs, staging / "site", extra, source_date_epoch)
            try:
                restore_blocks(staging / "site", stashed)
                write_framed(staging / "site", framed)
            except (OSError, StashError, FramingError) as exc:
                raise BuildError(f"Không ghép lại được trang sau khi dựng: {exc}") from exc
            if side is not None:
                side.result()
        if (staging / "extra").exists():
            shutil.copytree(staging / "extra", staging / "site", dirs_exist_ok=True)
        _swap(staging / "site", out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _run_mkdocs(docs: Path, site: Path, extra: dict, source_date_epoch: int) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    # mkdocs stamps the sitemap with the build date; pinning it keeps two builds identical.
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(source_date_epoch)
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    try:
        config = load_config(str(MKDOCS_CONFIG), docs_dir=str(docs), site_dir=str(site))
        config["extra"].update(extra)
        build(config)
    except MkDocsException as exc:
        raise BuildError(f"mkdocs không dựng được trang: {exc}") from exc
    finally:
        if previous is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous


def _swap(new_site: Path, out: Path) -> None:
    """Two renames: the old site is replaced in one step and removed only afterwards."""
    old = out.with_name(out.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if out.exists():
        out.rename(old)
    try:
        new_site.rename(out)
    except OSError:
        with contextlib.suppress(OSError):
            old.rename(out)
        raise
    shutil.rmtree(old, ignore_errors=True)
