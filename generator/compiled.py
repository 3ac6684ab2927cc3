"""Compiled jinja2 templates kept between builds: compiling the site's, the leaflets' and the
theme's templates cost every build about a second. Shared by the render stage (its environments)
and the build stage (mkdocs' environment); the pipeline says where they are kept."""

from __future__ import annotations

import hashlib
import sys
from importlib import metadata
from pathlib import Path
from typing import ClassVar

import jinja2


class CompiledTemplates(jinja2.BytecodeCache):
    """Where an environment keeps its compiled templates between builds, once the build says
    where (`keep_compiled`): compiling the templates cost a build about a second. Nothing is kept
    until then (a test, `--no-cache`). jinja2 checks each entry against its template's source and
    its own and Python's versions; the folder also changes with the code that sets the
    environment's options (`versions`), which jinja2 does not check."""

    folders: ClassVar[dict[str, CompiledTemplates]] = {}

    def __init__(self, name: str) -> None:
        self.name = name
        self.inner: jinja2.FileSystemBytecodeCache | None = None
        CompiledTemplates.folders[name] = self

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if self.inner is not None:
            self.inner.load_bytecode(bucket)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if self.inner is not None:
            self.inner.dump_bytecode(bucket)


def keep_compiled(folder: Path | None, versions: str = "") -> None:
    """Every environment keeps its compiled templates under `folder` (None: nowhere).
    `versions`: what else decides the compiled code (the generator's own version)."""
    for name, compiled in CompiledTemplates.folders.items():
        if folder is None:
            compiled.inner = None
            continue
        digest = hashlib.sha256(
            f"{versions}\0{sys.version}\0{jinja2.__version__}\0{_versions()}\0{name}".encode()
        ).hexdigest()[:24]
        where = folder / digest
        try:
            where.mkdir(parents=True, exist_ok=True)
        except OSError:
            compiled.inner = None  # a cache that cannot be written only costs time
            continue
        compiled.inner = jinja2.FileSystemBytecodeCache(str(where))


def _versions() -> str:
    # mkdocs and its theme set their environment's options themselves.
    return ",".join(f"{p}={metadata.version(p)}" for p in ("mkdocs", "mkdocs-material"))


# mkdocs makes its environment itself: `build/mkdocs_hooks.py` gives it this one.
THEME_TEMPLATES = CompiledTemplates("theme")
