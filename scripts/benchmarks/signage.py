"""Signage: the national full set (`signage --all`, ~30,000 signs) written as CSV + JSON + HTML
proofs (target ≤ 60 s), and the PDF of the largest province's monthly delta.

Wall-clock times and this process's CPU time are both printed: on a busy shared machine the CPU
time says what the work costs (validation runs in worker processes and is not in it)."""

from __future__ import annotations

import re
import tempfile
import time
from pathlib import Path

from benchmarks._measure import budget

from generator.build.pdf import DEFAULT_CHROMIUM
from generator.signage.job import PDF_DIR, load_directories, write_pdfs, write_proofs, write_records
from generator.signage.plan import plan_signs


def _timed(action):
    start, cpu = time.perf_counter(), time.process_time()
    value = action()
    return value, time.perf_counter() - start, time.process_time() - cpu


def _size(paths: list[Path]) -> str:
    return f"{sum(p.stat().st_size for p in paths) / 1024 / 1024:.1f} MB"


def report(data: Path, site: Path) -> None:
    with tempfile.TemporaryDirectory(prefix="bien-hieu-") as tmp:
        _report(data, Path(tmp))


def _report(data: Path, out: Path) -> None:
    (directory, baseline), load_s, load_cpu = _timed(lambda: load_directories(data, None, None))
    print(f"load + validate + merge {directory.month}: {load_s:.2f} s (CPU here {load_cpu:.2f} s)")
    full, plan_s, plan_cpu = _timed(lambda: plan_signs(directory, baseline, None, all_points=True))
    records, records_s, records_cpu = _timed(lambda: write_records(full, out / "all"))
    proofs, proofs_s, proofs_cpu = _timed(lambda: write_proofs(full, out / "all"))
    print(
        f"full set: {len(full.signs):,} signs; plan {plan_s:.2f} s, CSV + JSON {records_s:.2f} s "
        f"({_size(records)}), HTML proofs {proofs_s:.2f} s ({len(proofs)} files, {_size(proofs)})"
    )
    written, written_cpu = plan_s + records_s + proofs_s, plan_cpu + records_cpu + proofs_cpu
    budget("full set written as CSV + HTML (plan + records + proofs)", written, 60, "s")
    print(f"  the same in CPU time: {written_cpu:.1f} s")
    budget("full set including loading the month series", load_s + written, 60, "s")

    delta = plan_signs(directory)
    print(
        f"monthly delta {delta.month}: {len(delta.signs):,} signs "
        f"({delta.total('new'):,} new, {delta.total('replaced'):,} replacements)"
    )
    if not DEFAULT_CHROMIUM.is_file():
        print(f"delta PDF: skipped (no Chromium at {DEFAULT_CHROMIUM})")
        return
    biggest = max(delta.tallies, key=lambda t: t.signs)
    one = plan_signs(directory, province=biggest.province.slug)
    folder = out / "delta"
    html = write_proofs(one, folder)
    warnings, pdf_s, _ = _timed(lambda: write_pdfs(one, folder, html))
    pdf = folder / PDF_DIR / f"{html[0].stem}.pdf" if html else None
    if warnings or pdf is None or not pdf.is_file():
        print(f"delta PDF: not printed {warnings}")
        return
    pages = len(re.findall(rb"/Type\s*/Page\b", pdf.read_bytes()))
    per_page = pdf_s / max(pages, 1)
    print(
        f"delta PDF of {biggest.province.short_name}: {pages} pages of 90 × 130 cm, "
        f"{pdf.stat().st_size / 1024:.0f} KB in {pdf_s:.2f} s ({per_page:.3f} s per page); "
        f"the national delta ({len(delta.signs):,} pages) would take ~{per_page * len(delta.signs):.0f} s"
    )
