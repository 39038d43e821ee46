"""The town's record as files: CSV and ODS of the measures and of the cases (for the
council's report), and Open311 GeoReport v2 `requests.json` of the cases (for the town's
open-data portal). No personal field is written: no author, handle or name, ever; a
case's description is its first post's text as the desks see it (blocked posts are
blank).

ODS is written by hand: a zip with the mimetype first and stored, a manifest and one
content.xml of plain tables, enough for LibreOffice, Excel and Google Sheets.
"""

from __future__ import annotations

import csv
import json
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from typing import IO, Any
from xml.sax.saxutils import escape, quoteattr

from jundesk.app.public_words import role_name
from jundesk.app.records import GroupBy, Measure, RecordQuery, Records
from jundesk.core.model import Status
from jundesk.store import measures as sql
from jundesk.store.column_types import from_micros

Row = Sequence[Any]

MEASURE_COLUMNS = (
    "group",
    "cases",
    "resolved",
    "reopens",
    "backlog",
    "backlog_median_age_s",
    "ack_median_s",
    "ack_p90_s",
    "ack_work_median_s",
    "ack_work_p90_s",
    "reply_median_s",
    "reply_p90_s",
    "reply_work_median_s",
    "reply_work_p90_s",
    "resolve_median_s",
    "resolve_p90_s",
    "resolve_work_median_s",
    "resolve_work_p90_s",
    "within_ack_pct",
    "within_reply_pct",
    "within_resolve_pct",
)


def measure_rows(records: Records, query: RecordQuery, by: GroupBy = "role") -> list[Row]:
    def spread_cells(m: Measure, name: str) -> list[Any]:
        spread = getattr(m, name)
        return [spread.median, spread.p90]

    rows: list[Row] = []
    for m in records.measures(query, by=by):
        rows.append(
            [m.key, m.count, m.resolved, m.reopens, m.backlog, m.backlog_age.median]
            + [
                cell
                for name in ("ack", "ack_work", "reply", "reply_work", "resolve", "resolve_work")
                for cell in spread_cells(m, name)
            ]
            + [_round(m.within_ack), _round(m.within_reply), _round(m.within_resolve)]
        )
    return rows


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


CASE_COLUMNS = (
    "case_id",
    "role",
    "priority",
    "status",
    "channel",
    "desk",
    "person",
    "arrived_at",
    "acknowledged_at",
    "first_reply_at",
    "resolved_at",
    "reopens",
    "location",
    "ack_s",
    "reply_s",
    "resolve_s",
    "ack_work_s",
    "reply_work_s",
    "resolve_work_s",
)
_CASE_SOURCE = {name: i for i, name in enumerate(sql.CASE_COLUMNS)}
_TIMES = ("arrived_at", "acked_at", "replied_at", "resolved_at")


def case_rows(records: Records, query: RecordQuery) -> list[Row]:
    """One row a case, times in ISO 8601 (UTC), durations in seconds."""
    found = records.store.read_measures(lambda conn: sql.case_rows(conn, query.filter()))
    pick = [_CASE_SOURCE[c] for c in ("case_id", "role", "priority", "status", "channel")]
    pick += [_CASE_SOURCE[c] for c in ("desk", "person")]
    out: list[Row] = []
    for row in found:
        times = [_iso(row[_CASE_SOURCE[t]]) for t in _TIMES]
        durations = [row[_CASE_SOURCE[d]] for d in sql.DURATIONS]
        out.append(
            [row[i] for i in pick]
            + times
            + [row[_CASE_SOURCE["reopens"]], row[_CASE_SOURCE["location"]]]
            + durations
        )
    return out


def _iso(micros: int | None) -> str | None:
    return None if micros is None else from_micros(micros).isoformat()


# -- CSV ------------------------------------------------------------------------------------


def write_csv(out: IO[str], columns: Sequence[str], rows: Iterable[Row]) -> None:
    writer = csv.writer(out)
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])


# -- ODS ------------------------------------------------------------------------------------

ODS_MIMETYPE = "application/vnd.oasis.opendocument.spreadsheet"
_MANIFEST = f"""<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" \
manifest:version="1.2">
 <manifest:file-entry manifest:full-path="/" manifest:version="1.2" \
manifest:media-type="{ODS_MIMETYPE}"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>
"""
_CONTENT_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" \
xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" \
xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">
<office:body><office:spreadsheet>
"""
_CONTENT_TAIL = "</office:spreadsheet></office:body></office:document-content>\n"


def _cell(value: Any) -> str:
    if value is None or value == "":
        return "<table:table-cell/>"
    if isinstance(value, bool):
        value = int(value)
    if isinstance(value, int | float):
        return (
            f'<table:table-cell office:value-type="float" office:value="{value}">'
            f"<text:p>{value}</text:p></table:table-cell>"
        )
    text = escape(_xml_text(str(value)))
    return (
        f'<table:table-cell office:value-type="string"><text:p>{text}</text:p></table:table-cell>'
    )


def _xml_text(text: str) -> str:
    """Characters XML 1.0 can't hold (control characters in a post) are dropped."""
    return "".join(c for c in text if c in "\t\n\r" or ord(c) >= 0x20)


