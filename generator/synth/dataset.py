"""Writing a synthetic dataset: `provinces/<slug>/<YYYY-MM>.csv` for consecutive months, a
manifest of every planted change, and a `dataset.yaml` that marks the data as not real."""

from __future__ import annotations

import codecs
import itertools
import json
import random
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from generator.synth import churn
from generator.synth.churn import ChurnRates
from generator.synth.points import PUBLISHED_KEYS, ProvinceSim, make_style
from generator.synth.reference import signs_by_province
from generator.units import admin_units

# Column headers of the data contract (directory_data/schema/diem-thu.schema.json), STT first.
HEADER = ("STT", "Mã điểm thu", "Tên đại lý thu", "Tên điểm thu", "Địa chỉ", "Xã/Phường",
          "Tỉnh/Thành phố", "Điện thoại cố định", "Điện thoại di động", "Giờ làm việc", "Vĩ độ",
          "Kinh độ", "Nhân viên thu", "Ghi chú")  # fmt: skip
MANIFEST_NAME = "synth-manifest.json"
_MONTH_FILE = re.compile(r"^\d{4}-\d{2}\.csv$")
_COMMUNE_CODE = 13  # index of the commune code appended to each row by ProvinceSim.rows

Row = tuple[str, ...]


@dataclass(frozen=True)
class MonthChanges:
    """What differs between a province's file and its previous file (a skipped month folds in)."""

    month: str
    previous: str
    added: tuple[str, ...]
    removed: tuple[str, ...]
    moved: dict[str, tuple[str, str]]  # code → (commune code before, commune code after)
    changed: dict[str, tuple[str, ...]]  # code → published field keys that changed (not moved)


@dataclass
class ProvinceSummary:
    code: str
    slug: str
    name: str
    late: bool
    rows: dict[str, int]  # month → rows, for the months that have a file
    skipped: tuple[str, ...]  # months without a file
    changes: list[MonthChanges] = field(default_factory=list)


@dataclass(frozen=True)
class Quirk:
    """A deliberate imperfection in the sample that a validator should warn about."""

    province: str  # slug
    code: str
    field: str  # schema key
    value: str  # the cell as written
    kind: str  # legacy_commune, mobile_without_zero, phone_spacing, decimal_comma


