"""Prints speed figures for the README's targets; asserts nothing (targets are read, not tested).

    python scripts/benchmark.py [--points 30000] [--keep DIR]

Figures: validation of one province file and of a national-sized set (targets ≤ 0.5 s and ≤ 3 s
on the 2-core reference machine), the national validation's CPU beside the floor measured in the
same run (pandas reading the same files; target ≤ 3×), and a full build of the synthetic set.
Then every module in scripts/benchmarks/ reports its own figures: each has
`report(data: Path, site: Path) -> None`, given the synthetic dataset and the site built from it.
"""

from __future__ import annotations

import argparse
import compileall
import importlib
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.load.layout import province_files
from generator.phones import parse_phone
from generator.pipeline import run, validate_paths
from generator.synth import write_synthetic_dataset
from generator.units import admin_units
from generator.validate.checks.phones import cache_clear as phone_reading_cache_clear
from generator.validate.memo import forget_seen


def cold_caches() -> None:
    """Each run starts as a fresh process would: no phone or commune seen before."""
    parse_phone.cache_clear()
    phone_reading_cache_clear()
    admin_units().resolver.forget()
    forget_seen()


def timed(label: str, action, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        cold_caches()
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    best = min(times)
    print(f"{label}: best {best:.2f} s, median {statistics.median(times):.2f} s ({repeat} runs)")
    return best


def cpu_seconds() -> float:
    """User + system CPU of this process and of its finished children (validation workers)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


# One validation in a fresh process, the reference data (units, place tables, phone plan) loaded
# first: those load once per process whatever the input, while every cache of the data's own
# values (phones, communes, folded names, coordinates, phone shapes) starts empty, as in a build.
_FRESH_VALIDATION = """
import resource, sys
from pathlib import Path
from generator.phone_plan import number_type
from generator.pipeline import validate_paths
from generator.units import admin_units
units = admin_units()
for code in units.provinces:
    units.resolver.places(code)
number_type("912345678")
files = [Path(name) for name in sys.argv[2:]]
usage = resource.getrusage(resource.RUSAGE_SELF)
start = usage.ru_utime + usage.ru_stime
validate_paths(files, Path(sys.argv[1]))
usage = resource.getrusage(resource.RUSAGE_SELF)
print(usage.ru_utime + usage.ru_stime - start)
"""


def fresh_validation_cpu(files: list[Path], data: Path) -> float:
    command = [sys.executable, "-c", _FRESH_VALIDATION, str(data), *map(str, files)]
    return float(subprocess.run(command, check=True, capture_output=True, text=True).stdout)


def validation_against_floor(files: list[Path], data: Path, repeat: int = 5) -> None:
    """CPU seconds, the figure that stays stable on a shared machine: reading the files with
    pandas (the floor) and validating them in a fresh process, side by side in one run, best of
    `repeat` each (the other agents of a shared machine slow a run; the best of five is less often
    a slowed one than the best of three)."""
    import pandas

    floor, validation = [], []
    for _ in range(repeat):
        start = cpu_seconds()
        for path in files:
            pandas.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        floor.append(cpu_seconds() - start)
        validation.append(fresh_validation_cpu(files, data))
    ratio = min(validation) / min(floor)
    verdict = "OK" if ratio <= 3 else "MISSES the target"
    print(
        f"validate the nation, CPU (a fresh process, reference data loaded): {min(validation):.2f} s; "
        f"pandas.read_csv of the same files: {min(floor):.2f} s; ratio {ratio:.1f}× [target ≤ 3×] {verdict}"
    )


def site_size(path: Path) -> str:
    total = sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
    return f"{total / 1024 / 1024:.1f} MB in {sum(1 for p in path.rglob('*') if p.is_file())} files"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=int, default=30_000)
    parser.add_argument("--months", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="keep the synthetic data here")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-"))
    # Builds below are new processes. Where PYTHONDONTWRITEBYTECODE is set (CI images, sandboxes),
    # each would compile the generator's hundred modules again (0.2-0.3 s of CPU), which an
    # installed copy never does: pip compiles a package when it installs it.
    compileall.compile_dir(Path(__file__).resolve().parent.parent / "generator", quiet=1)
    print("generator's bytecode compiled first, as pip does when it installs a package")
    print(f"Synthetic dataset: {args.points} points × {args.months} months in {work}")
    start = time.perf_counter()
    write_synthetic_dataset(work, points=args.points, months=args.months, seed=1)
    print(f"synth: {time.perf_counter() - start:.2f} s")

    admin_units()  # loaded once per process in real runs too; counted separately
    files = province_files(work)
    csvs = [p for p in files if p.suffix == ".csv"]
    latest = max(p.stem for p in csvs)
    nation = [p for p in csvs if p.stem == latest]
    biggest = max(nation, key=lambda p: p.stat().st_size)
    rows = sum(p.read_bytes().count(b"\n") - 1 for p in nation)
    biggest_rows = biggest.read_bytes().count(b"\n") - 1
    timed(
        f"validate one province ({biggest.parent.name}, {biggest_rows} rows) [target ≤ 0.5 s]",
        lambda: validate_paths([biggest], work),
    )
    timed(
        f"validate the nation ({len(nation)} files, {rows} rows) [target ≤ 3 s]",
        lambda: validate_paths(nation, work),
    )
    validation_against_floor(nation, work)
    out = work / "site"
    # The data's newest month, not the calendar's: the figures must not depend on the day they run.
    timed("build (whole pipeline + mkdocs)", lambda: run(work, latest, out), repeat=1)
    print(f"built site: {site_size(out)}")
    for module in sorted((Path(__file__).parent / "benchmarks").glob("[!_]*.py")):
        print(f"\n## {module.stem}")
        importlib.import_module(f"benchmarks.{module.stem}").report(work, out)


if __name__ == "__main__":
    main()
