"""The weekly summary post the town may publish, drafted from the record (Qt-free):

    This week: 38 reports, 35 fixed, median 2 h 10 min; record: 3 min 58 s, street
    lighting, Calle Real.

for the whole town (the front desk), or for a role's desk its own services ("This week,
street lighting: ..."), in Spanish or English, always within X's length (core/x_text.py
counts as X does): when too long, the record's place goes first, then the record. A desk
edits the draft and publishes it like any post of the town account.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from jundesk.app.public_words import duration_text, role_name
from jundesk.app.records import RecordQuery, Records
from jundesk.core.x_text import MAX_WEIGHTED_LENGTH, weighted_length
from jundesk.store import measures as sql

_TEXTS: dict[str, dict[str, str]] = {
    "en": {
        "head": "This week: {reports} {reports_word}, {fixed} fixed",
        "services": "This week, {services}: ",
        "and": " and ",
        "median": ", median {median}",
        "record": "; record: {duration}, {service}",
        "place": ", {place}",
    },
    "es": {
        "head": "Esta semana: {reports} {reports_word}, {fixed} {fixed_word}",
        "services": "Esta semana, {services}: ",
        "and": " y ",
        "median": ", mediana {median}",
        "record": "; récord: {duration}, {service}",
        "place": ", {place}",
    },
}
_REPORT_WORDS = {"en": ("report", "reports"), "es": ("aviso", "avisos")}


@dataclass(frozen=True, slots=True)
class WeekFigures:
    """What the post says: cases that arrived in the week, how many of them are fixed,
    the median time to fix them (calendar time), and the week's fastest fix."""

    reports: int
    fixed: int
    median_seconds: float | None
    record_seconds: float | None
    record_role: str
    record_place: str
    record_case: str
    roles: tuple[str, ...] = ()  # whose week it is (empty: the whole town's)


def week_figures(records: Records, monday: date, roles: Sequence[str] = ()) -> WeekFigures:
    """The figures of the local week starting on `monday`, of these roles' cases (empty:
    every case of the town)."""
    midnight = datetime.combine(monday, time())
    start = midnight.replace(tzinfo=records.tz) if records.tz else midnight.astimezone()
    query = RecordQuery(start=start, end=start + timedelta(days=7), roles=tuple(roles))
    rows = records.measures(query, by="all")
    total = rows[0] if rows else None
    fastest = records.store.read_measures(
        lambda conn: sql.fastest(conn, query.filter(), "resolve", 1)
    )
    best = min(fastest, key=lambda f: f[2]) if fastest else None
    place = ""
    if best is not None:
        headers = records.store.read_measures(lambda conn: sql.case_headers(conn, [best[1]]))
        place = headers.get(best[1], ("", "", start))[1]
    return WeekFigures(
        reports=total.count if total else 0,
        fixed=total.resolved if total else 0,
        median_seconds=total.resolve.median if total else None,
        record_seconds=best[2] if best else None,
        record_role=best[0] if best else "",
        record_place=place,
        record_case=best[1] if best else "",
        roles=tuple(roles),
    )


def summary_text(figures: WeekFigures, language: str = "en") -> str:
    """The post in `language` ("es" or "en"), within X's weighted length."""
    words = _TEXTS.get(language, _TEXTS["en"])
    singular, plural = _REPORT_WORDS.get(language, _REPORT_WORDS["en"])
    head = words["head"].format(
        reports=figures.reports,
        reports_word=singular if figures.reports == 1 else plural,
        fixed=figures.fixed,
        fixed_word="resuelto" if figures.fixed == 1 else "resueltos",
    )
    if figures.roles:
        # A role's desk speaks for its own services: "This week, street lighting: 12 ...".
        names = [role_name(role, language).lower() for role in figures.roles]
        services = ", ".join(names[:-1]) + words["and"] + names[-1] if len(names) > 1 else names[0]
        head = words["services"].format(services=services) + head.split(": ", 1)[1]
    if figures.median_seconds is not None:
        head += words["median"].format(median=duration_text(figures.median_seconds, language))
    candidates = [head + "."]
    if figures.record_seconds is not None:
        record = words["record"].format(
            duration=duration_text(figures.record_seconds, language),
            service=role_name(figures.record_role, language).lower(),
        )
        candidates.insert(0, head + record + ".")
        if figures.record_place:
            place = words["place"].format(place=" ".join(figures.record_place.split()))
            candidates.insert(0, head + record + place + ".")
    for text in candidates:
        if weighted_length(text) <= MAX_WEIGHTED_LENGTH:
            return text
    return candidates[-1]


def weekly_summary(
    records: Records, monday: date, language: str = "en", roles: Sequence[str] = ()
) -> str:
    """The draft of the week's summary post: the town's, or these roles' (a role's desk)."""
    return summary_text(week_figures(records, monday, roles), language)
