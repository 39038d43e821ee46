"""The record as files: CSV and ODS read back, Open311 GeoReport v2 requests checked
field by field, nobody's account in any of them, and `jundesk report`."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from xml.etree import ElementTree

import pytest

from jundesk.app.records_export import (
    CASE_COLUMNS,
    MEASURE_COLUMNS,
    ODS_MIMETYPE,
    open311_requests,
    write_ods_report,
    write_report,
)
from jundesk.cli.main import main
from jundesk.core.model import EventKind, Priority
from jundesk.store import Store
from tests.app.records_week import ANA, LUIS, WEEK, add_case, at, records_of

Week = tuple[Store, dict[str, str]]


def test_csv_of_the_measures(week: Week) -> None:
    store, _ = week
    out = io.StringIO()
    write_report(records_of(store), WEEK, "csv", out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert list(rows[0]) == list(MEASURE_COLUMNS)
    light = next(r for r in rows if r["group"] == "lighting")
    assert (light["cases"], light["resolved"], light["reopens"], light["backlog"]) == (
        "3",
        "2",
        "1",
        "1",
    )
    assert float(light["resolve_median_s"]) == 14_400
    assert float(light["resolve_work_median_s"]) == 12_600
    assert float(light["within_ack_pct"]) == 100.0
    # Nothing measured reads as an empty cell, not "None".
    police = next(r for r in rows if r["group"] == "police")
    assert "None" not in police.values()


def test_csv_of_the_cases_names_nobody(week: Week) -> None:
    store, ids = week
    out = io.StringIO()
    write_report(records_of(store), WEEK, "csv", out, table="cases")
    text = out.getvalue()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["case_id"] for r in rows] == [ids[k] for k in ("D", "A", "B", "E", "C")]
    a = rows[1]
    assert (a["role"], a["status"], a["channel"], a["person"]) == (
        "lighting",
        "resolved",
        "x",
        "Luis",
    )
    assert a["arrived_at"] == "2026-03-02T11:50:00+00:00"
    assert float(a["resolve_work_s"]) == 12_600
    assert a["location"] == "Calle Real"
    assert "vecina" not in text.lower()  # the citizens' handle and name
    assert list(rows[0]) == list(CASE_COLUMNS)


def _ods_tables(data: bytes) -> dict[str, list[list[str]]]:
    ns = {
        "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
        "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
        "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    }
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        first = archive.infolist()[0]
        assert (first.filename, first.compress_type) == ("mimetype", zipfile.ZIP_STORED)
        assert archive.read("mimetype").decode() == ODS_MIMETYPE
        manifest = ElementTree.fromstring(archive.read("META-INF/manifest.xml"))
        assert manifest is not None
        root = ElementTree.fromstring(archive.read("content.xml"))
    tables: dict[str, list[list[str]]] = {}
    for table in root.iter(f"{{{ns['table']}}}table"):
        name = table.get(f"{{{ns['table']}}}name") or ""
        rows = []
        for row in table.iter(f"{{{ns['table']}}}table-row"):
            cells = []
            for cell in row.iter(f"{{{ns['table']}}}table-cell"):
                value = cell.get(f"{{{ns['office']}}}value")
                texts = [p.text or "" for p in cell.iter(f"{{{ns['text']}}}p")]
                cells.append(value if value is not None else "".join(texts))
            rows.append(cells)
        tables[name] = rows
    return tables


def test_ods_reads_back(week: Week) -> None:
    store, ids = week
    out = io.BytesIO()
    write_ods_report(records_of(store), WEEK, out)
    tables = _ods_tables(out.getvalue())
    assert sorted(tables) == ["Cases", "Measures"]
    measures = tables["Measures"]
    assert measures[0] == list(MEASURE_COLUMNS)
    light = next(r for r in measures if r[0] == "lighting")
    assert float(light[1]) == 3 and float(light[MEASURE_COLUMNS.index("ack_p90_s")]) == 57_600
    cases = tables["Cases"]
    assert cases[0] == list(CASE_COLUMNS)
    assert [r[0] for r in cases[1:]] == [ids[k] for k in ("D", "A", "B", "E", "C")]


# GeoReport v2 (wiki.open311.org/GeoReport_v2), GET requests.json: each field and its type.
GEOREPORT_FIELDS: dict[str, type | tuple[type, ...]] = {
    "service_request_id": str,
    "status": str,
    "status_notes": str,
    "service_name": str,
    "service_code": str,
    "description": str,
    "agency_responsible": str,
    "service_notice": str,
    "requested_datetime": str,
    "updated_datetime": str,
    "expected_datetime": (str, type(None)),
    "address": str,
    "address_id": str,
    "zipcode": str,
    "lat": float,
    "long": float,
    "media_url": str,
}
REQUIRED = ("service_request_id", "status", "service_code", "requested_datetime")
# W3C / ISO 8601 with a UTC offset, as GeoReport asks ("2010-04-14T06:37:38-08:00").
ISO_WITH_OFFSET = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?([+-]\d\d:\d\d|Z)$")


def check_georeport(items: object) -> None:
    assert isinstance(items, list)
    for item in items:
        assert isinstance(item, dict)
        assert set(item) <= set(GEOREPORT_FIELDS), set(item) - set(GEOREPORT_FIELDS)
        for name in REQUIRED:
            assert item.get(name), name
        for name, value in item.items():
            assert isinstance(value, GEOREPORT_FIELDS[name]), (name, value)
        assert item["status"] in ("open", "closed")
        for name in ("requested_datetime", "updated_datetime"):
            assert ISO_WITH_OFFSET.match(item[name]), item[name]
            datetime.fromisoformat(item[name])
        assert ("lat" in item) == ("long" in item)


def test_open311_requests_pass_the_georeport_checks(week: Week, tmp_path: Path) -> None:
    store, ids = week
    spot = add_case(
        store,
        "street_cleaning",
        Priority.LOW,
        at(2, 10),
        [(EventKind.ACKNOWLEDGED, ANA, at(2, 11))],
        text="@AytoJun @vecina_mala papelera llena en la plaza",
        location="37.7275,-3.4433",
    )
    records = records_of(store)
    items = open311_requests(records, WEEK, language="es")
    check_georeport(json.loads(json.dumps(items)))
    by_id = {i["service_request_id"]: i for i in items}
    assert set(by_id) == {*ids.values(), spot}
    a = by_id[ids["A"]]
    assert (a["status"], a["service_name"], a["service_code"]) == (
        "closed",
        "Alumbrado público",
        "lighting",
    )
    assert a["address"] == "Calle Real" and "lat" not in a
    assert a["agency_responsible"] == "lighting-1"
    assert a["requested_datetime"] == "2026-03-02T11:50:00+00:00"
    assert by_id[ids["C"]]["status"] == "open"
    # A location given as coordinates becomes lat/long; mentions of accounts are dropped.
    b = by_id[spot]
    assert (b["lat"], b["long"]) == (37.7275, -3.4433)
    assert b["description"] == "papelera llena en la plaza"
    text = json.dumps(items)
    assert "vecina" not in text.lower() and "author" not in text
    assert LUIS.person not in text  # nobody's name either: the desk stands for the town
    english = open311_requests(records, WEEK)
    assert {i["service_name"] for i in english} >= {"Street lighting", "Local police"}


@pytest.mark.slow
def test_jundesk_report(week: Week, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store, ids = week
    records_of(store)  # the calendars of the test's settings are stored
    db = store.path
    out = tmp_path / "requests.json"
    code = main(
        ["report", "--db", str(db), "--from", "2026-03-02", "--to", "2026-03-03",
         "--format", "open311", "--output", str(out)]
    )  # fmt: skip
    assert code == 0
    items = json.loads(out.read_text(encoding="utf-8"))
    check_georeport(items)
    assert {i["service_request_id"] for i in items} == {ids[k] for k in "ABDE"}

    assert main(["report", "--db", str(db), "--role", "police", "--by", "priority"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[1][:2] == ["urgent", "2"]

    ods = tmp_path / "record.ods"
    assert main(["report", "--db", str(db), "--format", "ods", "-o", str(ods)]) == 0
    assert "Cases" in _ods_tables(ods.read_bytes())

    # PNG and PDF are drawn by the Records view (tests/gui/test_records_view.py); a file
    # is required.
    assert main(["report", "--db", str(db), "--format", "png"]) == 2
    assert "--output" in capsys.readouterr().err


def test_a_day_in_the_future_reports_nothing(week: Week) -> None:
    store, _ = week
    later = WEEK.__class__(start=datetime(2027, 1, 1, tzinfo=UTC), end=None)
    out = io.StringIO()
    write_report(records_of(store), later, "csv", out, table="cases")
    assert out.getvalue().strip() == ",".join(CASE_COLUMNS)
    assert open311_requests(records_of(store), later) == []
