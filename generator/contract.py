"""The submission contract, read from the Frictionless Table Schema shipped in directory_data/."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from generator.text import fold_compact

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SCHEMA_PATH = PROJECT_ROOT / "directory_data" / "schema" / "diem-thu.schema.json"
# Row numbers, and the result column that `validate --fix` adds (a corrected list comes back with it).
IGNORED_HEADERS = {"stt", "sott", "sothutu", "ketquakiemtra"}
PHONE_KEYS = ("fixed_phone", "mobile_phone")


@dataclass(frozen=True)
class Column:
    key: str  # name used in code
    title: str  # header as the template writes it
    required: bool
    publish: bool
    max_length: int
    description: str
    aliases: tuple[str, ...] = ()  # other headers people write for it ("Quận/Huyện (cũ)")


@cache
def columns() -> tuple[Column, ...]:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return tuple(
        Column(
            key=f["key"],
            title=f["name"],
            required=f.get("constraints", {}).get("required", False),
            publish=f["publish"],
            max_length=f.get("constraints", {}).get("maxLength", 200),
            description=f["description"],
            aliases=tuple(f.get("aliases", ())),
        )
        for f in schema["fields"]
    )


@cache
def column_by_header() -> dict[str, Column]:
    """Headers match ignoring case, spacing, punctuation and diacritics; aliases too."""
    found = {fold_compact(alias): c for c in columns() for alias in c.aliases}
    found.update({fold_compact(c.title): c for c in columns()})
    return found


def column(key: str) -> Column:
    return _by_key()[key]  # asked for every cell checked: a lookup, not a search


@cache
def _by_key() -> dict[str, Column]:
    return {c.key: c for c in columns()}


def published_keys() -> tuple[str, ...]:
    return tuple(c.key for c in columns() if c.publish)
