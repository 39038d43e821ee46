"""Intake once per town: one collector at a time, another takes over when it goes away,
and corrections made at any desk improve routing at the collector."""

from __future__ import annotations

import asyncio
import os
import random
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from jundesk.app.engine import Engine
from jundesk.app.engine_events import QuietEvents
from jundesk.app.settings import Settings
from jundesk.app.town_collector import TownCollector
from jundesk.app.town_status import CollectorRole
from jundesk.core.model import EventKind
from jundesk.intake.backoff import Backoff
from jundesk.intake.x_credentials import XCredentials
from jundesk.intake.x_source import XSource
from jundesk.store.repository import Store
from jundesk.sync.collector_lock import CollectorLock, NotAllowedToCollect
from jundesk.sync.hub_connection import HubConnector
from jundesk.triage import Triage
from jundesk.xserver import XServer
from jundesk.xserver.town import TownDay, TownSimulator
from tests.sync.tcp_proxy import TcpProxy
from tests.sync.test_offline import wait_for
from tests.sync.town import TestDesk, TestHub


def x_source(server: XServer) -> XSource:
    creds = XCredentials(user_id=server.town_user_id, **server.credentials())
    return XSource(
        creds,
        api_base=server.base_url,
        backoff=Backoff(base=0.01, cap=0.05, max_attempts=6, rng=random.Random(3)),
        timeout=(2.0, 2.0),
        page_size=20,
    )


def holder(hub: TestHub) -> str | None:
    """The database role holding the town's intake lease, if its session stands."""
    with hub.admin_conn() as conn:
        row = conn.execute(
            "SELECT holder FROM intake_lease WHERE pid IN (SELECT pid FROM pg_stat_activity)"
        ).fetchone()
    return None if row is None else str(row[0])


def check_each_post_ingested_once(hub: TestHub) -> int:
    with hub.admin_conn() as conn:
        posts = conn.execute("SELECT count(*) FROM posts WHERE case_id IS NOT NULL").fetchone()
        naming = conn.execute(
            "SELECT (body::json -> 'payload' ->> 'post_id') AS post, count(*) FROM events "
            "WHERE kind IN ('ingested', 'post_added') GROUP BY 1 HAVING count(*) > 1"
        ).fetchall()
        opened = conn.execute("SELECT count(*) FROM events WHERE kind = 'ingested'").fetchone()
    assert naming == []  # no post opened or joined a case twice
    assert posts is not None and opened is not None
    return int(posts[0])


@pytest.mark.slow
def test_a_cut_off_collector_is_replaced_and_nothing_is_read_twice(
    fresh_hub: TestHub,
):
    invite = fresh_hub.invites["front"]
    triage = Triage.from_resources()
    writer = ThreadPoolExecutor(max_workers=1)
    roles: dict[str, list[CollectorRole]] = {"a": [], "b": []}

    async def scenario(server: XServer, simulator: TownSimulator) -> None:
        with TcpProxy() as proxy:
            options = {
                "interval": 0.2,
                "standby_interval": 0.3,
                "heartbeat": 0.2,
                "offline_retry": 0.5,
            }
            a = TownCollector(
                HubConnector(proxy.url(invite.url), invite.password),
                x_source(server),
                triage,
                writer,
                on_role=lambda role, _: roles["a"].append(role),
                **options,
            )
            b = TownCollector(
                fresh_hub.connector("front2"),
                x_source(server),
                triage,
                writer,
                on_role=lambda role, _: roles["b"].append(role),
                **options,
            )
            run_a = asyncio.create_task(a.run())
            await wait_for(lambda: a.role is CollectorRole.COLLECTING)
            run_b = asyncio.create_task(b.run())
            await wait_for(lambda: b.role is CollectorRole.STANDBY)
            await wait_for(lambda: fresh_hub.count("posts") >= 30)
            assert holder(fresh_hub) == invite.desk.db_role
            simulator.start()
            await asyncio.sleep(0.3)

            proxy.cut()  # the collector's network goes
            cut_at = time.monotonic()
            await wait_for(lambda: b.role is CollectorRole.COLLECTING, timeout=10)
            assert time.monotonic() - cut_at < 10
            await wait_for(lambda: a.role is CollectorRole.OFFLINE)
            proxy.restore()
            await wait_for(lambda: a.role is CollectorRole.STANDBY)
            assert holder(fresh_hub) == fresh_hub.invites["front2"].desk.db_role

            simulator.wait(timeout=20)
            await wait_for(lambda: fresh_hub.count("posts") >= len(simulator.posted), 15)
            for collector in (a, b):
                collector.stop()
            await asyncio.gather(run_a, run_b)
            for collector in (a, b):
                collector.close()

    try:
        with XServer(seed=3) as server:
            simulator = TownSimulator(server, TownDay(seed=3, posts=60), speed=20000)
            simulator.preload(30)
            try:
                asyncio.run(scenario(server, simulator))
            finally:
                simulator.stop()
            server_ids = {str(p["id"]) for p in server.posts()}
    finally:
        writer.shutdown(wait=True)
    assert roles["a"][:1] == [CollectorRole.COLLECTING]
    # b never collected before a was cut off
    assert roles["b"][:2] == [CollectorRole.STANDBY, CollectorRole.COLLECTING]
    with fresh_hub.admin_conn() as conn:
        hub_ids = {r[0] for r in conn.execute("SELECT source_id FROM posts").fetchall()}
    assert hub_ids <= server_ids and len(hub_ids) >= 60
    check_each_post_ingested_once(fresh_hub)


