"""The print job of a month from the data folder: load and merge the month series, choose the
signs, and write the records, the quantities table, the HTML proofs and (optionally) the PDFs.

Files written in the output folder (<M> is the month, YYYY-MM):
  bien-hieu-<M>.csv        print records, one row per sign (UTF-8 with BOM, for Excel)
  bien-hieu-<M>.json       the same records for programs
  tong-hop-<M>.csv         quantities per province and national totals (like Phụ lục 3)
  ban-in-thu/<M>-<slug>.html   the proof of a province: one 90 × 130 cm page per sign
  pdf/<M>-<slug>.pdf       the same printed to PDF by Chromium
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass, field
from pathlib import Path

from generator.build.pdf import DEFAULT_CHROMIUM, TIMEOUT_SECONDS, print_pdfs
from generator.load.layout import MONTH_FILE, display_path
from generator.merge import Directory, merge, resolve_month
from generator.render.format import month_label, number
from generator.signage.plan import SignPlan, plan_signs
from generator.signage.proof import render_proof
from generator.signage.records import plan_json, signs_csv, summary_csv
from generator.units import admin_units
from generator.validate.dataset import validate_dataset

PROOF_DIR = "ban-in-thu"
PDF_DIR = "pdf"
# Chromium lays out and prints a 90 × 130 cm page in well under this; the budget grows with the
# number of pages so a province re-equipping everything is not cut short.
PDF_SECONDS_PER_SIGN = 0.5


class SignageError(ValueError):
    """Bad input (month, province, data folder): a Vietnamese message for the person at the
    keyboard."""


@dataclass
class SignageResult:
    plan: SignPlan
    out: Path
    files: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    pdfs: int = 0


def load_directories(
    data_root: Path, month: str | None, since: str | None
) -> tuple[Directory, Directory | None]:
    """The published directory of the month, and of the baseline month when one is given."""
    if not (data_root / "provinces").is_dir():
        raise SignageError(f"Không có thư mục {display_path(data_root)}/provinces (xem --data).")
    validation = validate_dataset(data_root)
    month = resolve_month(validation.validated, month, data_root, SignageError)
    check_months(month, since)
    directory = merge(validation.validated, month)
    if not any(s.has_data for s in directory.provinces):
        raise SignageError(f"Chưa có danh sách nào của tháng {month} hoặc trước đó.")
    baseline = merge(validation.validated, since) if since else None
    return directory, baseline


def check_months(month: str, since: str | None) -> None:
    if not MONTH_FILE.match(f"{month}.csv"):
        raise SignageError(f"--month “{month}” cần dạng YYYY-MM, ví dụ 2026-11.")
    if since is not None:
        if not MONTH_FILE.match(f"{since}.csv"):
            raise SignageError(f"--since “{since}” cần dạng YYYY-MM, ví dụ 2026-10.")
        if since >= month:
            raise SignageError(f"--since {since} phải là tháng trước --month {month}.")


def check_province(slug: str | None) -> None:
    if slug is not None and admin_units().province_by_slug(slug) is None:
        raise SignageError(f"--province “{slug}” không phải mã tỉnh (ví dụ lai-chau, ho-chi-minh).")


def write_records(plan: SignPlan, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    files = {
        out / f"bien-hieu-{plan.month}.csv": signs_csv(plan.signs),
        out / f"bien-hieu-{plan.month}.json": plan_json(plan).encode("utf-8"),
        out / f"tong-hop-{plan.month}.csv": summary_csv(plan),
    }
    for path, data in files.items():
        path.write_bytes(data)
    return list(files)


def write_proofs(plan: SignPlan, out: Path) -> list[Path]:
    """One HTML per province with signs; proofs of the month left from an earlier run with
    another scope are removed so the folder holds exactly this job."""
    folder = out / PROOF_DIR
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob(f"{plan.month}-*.html"):
        old.unlink()
    by_slug = plan.by_province()
    written = []
    for tally in plan.tallies:
        signs = by_slug.get(tally.province.slug)
        if not signs:
            continue
        path = folder / f"{plan.month}-{tally.province.slug}.html"
        path.write_text(render_proof(tally.province, signs, plan.month), encoding="utf-8")
        written.append(path)
    return written


def write_pdfs(plan: SignPlan, out: Path, proofs: list[Path], chromium: Path = DEFAULT_CHROMIUM) -> list[str]:
    if not proofs:
        return []
    if not (chromium.is_file() and os.access(chromium, os.X_OK)):
        return [f"Không tìm thấy Chromium ở {chromium}: chưa in bản PDF (bản HTML đã có trong {PROOF_DIR}/)."]
    folder = out / PDF_DIR
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob(f"{plan.month}-*.pdf"):
        old.unlink()
    largest = max(len(signs) for signs in plan.by_province().values())
    timeout = max(TIMEOUT_SECONDS, math.ceil(largest * PDF_SECONDS_PER_SIGN))
    return print_pdfs(proofs, folder, chromium=chromium, timeout=timeout)


def run_signage(
    data_root: Path,
    month: str | None,
    out: Path | None,
    province: str | None = None,
    since: str | None = None,
    all_points: bool = False,
    pdf: bool | None = None,
) -> SignageResult:
    """The whole job. `pdf` None: PDFs for a monthly delta, none for a full set (`--all`)."""
    check_province(province)
    if month is not None:
        check_months(month, since)
    directory, baseline = load_directories(data_root, month, since)
    plan = plan_signs(directory, baseline, province, all_points)
    target = out or Path(f"bien-hieu-{plan.month}")
    result = SignageResult(plan, target)
    result.files = write_records(plan, target)
    proofs = write_proofs(plan, target)
    result.files += proofs
    if pdf if pdf is not None else not all_points:
        result.warnings = write_pdfs(plan, target, proofs)
        result.pdfs = sum(1 for p in proofs if (target / PDF_DIR / f"{p.stem}.pdf").is_file())
    else:
        # PDFs of an earlier run would no longer match the proofs just written.
        for old in (target / PDF_DIR).glob(f"{plan.month}-*.pdf"):
            old.unlink()
    return result


def describe(result: SignageResult) -> str:
    """What the command prints: the quantities, the provinces without a list this month, and
    where the files went."""
    plan = result.plan
    against = (
        f"so với danh sách đang công bố {month_label(plan.since)}"
        if plan.since
        else ("so với danh sách trước đó của mỗi tỉnh")
    )
    scope = "toàn bộ biển hiệu" if plan.all_points else "biển hiệu cần in"
    lines = [
        f"{scope.capitalize()} {month_label(plan.month)} ({against}): {number(plan.total('signs'))} "
        f"biển hiệu, {number(plan.total('new'))} mới, {number(plan.total('replaced'))} thay thế; "
        f"{number(plan.total('removed'))} điểm thu đã bỏ (thu hồi biển hiệu)."
    ]
    for tally in plan.tallies:
        if tally.signs:
            lines.append(
                f"  {tally.province.name}: {number(tally.signs)} ({number(tally.new)} mới, "
                f"{number(tally.replaced)} thay thế)"
            )
    if not plan.all_points and plan.since is None:
        idle = [t for t in plan.tallies if t.data_month != plan.month]
        if idle:
            names = ", ".join(f"{t.province.short_name} ({month_label(t.data_month)})" for t in idle)
            lines.append(f"Chưa gửi danh sách {month_label(plan.month)}, không có biển hiệu cần in: {names}.")
    shown = display_path(result.out)
    written = [p.name for p in result.files if p.parent == result.out]
    proofs = sum(1 for p in result.files if p.parent.name == PROOF_DIR)
    written.append(f"{PROOF_DIR}/ ({proofs} file HTML)")
    if result.pdfs:
        written.append(f"{PDF_DIR}/ ({result.pdfs} file PDF)")
    lines.append(f"Đã ghi vào {shown}/: {', '.join(written)}.")
    return "\n".join(lines)