def write_ods(out: IO[bytes], sheets: Iterable[tuple[str, Sequence[str], Iterable[Row]]]) -> None:
    """An ODS spreadsheet with one table per (name, columns, rows)."""
    with zipfile.ZipFile(out, "w") as archive:
        # The mimetype first and stored, so tools recognise the file by its first bytes.
        archive.writestr(zipfile.ZipInfo("mimetype"), ODS_MIMETYPE, zipfile.ZIP_STORED)
        archive.writestr("META-INF/manifest.xml", _MANIFEST, zipfile.ZIP_DEFLATED)
        with archive.open(
            zipfile.ZipInfo("content.xml", date_time=(2026, 1, 1, 0, 0, 0)), "w"
        ) as raw:
            raw.write(_CONTENT_HEAD.encode())
            for name, columns, rows in sheets:
                raw.write(f"<table:table table:name={quoteattr(name)}>".encode())
                for row in _with_header(columns, rows):
                    cells = "".join(_cell(v) for v in row)
                    raw.write(f"<table:table-row>{cells}</table:table-row>\n".encode())
                raw.write(b"</table:table>\n")
            raw.write(_CONTENT_TAIL.encode())


def _with_header(columns: Sequence[str], rows: Iterable[Row]) -> Iterator[Row]:
    yield list(columns)
    yield from rows


# -- Open311 GeoReport v2 ---------------------------------------------------------------------


def open311_requests(
    records: Records, query: RecordQuery, *, language: str = "en", agency: str = ""
) -> list[dict[str, Any]]:
    """The cases as GeoReport v2 service requests (GET requests.json's items):
    service_request_id, status (open/closed), status_notes, service_name and service_code
    (the role), description, agency_responsible (`agency`, else the desk that handled the
    case, else the role's service), requested_datetime and updated_datetime (ISO 8601 with
    offset), address, and lat/long when the case's location is a "lat,long" pair. No
    personal field: the citizen's account, handle and name are never written."""
    found = records.store.read_measures(lambda conn: sql.case_rows(conn, query.filter()))
    column = _CASE_SOURCE
    requests = []
    for row in found:
        role = row[column["role"]]
        status = Status(row[column["status"]])
        location = str(row[column["location"]] or "")
        item: dict[str, Any] = {
            "service_request_id": row[column["case_id"]],
            "status": "open" if status.is_open else "closed",
            "status_notes": _status_note(status, language),
            "service_name": role_name(role, language),
            "service_code": role,
            "description": _description(row[column["text"]]),
            "agency_responsible": agency or row[column["desk"]] or role_name(role, language),
            "service_notice": "",
            "requested_datetime": _iso(row[column["arrived_at"]]),
            "updated_datetime": _iso(row[column["updated_at"]] or row[column["arrived_at"]]),
            "expected_datetime": None,
            "address": location,
            "address_id": "",
            "zipcode": "",
            "media_url": "",
        }
        coordinates = _lat_long(location)
        if coordinates is not None:
            item["lat"], item["long"] = coordinates
            item["address"] = ""
        requests.append(item)
    return requests


_STATUS_NOTES = {
    "en": {
        Status.NEW: "Received",
        Status.ACKNOWLEDGED: "Acknowledged",
        Status.IN_PROGRESS: "In progress",
        Status.RESOLVED: "Resolved",
        Status.CLOSED: "Closed",
        Status.REJECTED: "Not for the town",
        Status.MERGED: "Duplicate",
    },
    "es": {
        Status.NEW: "Recibido",
        Status.ACKNOWLEDGED: "Visto",
        Status.IN_PROGRESS: "En curso",
        Status.RESOLVED: "Resuelto",
        Status.CLOSED: "Cerrado",
        Status.REJECTED: "No es competencia municipal",
        Status.MERGED: "Duplicado",
    },
}


def _status_note(status: Status, language: str) -> str:
    return _STATUS_NOTES.get(language, _STATUS_NOTES["en"])[status]


def _description(text: str) -> str:
    # Mentions name accounts (the citizen's own among them): they are left out.
    words = [w for w in str(text).split() if not w.startswith("@")]
    return _xml_text(" ".join(words))[:2000]


def _lat_long(location: str) -> tuple[float, float] | None:
    parts = location.split(",")
    if len(parts) != 2:
        return None
    try:
        lat, lon = float(parts[0]), float(parts[1])
    except ValueError:
        return None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return lat, lon


def write_open311(out: IO[str], requests: Sequence[dict[str, Any]]) -> None:
    json.dump(list(requests), out, ensure_ascii=False, indent=1)
    out.write("\n")


# -- the report -------------------------------------------------------------------------------

TABLES = ("measures", "cases")


def write_report(
    records: Records,
    query: RecordQuery,
    format: str,
    out: IO[str],
    *,
    table: str = "measures",
    by: GroupBy = "role",
    language: str = "en",
) -> None:
    """Write a text report: "csv" (the `table`, measures grouped `by`, or cases) or
    "open311" (the cases as requests.json). ODS is binary: write_ods_report."""
    if format == "csv" and table == "cases":
        write_csv(out, CASE_COLUMNS, case_rows(records, query))
    elif format == "csv":
        write_csv(out, MEASURE_COLUMNS, measure_rows(records, query, by))
    elif format == "open311":
        write_open311(out, open311_requests(records, query, language=language))
    else:
        raise ValueError(f"not a text report format: {format!r}")


def write_ods_report(
    records: Records, query: RecordQuery, out: IO[bytes], *, by: GroupBy = "role"
) -> None:
    """Both tables, measures grouped `by` and the cases, as sheets of one ODS file."""
    write_ods(
        out,
        [
            ("Measures", MEASURE_COLUMNS, measure_rows(records, query, by)),
            ("Cases", CASE_COLUMNS, case_rows(records, query)),
        ],
    )