def _spawn(
    hub: TestHub, desk: str, server: XServer, home: Path, log: list[tuple[float, str]]
) -> subprocess.Popen[str]:
    env = {
        **os.environ,
        "JUNDESK_HOME": str(home),
        "JUNDESK_HUB_PASSWORD": hub.invites[desk].password,
        "JUNDESK_X_BEARER_TOKEN": server.bearer_token,
        "JUNDESK_X_USER_ID": server.town_user_id,
        "PYTHONUNBUFFERED": "1",
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "jundesk.cli.main",
            "collect",
            "--hub",
            hub.invites[desk].url,
            "--db",
            str(home / "desk.db"),
            "--x-api-base",
            server.base_url,
            "--interval",
            "0.3",
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            log.append((time.monotonic(), line.rstrip()))

    threading.Thread(target=read, daemon=True).start()
    return process


def _until(check, timeout: float) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.05)
    return False


@pytest.mark.slow
@pytest.mark.timeout(120)
def test_kill_9_the_collector_and_another_takes_over(fresh_hub: TestHub, tmp_path: Path):
    a_role = fresh_hub.invites["front"].desk.db_role
    b_role = fresh_hub.invites["front2"].desk.db_role
    a_log: list[tuple[float, str]] = []
    b_log: list[tuple[float, str]] = []
    with XServer(seed=11) as server:
        simulator = TownSimulator(server, TownDay(seed=11, posts=80), speed=12000)
        simulator.preload(40)
        a = _spawn(fresh_hub, "front", server, tmp_path / "a", a_log)
        b: subprocess.Popen[str] | None = None
        try:
            assert _until(lambda: holder(fresh_hub) == a_role, 30), a_log
            b = _spawn(fresh_hub, "front2", server, tmp_path / "b", b_log)
            assert _until(lambda: any("standby" in line for _, line in b_log), 30), b_log
            assert _until(lambda: fresh_hub.count("posts") >= 40, 20)
            before = fresh_hub.count("posts")
            simulator.start()
            # The day's posts flow in through a, which keeps the intake meanwhile.
            assert _until(lambda: fresh_hub.count("posts") > before, 20)
            assert holder(fresh_hub) == a_role

            a.send_signal(signal.SIGKILL)
            killed_at = time.monotonic()
            a.wait(timeout=10)
            assert _until(lambda: holder(fresh_hub) == b_role, 10), b_log
            took = time.monotonic() - killed_at
            print(f"takeover after kill -9: {took:.2f} s")
            assert took < 10
            collecting = [t for t, line in b_log if "collecting" in line]
            assert collecting and collecting[0] > killed_at  # b never polled while a held it

            simulator.wait(timeout=30)
            assert _until(lambda: fresh_hub.count("posts") >= len(simulator.posted), 20)
        finally:
            simulator.stop()
            for process in (a, b):
                if process is not None and process.poll() is None:
                    process.send_signal(signal.SIGINT)
                    try:
                        process.wait(timeout=10)
                    except subprocess.TimeoutExpired:
                        process.kill()
    check_each_post_ingested_once(fresh_hub)