@dataclass
class SynthSummary:
    seed: int
    points: int
    months: tuple[str, ...]
    late_share: float
    sample: bool
    provinces: dict[str, ProvinceSummary]  # by slug, in province-code order
    quirks: list[Quirk] = field(default_factory=list)

    def counts(self) -> dict[str, dict[str, int]]:
        """Rows per province slug per month (months without a file are absent)."""
        return {slug: dict(p.rows) for slug, p in self.provinces.items()}

    def files(self) -> list[str]:
        return [f"provinces/{slug}/{month}.csv" for slug, p in self.provinces.items() for month in p.rows]

    def to_dict(self) -> dict:
        """Plain data for the manifest (built by hand: `dataclasses.asdict` deep-copies slowly)."""
        return {
            "seed": self.seed,
            "points": self.points,
            "months": list(self.months),
            "late_share": self.late_share,
            "sample": self.sample,
            "provinces": {
                slug: {
                    "code": p.code,
                    "name": p.name,
                    "late": p.late,
                    "rows": p.rows,
                    "skipped": list(p.skipped),
                    "changes": [
                        {
                            "month": c.month,
                            "previous": c.previous,
                            "added": list(c.added),
                            "removed": list(c.removed),
                            "moved": {k: {"from": a, "to": b} for k, (a, b) in c.moved.items()},
                            "changed": {k: list(v) for k, v in c.changed.items()},
                        }
                        for c in p.changes
                    ],
                }
                for slug, p in self.provinces.items()
            },
            "quirks": [
                {"province": q.province, "code": q.code, "field": q.field, "value": q.value, "kind": q.kind}
                for q in self.quirks
            ],
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def month_range(first_month: str, months: int) -> tuple[str, ...]:
    year, month = (int(part) for part in first_month.split("-"))
    result = []
    for _ in range(months):
        result.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return tuple(result)


def allocate(total: int, weights: Mapping[str, float], minimum: int = 1) -> dict[str, int]:
    """Split `total` in proportion to `weights` (largest remainder), at least `minimum` each when
    the total allows it."""
    keys = sorted(weights)
    floor_each = minimum if total >= minimum * len(keys) else 0
    rest = total - floor_each * len(keys)
    weight_sum = sum(weights[k] for k in keys)
    shares = {k: rest * weights[k] / weight_sum for k in keys}
    counts = {k: floor_each + int(shares[k]) for k in keys}
    leftover = total - sum(counts.values())
    by_remainder = sorted(keys, key=lambda k: (-(shares[k] - int(shares[k])), k))
    for key in by_remainder[:leftover]:
        counts[key] += 1
    return counts


def late_schedule(
    rng: random.Random, slugs: list[str], months: tuple[str, ...], late_share: float
) -> dict[str, tuple[str, ...]]:
    """Months each late province has no file for. The first month always has one, so every
    province has a baseline; most late provinces simply have not sent the latest month(s) yet."""
    if len(months) < 2:
        return {}
    late = sorted(rng.sample(sorted(slugs), round(late_share * len(slugs))))
    schedule: dict[str, tuple[str, ...]] = {}
    for slug in late:
        if rng.random() < 0.7 or len(months) < 3:
            behind = rng.randint(1, min(2, len(months) - 1))
            schedule[slug] = months[-behind:]
        else:
            schedule[slug] = (months[rng.randrange(1, len(months) - 1)],)
    return schedule


def diff_rows(previous: dict[str, Row], current: dict[str, Row], month: str, before: str):
    """The changes between two files of a province, classified as the manifest reports them."""
    moved: dict[str, tuple[str, str]] = {}
    changed: dict[str, tuple[str, ...]] = {}
    for code in sorted(previous.keys() & current.keys()):
        old, new = previous[code], current[code]
        if old is new:  # untouched points reuse their row
            continue
        if old[_COMMUNE_CODE] != new[_COMMUNE_CODE]:
            moved[code] = (old[_COMMUNE_CODE], new[_COMMUNE_CODE])
            continue
        fields = tuple(key for i, key in enumerate(PUBLISHED_KEYS, start=1) if old[i] != new[i])
        if fields:
            changed[code] = fields
    return MonthChanges(
        month=month,
        previous=before,
        added=tuple(sorted(current.keys() - previous.keys())),
        removed=tuple(sorted(previous.keys() - current.keys())),
        moved=moved,
        changed=changed,
    )


def _csv_cell(text: str) -> str:
    # The quoting of csv.QUOTE_MINIMAL: only cells with a comma, quote or line break.
    if "," in text or '"' in text or "\n" in text or "\r" in text:
        return '"' + text.replace('"', '""') + '"'
    return text


def write_csv(path: Path, rows: list[Row], lines: dict[Row, str] | None = None) -> None:
    """Excel's "CSV UTF-8": BOM, commas, CRLF; STT numbers the rows.

    Rows are serialised by hand with the csv module's minimal quoting: `csv.writer` spends ~6 µs
    on a row of Vietnamese text, which was most of the time for 30,000 points × 12 months.
    `lines` caches the serialisation of rows that repeat from month to month.
    """
    cache = {} if lines is None else lines
    parts = [",".join(_csv_cell(h) for h in HEADER)]
    for number, row in enumerate(rows, start=1):
        line = cache.get(row)
        if line is None:
            line = cache[row] = ",".join(map(_csv_cell, row[:_COMMUNE_CODE]))
        parts.append(f"{number},{line}")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(codecs.BOM_UTF8 + ("\r\n".join(parts) + "\r\n").encode("utf-8"))


def clear_month_files(out: Path) -> None:
    """Remove earlier month files so a regenerated dataset has no stale, newer month left over.

    Refuses when the folder holds lists not marked as generated (no `dataset.yaml` saying
    `sample: true`): once real lists live in directory_data/, regenerating must not delete them.
    """
    stale = [p for p in sorted(out.glob("provinces/*/*.csv")) if _MONTH_FILE.match(p.name)]
    if not stale:
        return
    info_path = out / "dataset.yaml"
    info = yaml.safe_load(info_path.read_text(encoding="utf-8")) if info_path.exists() else None
    if not (isinstance(info, dict) and info.get("sample") is True):
        raise SynthError(
            f"{out} đã có danh sách không được đánh dấu là dữ liệu mẫu (dataset.yaml: sample: true); "
            "không ghi đè. Chọn thư mục khác."
        )
    for path in stale:
        path.unlink()


class SynthError(RuntimeError):
    """The target folder cannot be written to."""


def generate(
    out: Path,
    counts: Mapping[str, int],  # points per province code in the first month
    months: tuple[str, ...],
    seed: int,
    rates: ChurnRates,
    skipped: Mapping[str, tuple[str, ...]] | None = None,  # by slug; drawn when None
    late_share: float = 0.0,
    sample: bool = False,
    # Rewrites cells of chosen rows in place (slug → month → code → row); the sample's imperfections.
    quirk_hook: Callable[[dict[str, dict[str, dict[str, Row]]]], list[Quirk]] | None = None,
    description: str = "",
) -> SynthSummary:
    rng = random.Random(seed)
    units = admin_units()
    provinces = [units.provinces[code] for code in sorted(counts)]
    sims = {}
    for province in provinces:
        sim = ProvinceSim(province, rng, make_style(rng, province))
        sim.seed_points(counts[province.code])
        sims[province.slug] = sim
    if skipped is None:
        skipped = late_schedule(rng, [p.slug for p in provinces], months, late_share)

    # The truth evolves every month; late provinces just do not write some of it out.
    snapshots: dict[str, dict[str, dict[str, Row]]] = {p.slug: {} for p in provinces}
    for index, month in enumerate(months):
        for province in provinces:
            sim = sims[province.slug]
            if index:
                churn.step(sim, month, rates)
            if month not in skipped.get(province.slug, ()):
                snapshots[province.slug][month] = {row[0]: row for row in sim.rows()}

    summary = SynthSummary(
        seed=seed,
        points=sum(counts.values()),
        months=months,
        late_share=late_share,
        sample=sample,
        provinces={},
    )
    for province in provinces:
        by_month = snapshots[province.slug]
        entry = ProvinceSummary(
            code=province.code,
            slug=province.slug,
            name=province.name,
            late=bool(skipped.get(province.slug)),
            rows={month: len(rows) for month, rows in by_month.items()},
            skipped=tuple(m for m in months if m not in by_month),
        )
        written = list(by_month)
        for before, month in itertools.pairwise(written):
            entry.changes.append(diff_rows(by_month[before], by_month[month], month, before))
        summary.provinces[province.slug] = entry

    # Imperfections are applied after the diff: they change how a cell is typed, not the point.
    if quirk_hook is not None:
        summary.quirks = quirk_hook(snapshots)

    clear_month_files(out)
    for slug, by_month in snapshots.items():
        lines: dict[Row, str] = {}
        for month, rows in by_month.items():
            write_csv(out / "provinces" / slug / f"{month}.csv", list(rows.values()), lines)
    (out / MANIFEST_NAME).write_text(summary.to_json(), encoding="utf-8")
    write_dataset_yaml(out, description, seed, months)
    return summary


def write_dataset_yaml(out: Path, description: str, seed: int, months: tuple[str, ...]) -> None:
    text = (
        "# Sinh tự động bởi generator.synth: không sửa tay, chạy lại lệnh sinh dữ liệu.\n"
        "sample: true\n"
        f'description: "{description}"\n'
        "generator: generator.synth\n"
        f"seed: {seed}\n"
        f'first_month: "{months[0]}"\n'
        f'last_month: "{months[-1]}"\n'
    )
    (out / "dataset.yaml").write_text(text, encoding="utf-8")


def write_synthetic_dataset(
    out: Path,
    points: int,
    months: int,
    seed: int,
    first_month: str = "2026-01",
    late_share: float = 0.1,
) -> SynthSummary:
    """Write `out/provinces/<slug>/<YYYY-MM>.csv` for `months` consecutive months, about `points`
    collection points in the first month shared among the 34 provinces in proportion to the 2018
    sign quantities, with realistic monthly churn; also `out/synth-manifest.json` and
    `out/dataset.yaml` (sample: true). Same arguments, same bytes."""
    counts = allocate(points, signs_by_province())
    return generate(
        out,
        counts,
        month_range(first_month, months),
        seed,
        ChurnRates(),
        late_share=late_share,
        description="Dữ liệu tổng hợp sinh tự động để thử nghiệm, không phải danh sách thật",
    )
