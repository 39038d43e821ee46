"""The weekly summary post: the week's figures in Spanish and English, within X's length."""

from __future__ import annotations

from jundesk.app.public_words import duration_text
from jundesk.app.records_summary import WeekFigures, summary_text, week_figures, weekly_summary
from jundesk.core.x_text import MAX_WEIGHTED_LENGTH, weighted_length
from jundesk.store import Store
from tests.app.records_week import MON, records_of

Week = tuple[Store, dict[str, str]]


def test_the_weeks_post_in_both_languages(week: Week) -> None:
    store, ids = week
    records = records_of(store)
    figures = week_figures(records, MON.date())
    # Five reports, three fixed (in 30 min, 4 h and 44 h), the police's the fastest.
    assert (figures.reports, figures.fixed, figures.median_seconds) == (5, 3, 14_400)
    assert figures.record_case == ids["D"]
    assert weekly_summary(records, MON.date(), "en") == (
        "This week: 5 reports, 3 fixed, median 4 h; record: 30 min, local police, Rotonda norte."
    )
    assert weekly_summary(records, MON.date(), "es") == (
        "Esta semana: 5 avisos, 3 resueltos, mediana 4 h; récord: 30 min, policía local, "
        "Rotonda norte."
    )


def test_a_quiet_week() -> None:
    quiet = WeekFigures(1, 0, None, None, "", "", "")
    assert summary_text(quiet, "en") == "This week: 1 report, 0 fixed."
    assert summary_text(quiet, "es") == "Esta semana: 1 aviso, 0 resueltos."


def test_the_town_example_and_xs_length() -> None:
    jun = WeekFigures(38, 35, 2 * 3600 + 600, 238, "lighting", "Calle Real", "c1")
    assert summary_text(jun, "en") == (
        "This week: 38 reports, 35 fixed, median 2 h 10 min; record: 3 min 58 s, "
        "street lighting, Calle Real."
    )
    # A place too long for a post goes first; the figures stay.
    long_place = WeekFigures(38, 35, 7800, 238, "lighting", "Calle " + "Real " * 60, "c1")
    text = summary_text(long_place, "es")
    assert weighted_length(text) <= MAX_WEIGHTED_LENGTH
    assert text == (
        "Esta semana: 38 avisos, 35 resueltos, mediana 2 h 10 min; récord: 3 min 58 s, "
        "alumbrado público."
    )


def test_durations_read_as_people_say_them() -> None:
    assert duration_text(238) == "3 min 58 s"
    assert duration_text(7800) == "2 h 10 min"
    assert duration_text(3 * 86400 + 4 * 3600, "es") == "3 días 4 h"
    assert duration_text(86400, "es") == "1 día"
    assert duration_text(45) == "45 s"


def test_a_role_desk_drafts_its_own_roles_week(week: Week) -> None:
    store, ids = week
    records = records_of(store)
    figures = week_figures(records, MON.date(), ["lighting"])
    # Lighting's three reports (A, B, C): A fixed in 4 h, B in 44 h; the record is A's.
    assert (figures.reports, figures.fixed, figures.median_seconds) == (3, 2, 14_400)
    assert figures.record_case == ids["A"]
    assert weekly_summary(records, MON.date(), "en", ["lighting"]) == (
        "This week, street lighting: 3 reports, 2 fixed, median 4 h; record: 4 h, "
        "street lighting, Calle Real."
    )
    both = weekly_summary(records, MON.date(), "es", ["police", "lighting"])
    assert both.startswith("Esta semana, policía local y alumbrado público: 5 avisos, 3 resueltos")