@pytest.mark.slow
@pytest.mark.timeout(180)
def test_a_frozen_collector_is_taken_over_then_stands_by(fresh_hub: TestHub, tmp_path: Path):
    """kill -STOP: the holder's session stays open and idle, so only the lease can expire;
    the standby takes over, ends the frozen one's session, and after kill -CONT the old
    holder finds it lost the intake, writes nothing more, and stands by."""
    a_role = fresh_hub.invites["front"].desk.db_role
    b_role = fresh_hub.invites["front2"].desk.db_role
    a_log: list[tuple[float, str]] = []
    b_log: list[tuple[float, str]] = []
    with XServer(seed=12) as server:
        simulator = TownSimulator(server, TownDay(seed=12, posts=60), speed=12000)
        simulator.preload(30)
        a = _spawn(fresh_hub, "front", server, tmp_path / "a", a_log)
        b: subprocess.Popen[str] | None = None
        try:
            assert _until(lambda: holder(fresh_hub) == a_role, 30), a_log
            b = _spawn(fresh_hub, "front2", server, tmp_path / "b", b_log)
            assert _until(lambda: any("standby" in line for _, line in b_log), 30), b_log
            assert _until(lambda: fresh_hub.count("posts") >= 30, 20)

            a.send_signal(signal.SIGSTOP)
            stopped_at = time.monotonic()
            assert _until(lambda: holder(fresh_hub) == b_role, 30), b_log
            took = time.monotonic() - stopped_at
            print(f"takeover after kill -STOP: {took:.2f} s")
            assert took < 30
            with fresh_hub.admin_conn() as conn:
                row = conn.execute("SELECT now()").fetchone()
            assert row is not None
            taken_at = row[0]

            simulator.start()
            a_seen = len(a_log)
            a.send_signal(signal.SIGCONT)
            assert _until(lambda: any("standby" in line for _, line in a_log[a_seen:]), 30), a_log[
                a_seen:
            ]
            simulator.wait(timeout=30)
            assert _until(lambda: fresh_hub.count("posts") >= len(simulator.posted), 20)
            assert holder(fresh_hub) == b_role
            with fresh_hub.admin_conn() as conn:
                late = conn.execute(
                    "SELECT count(*) FROM posts WHERE pushed_by = %s AND pushed_at >= %s",
                    (a_role, taken_at),
                ).fetchone()
            assert late == (0,)  # fenced: nothing from the old holder after the takeover
            woken = [line for _, line in a_log[a_seen:]]
            assert not any("Traceback" in line for line in woken), woken  # one line each
        finally:
            simulator.stop()
            for process in (a, b):
                if process is not None and process.poll() is None:
                    process.send_signal(signal.SIGCONT)
                    process.send_signal(signal.SIGINT)
                    try:
                        process.wait(timeout=10)
                    except subprocess.TimeoutExpired:
                        process.kill()
    check_each_post_ingested_once(fresh_hub)


