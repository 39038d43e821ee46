"""Duty policy: the toggle and the weekly schedule, who gets told, what came in while off,
and the town's rule for urgent cases nobody covers."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from jundesk.app.desk_state import DeskState
from jundesk.app.duty import DutyChange, DutyPolicy
from jundesk.app.duty_alerts import Alert, NewCase, alerts_for
from jundesk.app.engine import Engine
from jundesk.app.ingest import IngestReport
from jundesk.app.off_duty_summary import summarize
from jundesk.app.settings import Settings
from jundesk.app.uncovered_urgent import (
    UNCOVERED_URGENT,
    UncoveredOutcome,
    apply_town_policy,
    reply_112_text,
)
from jundesk.core.model import EventKind, Post, Priority
from jundesk.intake.x_credentials import XCredentials
from jundesk.triage import Verdict
from jundesk.xserver import Fault, XServer

CET = timezone(timedelta(hours=1))
# Monday 2 March 2026, 10:00 local (09:00 UTC).
MONDAY_10 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def policy_for(
    settings: Settings, clock: Clock, path: Path | None = None, state: DeskState | None = None
) -> DutyPolicy:
    """A policy whose settings save to `path` and its state beside them (desk_state.json),
    or nowhere without a path."""
    if path is None:
        return DutyPolicy(
            settings,
            state=state or DeskState(),
            save=lambda: None,
            save_state=lambda: None,
            clock=clock,
            tz=CET,
        )
    state_path = path.with_name("desk_state.json")
    state = state or DeskState.load(state_path)
    return DutyPolicy(
        settings,
        state=state,
        save=lambda: settings.save(path),
        save_state=lambda: state.save(state_path),
        clock=clock,
        tz=CET,
    )


def post(text: str, handle: str = "vecina", lang: str = "es") -> Post:
    now = datetime.now(UTC)
    return Post("p-" + text[:8], "x", "1", "u1", handle, handle, text, now, now, lang=lang)


def new_case(case_id: str, role: str, priority: Priority, text: str = "algo pasa") -> tuple:
    return (case_id, Verdict(role, priority, 0.9), post(text))


# -- duty by the schedule ------------------------------------------------------------------


def test_the_schedule_decides_duty_when_enabled() -> None:
    clock = Clock(MONDAY_10)
    settings = Settings(duty_schedule_enabled=True)  # default: weekdays 08:00-15:00
    policy = policy_for(settings, clock)
    assert policy.is_on_duty()
    clock.advance(hours=6)  # 16:00 local
    assert not policy.is_on_duty()
    assert policy.next_change() == datetime(2026, 3, 3, 7, 0, tzinfo=UTC)  # Tue 08:00 local
    settings.duty_schedule_enabled = False
    assert policy.is_on_duty()


# -- the toggle ----------------------------------------------------------------------------


def test_the_toggle_survives_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    clock = Clock(MONDAY_10)
    settings = Settings()
    policy = policy_for(settings, clock, path)
    assert policy.is_on_duty()
    policy.set_on_duty(False)
    assert not policy.is_on_duty()

    restarted = policy_for(Settings.load(path), clock, path)
    assert not restarted.is_on_duty()
    clock.advance(days=3)
    assert not restarted.is_on_duty()  # no schedule: off until undone
    restarted.set_on_duty(True)
    assert policy_for(Settings.load(path), clock, path).is_on_duty()


def test_the_toggle_is_the_desks_state_not_a_preference(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    clock = Clock(MONDAY_10)
    settings = Settings(person="Ana")
    settings.save(path)
    before = path.read_text(encoding="utf-8")
    policy = policy_for(settings, clock, path)
    policy.set_on_duty(False)
    assert path.read_text(encoding="utf-8") == before  # the preferences are not rewritten
    state = json.loads((tmp_path / "desk_state.json").read_text(encoding="utf-8"))
    assert state["duty_override"] == "off" and state["off_duty_since"] == MONDAY_10.isoformat()
    assert "duty_override" not in before and "off_duty_since" not in before


def test_the_toggle_overrides_the_schedule_until_it_next_changes() -> None:
    clock = Clock(MONDAY_10)
    policy = policy_for(Settings(duty_schedule_enabled=True), clock)
    policy.set_on_duty(False)  # off in the middle of the morning shift...
    assert not policy.is_on_duty()
    assert policy.override_until() == datetime(2026, 3, 2, 14, 0, tzinfo=UTC)
    clock.advance(hours=6)
    assert not policy.is_on_duty()
    clock.advance(hours=16)  # ...and Tuesday's shift starts as usual
    assert policy.is_on_duty()

    clock.now = datetime(2026, 3, 3, 21, 0, tzinfo=UTC)  # Tuesday night, called in
    policy.set_on_duty(True)
    assert policy.is_on_duty()
    clock.advance(hours=9)  # Wednesday 07:00 local: still on, through to the shift
    assert policy.is_on_duty()
    assert policy.state.duty_override == "on"
    clock.advance(hours=1)
    assert policy.is_on_duty() and policy.override_until() is None


def test_listeners_hear_changes_and_the_return_carries_when_it_went_off() -> None:
    clock = Clock(MONDAY_10)
    policy = policy_for(Settings(), clock)
    heard: list[DutyChange] = []
    unhook = policy.add_listener(heard.append)
    assert policy.check() is None  # the first look only notes the state
    policy.set_on_duty(False)
    clock.advance(hours=2)
    policy.set_on_duty(True)
    assert [c.on_duty for c in heard] == [False, True]
    assert heard[1].off_since == MONDAY_10
    assert policy.check() is None  # no change, nothing said
    unhook()
    policy.toggle()
    assert len(heard) == 2


def test_the_schedule_going_off_and_on_is_noticed_by_check() -> None:
    clock = Clock(MONDAY_10)
    policy = policy_for(Settings(duty_schedule_enabled=True), clock)
    heard: list[DutyChange] = []
    policy.add_listener(heard.append)
    policy.check()
    clock.advance(hours=5)  # 15:00 local
    assert policy.check() == DutyChange(False, clock.now)
    clock.advance(hours=17)  # Tuesday 08:00 local
    change = policy.check()
    assert (
        change is not None and change.on_duty and change.off_since == MONDAY_10 + timedelta(hours=5)
    )
    assert len(heard) == 2


def test_a_restart_while_off_still_brings_the_summary(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    clock = Clock(MONDAY_10)
    policy = policy_for(Settings(), clock, path)
    policy.check()
    policy.set_on_duty(False)
    clock.advance(hours=12)
    restarted = policy_for(Settings.load(path), clock, path)
    change = restarted.set_on_duty(True)
    assert change is not None and change.on_duty and change.off_since == MONDAY_10
    assert restarted.off_since is None
    assert policy_for(Settings.load(path), clock, path).check() is None  # said once only

    went_off = DeskState(off_duty_since=MONDAY_10.isoformat())  # went off, closed, now on
    change = policy_for(Settings(), clock, state=went_off).check()
    assert change is not None and change.on_duty and change.off_since == MONDAY_10


# -- who is told ---------------------------------------------------------------------------


def alerts(policy: DutyPolicy, cases: list[NewCase]) -> list[Alert]:
    return alerts_for(policy, cases, policy.settings.popup_priorities)


def test_alerts_only_for_my_roles_on_duty_urgent_first() -> None:
    clock = Clock(MONDAY_10)
    policy = policy_for(Settings(desk_roles=["police"]), clock)
    cases = [
        new_case("a", "police", Priority.NORMAL),
        new_case("b", "lighting", Priority.URGENT),
        new_case("c", "police", Priority.URGENT),
    ]
    # By default a normal case of my roles only shows in the list; urgent ones pop up.
    assert [a.case_id for a in alerts(policy, cases)] == ["c"]
    policy.settings.popup_priorities = ["urgent", "high", "normal", "low"]
    assert [a.case_id for a in alerts(policy, cases)] == ["c", "a"]
    assert alerts(policy, cases)[0].urgent
    policy.set_on_duty(False)
    assert alerts(policy, cases) == []


def test_the_front_desk_is_told_of_urgent_cases_nobody_covers() -> None:
    clock = Clock(MONDAY_10)
    policy = policy_for(Settings(desk_roles=["unrouted"]), clock)
    cases = [new_case("a", "police", Priority.URGENT), new_case("b", "police", Priority.LOW)]
    assert [a.case_id for a in alerts(policy, cases)] == ["a"]
    policy.others_cover = lambda role: role == "police"
    assert alerts(policy, cases) == []


def test_the_front_desk_is_told_of_a_private_urgent_case_without_who_or_what() -> None:
    """A Telegram private chat reporting an emergency, for the police, with nobody on duty
    there: the front desk is told it came, not who wrote it nor what it says."""
    clock = Clock(MONDAY_10)
    front = policy_for(Settings(desk_roles=["unrouted"]), clock)
    case_id, verdict, message = new_case("a", "police", Priority.URGENT, "me pegan en casa")
    private = (case_id, verdict, replace(message, private=True))
    [alert] = alerts(front, [private])
    assert alert.withheld and alert.text == "" and alert.author_handle == ""
    police = policy_for(Settings(desk_roles=["police"]), clock)
    [alert] = alerts(police, [private])
    assert not alert.withheld and alert.text == "me pegan en casa"


def test_reply_112_speaks_the_citizens_language() -> None:
    spanish = reply_112_text(post("hay un accidente en la rotonda", "marta", "es"))
    assert spanish.startswith("@marta Si es una emergencia, llame ahora al 112")
    english = reply_112_text(post("there is a car accident at the roundabout", "tom", "en"))
    assert english.startswith("@tom If this is an emergency, call 112 now")
    # X's tag is often wrong on short posts; the words decide.
    assert "llame" in reply_112_text(post("hay un herido en la plaza de la iglesia", "a", "en"))
    assert len(spanish) <= 280 and len(english) <= 280


# -- with the engine: the summary and the town policy --------------------------------------


def town_policy(
    policy: DutyPolicy, new_cases: list[NewCase], engine: Engine
) -> list[UncoveredOutcome]:
    """The policy as the desk runs it: on the urgent cases nobody covers now."""
    return asyncio.run(
        apply_town_policy(
            policy.uncovered_urgent(new_cases),
            engine.actions,
            auto_reply_112=policy.settings.auto_reply_112,
        )
    )


@pytest.fixture
def xserver() -> Iterator[XServer]:
    with XServer(seed=3) as server:
        yield server


@pytest.fixture
def engine(tmp_path: Path, xserver: XServer) -> Iterator[Engine]:
    settings = Settings(
        x_api_base=xserver.base_url,
        x_user_id=xserver.town_user_id,
        desk_name="street-crew",
        desk_roles=["street_cleaning", "lighting"],
        person="Paco",
    )
    creds = XCredentials(user_id=xserver.town_user_id, **xserver.credentials())
    e = Engine(tmp_path / "desk.db", settings, creds)
    e.source.backoff.base = 0.01  # type: ignore[union-attr]
    yield e
    e.close()


def poll(engine: Engine, xserver: XServer, *posts: tuple[str, str]) -> IngestReport:
    for author, text in posts:
        xserver.add_post(author, f"@{xserver.town_handle} {text}")
    return asyncio.run(engine.intake.poll_once())  # type: ignore[union-attr]


ACCIDENT_ES = ("marta", "accidente en la rotonda, hay un herido sangrando, vengan rápido")
ACCIDENT_EN = ("tom", "car accident at the roundabout, someone is injured and bleeding")
LANTERN = ("luis", "la farola de la calle Real está apagada")
LEAVES = ("rosa", "hay muchas hojas y basura en la plaza")


def test_summary_counts_per_role_and_lists_the_urgent(engine: Engine, xserver: XServer) -> None:
    policy = DutyPolicy(engine.settings, save=lambda: None)
    since = datetime.now(UTC) - timedelta(minutes=1)
    report = poll(engine, xserver, LANTERN, LEAVES, ACCIDENT_ES)
    assert len(report.new_cases) == 3
    summary = summarize(engine.store, policy.roles, since, datetime.now(UTC) + timedelta(minutes=1))
    counts = {c.role: c.total for c in summary.counts}
    assert counts == {"street_cleaning": 1, "lighting": 1}  # police is not this desk's
    assert summary.total == 2 and summary.urgent_total == 0

    policy.settings.desk_roles = ["police", "lighting"]
    summary = summarize(engine.store, policy.roles, since, datetime.now(UTC) + timedelta(minutes=1))
    assert summary.urgent_total == 1 and summary.urgent[0].author_handle == "marta"
    empty = summarize(
        engine.store, policy.roles, since - timedelta(days=2), since - timedelta(days=1)
    )
    assert empty.is_empty


def uncovered_marks(engine: Engine, case_id: str) -> list[dict]:
    return [
        dict(e.payload)
        for e in engine.store.case_events(case_id)
        if e.kind is EventKind.NOTED and e.payload.get("flag") == UNCOVERED_URGENT
    ]


def test_uncovered_urgent_is_marked_without_reply_by_default(
    engine: Engine, xserver: XServer
) -> None:
    policy = DutyPolicy(engine.settings, save=lambda: None)
    policy.set_on_duty(False)
    report = poll(engine, xserver, ACCIDENT_ES, LANTERN)
    outcomes = town_policy(policy, report.new_cases, engine)
    urgent_id = next(cid for cid, v, _ in report.new_cases if v.priority is Priority.URGENT)
    assert [o.case_id for o in outcomes] == [urgent_id]
    assert outcomes[0].marked and not outcomes[0].replied
    assert uncovered_marks(engine, urgent_id)[0]["role"] == "police"
    assert xserver.replies_created == []


def test_uncovered_urgent_gets_the_112_reply_when_the_town_enables_it(
    engine: Engine, xserver: XServer
) -> None:
    engine.settings.auto_reply_112 = True
    policy = DutyPolicy(engine.settings, save=lambda: None)
    policy.set_on_duty(False)
    report = poll(engine, xserver, ACCIDENT_ES, ACCIDENT_EN)
    outcomes = town_policy(policy, report.new_cases, engine)
    assert len(outcomes) == 2 and all(o.marked and o.replied for o in outcomes)
    texts = sorted(r["text"] for r in xserver.replies_created)
    assert texts[0].startswith("@marta Si es una emergencia, llame ahora al 112")
    assert texts[1].startswith("@tom If this is an emergency, call 112 now")
    for case_id, _, _ in report.new_cases:
        assert EventKind.REPLIED in [e.kind for e in engine.store.case_events(case_id)]


def test_a_failed_112_reply_keeps_the_mark(engine: Engine, xserver: XServer) -> None:
    engine.settings.auto_reply_112 = True
    policy = DutyPolicy(engine.settings, save=lambda: None)
    report = poll(engine, xserver, ACCIDENT_ES)
    xserver.faults.push(Fault.rate_limit(reset_in=3600, endpoint="/2/tweets", method="POST"))
    [outcome] = town_policy(policy, report.new_cases, engine)
    assert outcome.marked and not outcome.replied and "rate limit" in outcome.reply_error


def test_covered_urgent_cases_get_no_mark(engine: Engine, xserver: XServer) -> None:
    engine.settings.auto_reply_112 = True
    policy = DutyPolicy(engine.settings, save=lambda: None)
    report = poll(engine, xserver, ACCIDENT_ES)
    policy.others_cover = lambda role: role == "police"  # the station desk is on duty
    assert town_policy(policy, report.new_cases, engine) == []
    policy.others_cover = None
    policy.settings.desk_roles = ["police"]  # this desk, on duty, covers it itself
    assert town_policy(policy, report.new_cases, engine) == []
    assert xserver.replies_created == []
