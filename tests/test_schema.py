"""The submission contract is a Frictionless Table Schema that standard tools can use."""

from __future__ import annotations

import json

import frictionless
import pytest
from conftest import SUBMISSIONS

from generator.contract import SCHEMA_PATH, columns


@pytest.fixture(autouse=True)
def trusted():
    # Frictionless refuses absolute paths unless told the data is trusted.
    with frictionless.system.use_context(trusted=True):
        yield


def test_schema_is_a_valid_table_schema():
    report = frictionless.Schema.validate_descriptor(str(SCHEMA_PATH))
    assert report.valid, report.flatten(["type", "note"])
    schema = frictionless.Schema.from_descriptor(str(SCHEMA_PATH))
    assert [f.name for f in schema.fields] == [c.title for c in columns()]


def test_schema_fields_have_a_code_key_and_publish_flag():
    fields = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))["fields"]
    keys = [f["key"] for f in fields]
    assert len(keys) == len(set(keys))
    for field in fields:
        assert isinstance(field["publish"], bool), field["name"]
        assert field["description"].strip(), field["name"]
    assert {f["key"] for f in fields if not f["publish"]} == {"staff_name", "note", "district"}


def test_frictionless_accepts_the_valid_fixture():
    schema = frictionless.Schema.from_descriptor(str(SCHEMA_PATH))
    report = frictionless.validate(str(SUBMISSIONS / "hop-le.csv"), schema=schema)
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_frictionless_flags_a_missing_required_cell():
    # fieldsMatch "partial" matches columns by name: optional columns may be left out and an
    # extra STT column is fine. Headers without diacritics ("Ma diem thu"), which our loader
    # accepts, still do not match in Frictionless.
    descriptor = json.loads(SCHEMA_PATH.read_text(encoding="utf-8")) | {"fieldsMatch": "partial"}
    schema = frictionless.Schema.from_descriptor(descriptor)
    report = frictionless.validate(str(SUBMISSIONS / "o-bat-buoc-trong.csv"), schema=schema)
    errors = report.flatten(["rowNumber", "fieldName", "type"])
    assert errors == [[2, "Tên đại lý thu", "constraint-error"], [3, "Mã điểm thu", "constraint-error"]]
    assert frictionless.validate(str(SUBMISSIONS / "cot-la-va-stt.csv"), schema=schema).valid