@pytest.mark.slow
def test_a_correction_at_one_desk_improves_routing_at_the_collector(
    fresh_hub: TestHub, tmp_path: Path
):
    fountain = "@AytoJun La fuente de la plaza pierde agua"
    similar = "@AytoJun La fuente del parque pierde agua desde ayer"
    other = TestDesk("front2", Store(tmp_path / "front2.db"), fresh_hub.connector("front2"))

    async def scenario(server: XServer, engine: Engine) -> None:
        tasks = [asyncio.create_task(run) for run in engine.services()]
        try:
            assert engine.collector is not None
            server.add_post("vecina", fountain)
            await wait_for(lambda: fresh_hub.count("posts") == 1)
            await asyncio.to_thread(other.sync)
            [case] = other.store.list_cases()
            assert case.case.role == "unrouted"
            # The front desk knows: fountains are the water service's.
            other.act(case.case.id, EventKind.REROUTED, role="water", previous="unrouted")
            await asyncio.to_thread(other.sync)
            # The collector's desk pulls the correction (a notification) and learns it.
            await wait_for(lambda: engine.triage.classify(similar).role == "water")
            server.add_post("vecino", similar)
            await wait_for(lambda: fresh_hub.count("posts") == 2)
            await asyncio.to_thread(other.sync)
            roles = sorted(c.case.role for c in other.store.list_cases())
            assert roles == ["water", "water"]
        finally:
            assert engine.sync is not None and engine.collector is not None
            engine.sync.stop()
            engine.collector.stop()
            engine.purge.stop()
            await asyncio.gather(*tasks)

    with XServer(seed=2) as server:
        settings = Settings(
            x_api_base=server.base_url,
            x_user_id=server.town_user_id,
            poll_interval=0.2,
            desk_name="front",
        )
        creds = XCredentials(user_id=server.town_user_id, bearer_token=server.bearer_token)
        engine = Engine(tmp_path / "front.db", settings, creds, hub=fresh_hub.connector("front"))
        try:
            assert engine.intake is None  # in a town, intake only through the lock
            asyncio.run(scenario(server, engine))
        finally:
            engine.close()
            other.close()


def test_only_a_front_desk_may_collect_and_the_lock_is_exclusive(fresh_hub: TestHub):
    with pytest.raises(NotAllowedToCollect, match="front desk"):
        CollectorLock(fresh_hub.connector("police")).try_acquire()
    first, second = (CollectorLock(fresh_hub.connector(d)) for d in ("front", "front2"))
    try:
        assert first.try_acquire() and first.alive()
        assert not second.try_acquire()
        first.release()
        assert _until(second.try_acquire, 5)
        assert holder(fresh_hub) == fresh_hub.invites["front2"].desk.db_role
    finally:
        first.release()
        second.release()


class RoleLog(QuietEvents):
    """An engine listener that keeps the collector roles it hears."""

    def __init__(self) -> None:
        self.roles: list[CollectorRole] = []

    def on_role(self, role: CollectorRole, message: str) -> None:
        assert message  # a line for the log and the command line
        self.roles.append(role)


@pytest.mark.slow
def test_each_desk_is_told_whether_it_collects_for_the_town(fresh_hub: TestHub, tmp_path: Path):
    heard = {name: RoleLog() for name in ("front", "front2", "police")}

    async def scenario(engines: dict[str, Engine]) -> None:
        tasks: dict[str, list[asyncio.Task[None]]] = {}
        try:
            for name, first in (
                ("front", CollectorRole.COLLECTING),
                ("front2", CollectorRole.STANDBY),
                ("police", CollectorRole.NOT_ALLOWED),
            ):
                tasks[name] = [asyncio.create_task(run) for run in engines[name].services()]
                await wait_for(lambda: heard[name].roles == [first])  # noqa: B023
            await stop(engines["front"], tasks.pop("front"))
            # The collector went away: the desk standing by takes the town's intake over.
            await wait_for(
                lambda: heard["front2"].roles == [CollectorRole.STANDBY, CollectorRole.COLLECTING]
            )
        finally:
            for name, running in tasks.items():
                await stop(engines[name], running)

    async def stop(engine: Engine, running: list[asyncio.Task[None]]) -> None:
        assert engine.sync is not None and engine.collector is not None
        engine.sync.stop()
        engine.collector.stop()
        engine.purge.stop()
        await asyncio.gather(*running)

    with XServer(seed=2) as server:
        creds = XCredentials(user_id=server.town_user_id, bearer_token=server.bearer_token)
        engines = {
            name: Engine(
                tmp_path / f"{name}.db",
                Settings(x_api_base=server.base_url, poll_interval=0.2, desk_name=name),
                creds,
                events=heard[name],
                hub=fresh_hub.connector(name),
            )
            for name in heard
        }
        try:
            asyncio.run(scenario(engines))
        finally:
            for engine in engines.values():
                engine.close()
