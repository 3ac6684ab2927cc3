"""Open data under du-lieu/: the package validates with frictionless, the CSV opens in Excel
(UTF-8 BOM, formulas neutralised), the three files agree, and nothing unpublished leaks."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import frictionless
import pytest
from sample_data import sample_root, sample_validation

from generator.contract import columns, published_keys
from generator.enrich import enrich
from generator.merge import Directory, latest_month, merge
from generator.render.format import point_path
from generator.render.open_data import (
    COLUMNS,
    DATA_DIR,
    KINDS,
    NAMES,
    _csv_cell,
    _parts,
    neutralise,
    render_open_data,
)


@pytest.fixture(scope="module")
def directory() -> Directory:
    validation = sample_validation()
    return enrich(merge(validation.validated, latest_month(validation.validated)))


@pytest.fixture(scope="module")
def files(directory: Directory) -> dict[str, str | bytes]:
    return render_open_data(directory)


@pytest.fixture(scope="module")
def written(files: dict[str, str | bytes], tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("open-data")
    for relative, content in files.items():
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return root / DATA_DIR


def csv_rows(files: dict[str, str | bytes]) -> list[dict[str, str]]:
    raw = files[f"{DATA_DIR}/diem-thu.csv"]
    assert isinstance(raw, bytes)
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def test_frictionless_validates_the_package(written: Path) -> None:
    report = frictionless.validate(written / "datapackage.json")
    assert report.valid, report.flatten(["type", "note"])
    table = next(task for task in report.tasks if task.name == "diem-thu")
    assert table.stats["rows"] > 1000


def test_package_says_licence_and_month(files: dict[str, str | bytes], directory: Directory) -> None:
    package = json.loads(files[f"{DATA_DIR}/datapackage.json"])
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    assert package["version"] == package["thang"] == directory.month
    assert [r["path"] for r in package["resources"]] == ["diem-thu.csv", "diem-thu.json", "diem-thu.geojson"]
    page = files[f"{DATA_DIR}/index.md"]
    assert "CC BY 4.0" in page and "tháng 11/2026" in page
    for column in COLUMNS:
        assert f"`{column.name}`" in page


def test_csv_has_a_bom_and_excel_safe_cells(files: dict[str, str | bytes]) -> None:
    raw = files[f"{DATA_DIR}/diem-thu.csv"]
    assert isinstance(raw, bytes) and raw.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in raw
    for row in csv_rows(files):
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@")), value
    assert neutralise('=HYPERLINK("x")') == '\'=HYPERLINK("x")'
    assert neutralise("+84912345678") == "'+84912345678"
    assert neutralise("Số 5") == "Số 5"


def test_columns_are_published_or_derived(files: dict[str, str | bytes]) -> None:
    header = list(csv_rows(files)[0])
    assert header == [c.name for c in COLUMNS]
    for column in COLUMNS:
        assert column.source is None or column.source in published_keys()
    assert {"ma_tinh", "tinh", "ma_xa", "thang_du_lieu"} <= set(header)


def test_private_columns_never_appear(files: dict[str, str | bytes]) -> None:
    """Staff names and internal notes are in the source lists; not one of them is published."""
    private = [c.title for c in columns() if not c.publish]
    assert private == ["Nhân viên thu", "Ghi chú", "Quận/Huyện"]
    secrets: set[str] = set()
    for path in (sample_root() / "provinces").glob("*/*.csv"):
        for row in csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")):
            secrets |= {row.get(title) or "" for title in private}
    secrets = {s for s in secrets if len(s) > 8}
    assert secrets
    for name, content in files.items():
        text = content.decode("utf-8") if isinstance(content, bytes) else content
        leaked = [s for s in secrets if s in text]
        assert not leaked, f"{name}: {leaked[:3]}"
    package = files[f"{DATA_DIR}/datapackage.json"]
    assert "Nhân viên thu" not in package and "Ghi chú" not in package


def test_the_three_files_agree(files: dict[str, str | bytes], directory: Directory) -> None:
    rows = csv_rows(files)
    data = json.loads(files[f"{DATA_DIR}/diem-thu.json"])
    geo = json.loads(files[f"{DATA_DIR}/diem-thu.geojson"])
    assert len(rows) == len(data["diem_thu"]) == len(geo["features"]) == len(directory.points)
    assert data["thang"] == geo["thang"] == directory.month
    first = data["diem_thu"][0]
    feature = geo["features"][0]
    assert feature["geometry"]["coordinates"] == [first["kinh_do"], first["vi_do"]]
    assert feature["properties"]["ma_diem_thu"] == first["ma_diem_thu"] == rows[0]["ma_diem_thu"]
    months = {p.province_code: p.month for p in directory.points}
    for item in data["diem_thu"]:
        assert item["thang_du_lieu"] == months[item["ma_tinh"]]
        assert len(item["ma_xa"]) == 5
        slug = item["lien_ket"].split("/")[1]
        assert item["lien_ket"] == point_path(slug, item["ma_xa"], item["ma_diem_thu"])


def test_open_data_is_reproducible(directory: Directory, files: dict[str, str | bytes]) -> None:
    assert render_open_data(directory) == files


def test_each_file_is_made_again_only_for_the_province_whose_points_changed(
    directory: Directory, files: dict[str, str | bytes]
) -> None:
    kept: dict[tuple[str, bytes], bytes] = {}
    made: list[str] = []

    def memo(namespace: str, source: bytes, make: Callable[[], bytes]) -> bytes:
        if (namespace, source) not in kept:
            made.append(namespace)
            kept[namespace, source] = make()
        return kept[namespace, source]

    assert render_open_data(directory, memo) == files  # parts joined as the whole was written
    with_data = [s for s in directory.provinces if s.points]
    assert len(with_data) > 1 and len(made) == 3 * len(with_data)
    changed, point = with_data[0], with_data[0].points[0]
    renamed = replace(changed, points=(point._replace(name=point.name + " mới"), *changed.points[1:]))
    provinces = tuple(renamed if s is changed else s for s in directory.provinces)
    made.clear()
    again = render_open_data(replace(directory, provinces=provinces), memo)
    assert sorted(made) == ["open-data-csv", "open-data-geojson", "open-data-json"]
    raw = again[f"{DATA_DIR}/diem-thu.csv"]
    assert isinstance(raw, bytes) and (point.name + " mới").encode() in raw


def test_parts_written_a_column_at_a_time_are_what_each_cell_written_alone_gives(
    directory: Directory,
) -> None:
    """The parts are made a column at a time; cells that could start a formula (after spaces, in
    full width, after a NUL ending the cell before) and a point without a position are written as
    each cell encoded on its own would be."""
    points = list(directory.points[:6])
    points[0] = points[0]._replace(name="=1+1", address="  +84 912", hours="\tSáng")
    points[1] = points[1]._replace(agent="Bưu điện\0", name="=x", lat=None, lon=None)
    points[2] = points[2]._replace(name="－ Điểm", address="Số 5, đường 3/2")
    parts = _parts(points, KINDS)
    rows = [[c.value(p) for c in COLUMNS] for p in points]
    assert "'=1+1" in parts["csv"].decode("utf-8")
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows([_csv_cell(v) for v in row] for row in rows)
    assert parts["csv"].decode("utf-8") == buffer.getvalue()
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    items = [dict(zip(NAMES, row, strict=True)) for row in rows]
    assert parts["json"].decode("utf-8") == ",".join(map(dumps, items))
    features = [
        {
            "type": "Feature",
            "id": f"{item['ma_tinh']}-{item['ma_diem_thu']}",
            "geometry": {"type": "Point", "coordinates": [item["kinh_do"], item["vi_do"]]},
            "properties": {n: v for n, v in item.items() if n not in ("vi_do", "kinh_do")},
        }
        for item in items
        if item["vi_do"] is not None
    ]
    assert len(features) == len(points) - 1
    assert parts["geojson"].decode("utf-8") == ",".join(map(dumps, features))
