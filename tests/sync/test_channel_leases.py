"""Each channel of the town has its own intake lease on the hub: one collector per channel,
not necessarily at the same desk; a lease lets its holder write only its own channel's
cursor and read count; the functions of the version before still collect X."""

from __future__ import annotations

import psycopg
import pytest

from jundesk.sync.collector_lock import CollectorLock, NotAllowedToCollect
from tests.sync.test_hub_trust import desk_conn
from tests.sync.town import TestHub


def holders(hub: TestHub) -> dict[str, str]:
    with hub.admin_conn() as conn:
        rows = conn.execute("SELECT channel, desk FROM hub_intake_holders()").fetchall()
    return {str(channel): str(desk) for channel, desk in rows}


def test_each_channel_has_one_collector_and_they_may_be_at_different_desks(
    fresh_hub: TestHub,
) -> None:
    x_front = CollectorLock(fresh_hub.connector("front"), "x")
    telegram_front2 = CollectorLock(fresh_hub.connector("front2"), "telegram")
    x_front2 = CollectorLock(fresh_hub.connector("front2"), "x")
    telegram_front3 = CollectorLock(fresh_hub.connector("front3"), "telegram")
    mastodon_front = CollectorLock(fresh_hub.connector("front"), "mastodon")
    locks = (x_front, telegram_front2, x_front2, telegram_front3, mastodon_front)
    try:
        assert x_front.try_acquire() and telegram_front2.try_acquire()
        assert mastodon_front.try_acquire()  # the same desk may hold two channels
        assert not x_front2.try_acquire()  # X is held by front
        assert not telegram_front3.try_acquire()  # Telegram is held by front2
        assert holders(fresh_hub) == {"mastodon": "front", "telegram": "front2", "x": "front"}
        # Each holder writes its own channel's cursor only.
        with telegram_front2.mutex, telegram_front2.connection.transaction():
            telegram_front2.fence()
            telegram_front2.connection.execute(
                "SELECT hub_save_cursor('telegram', 'updates', '42', '', '')"
            )
            telegram_front2.connection.execute("SELECT hub_add_reads('2026-12', 'telegram', 3)")
        with (
            pytest.raises(psycopg.errors.InsufficientPrivilege, match="intake of x"),
            telegram_front2.mutex,
            telegram_front2.connection.transaction(),
        ):
            telegram_front2.connection.execute("SELECT hub_save_cursor('x', 'm', '9', '', '')")
        assert fresh_hub.count("intake_cursors") == 1
        # Telegram's collector goes: a standby takes Telegram over, X stays where it was.
        telegram_front2.release()
        assert telegram_front3.try_acquire()
        assert x_front.alive() and mastodon_front.alive()
        assert holders(fresh_hub)["telegram"] == "front3"
    finally:
        for lock in locks:
            lock.release()


def test_only_front_desks_take_a_channel_and_names_are_checked(fresh_hub: TestHub) -> None:
    with pytest.raises(NotAllowedToCollect):
        CollectorLock(fresh_hub.connector("police"), "mastodon").try_acquire()
    front = desk_conn(fresh_hub, "front")
    with front, pytest.raises(psycopg.errors.CheckViolation, match="no such channel"):
        front.execute("SELECT hub_intake_acquire('X; DROP TABLE posts')")


def test_the_functions_of_the_version_before_collect_x(fresh_hub: TestHub) -> None:
    old = desk_conn(fresh_hub, "front")
    new = CollectorLock(fresh_hub.connector("front2"), "x")
    try:
        with old:
            row = old.execute("SELECT hub_intake_acquire()").fetchone()
            assert row is not None and row[0] is not None
            assert holders(fresh_hub) == {"x": "front"}
            assert not new.try_acquire()  # X is the old desk's
            desk = old.execute("SELECT desk FROM hub_intake_holder()").fetchone()
            assert desk == ("front",)
            assert old.execute("SELECT hub_intake_release(%s)", (row[0],)).fetchone() == (True,)
        assert new.try_acquire()
    finally:
        new.release()


@pytest.mark.slow
def test_the_hub_goes_back_to_one_lease_and_up_again(postgres: str) -> None:
    """h0004 down to h0003 keeps X's lease and the town's cursors; up again, per channel."""
    import secrets

    from alembic import command
    from sqlalchemy import create_engine
    from sqlalchemy.pool import NullPool

    from jundesk.sync.hub_address import HubAddress
    from jundesk.sync.hub_connection import HubConnector, Purpose
    from jundesk.sync.hub_schema import alembic_config, upgrade_hub
    from tests.sync.conftest import drop_hub

    dbname = f"jd_test_{secrets.token_hex(4)}"
    admin = HubConnector(HubAddress.parse(postgres).without_database(dbname))
    try:
        upgrade_hub(admin)
        engine = create_engine(
            "postgresql+psycopg://",
            creator=lambda: admin.connect(Purpose.ADMIN),
            poolclass=NullPool,
        )
        try:
            with engine.begin() as connection:
                connection.exec_driver_sql(
                    "INSERT INTO intake_lease (channel, epoch) VALUES ('telegram', 3)"
                )
                connection.exec_driver_sql("UPDATE intake_lease SET epoch = 7 WHERE channel = 'x'")
                command.downgrade(alembic_config(connection), "h0003")
            with engine.begin() as connection:
                rows = connection.exec_driver_sql("SELECT id, epoch FROM intake_lease").all()
                assert [tuple(r) for r in rows] == [(True, 7)]
                command.upgrade(alembic_config(connection), "head")
            with engine.begin() as connection:
                rows = connection.exec_driver_sql("SELECT channel, epoch FROM intake_lease").all()
                assert [tuple(r) for r in rows] == [("x", 7)]
        finally:
            engine.dispose()
    finally:
        drop_hub(postgres, dbname)


@pytest.mark.slow
def test_a_front_desk_collects_each_of_its_channels_for_the_town(
    fresh_hub: TestHub, tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import asyncio

    from jundesk.app.channel_access import ChannelValues
    from jundesk.app.engine import Engine
    from jundesk.app.settings import Settings
    from jundesk.intake.x_credentials import XCredentials
    from jundesk.xserver import XServer
    from tests import fake_channel

    fake_channel.use_fake_channel(monkeypatch)
    values = {"fake": ChannelValues({"server": "town"}, {"token": "fake-token"})}
    with XServer(seed=2) as server:
        server.add_post("ana", f"@{server.town_handle} la farola de la plaza no luce")
        settings = Settings(channels=["x", "fake"], x_api_base=server.base_url, desk_name="front")
        creds = XCredentials(user_id=server.town_user_id, bearer_token=server.bearer_token)
        engine = Engine(
            tmp_path / "front.db",
            settings,
            creds,
            hub=fresh_hub.connector("front"),
            channel_values=values,
        )
        try:
            assert set(engine.collectors) == {"x", "fake"} and not engine.intakes
            fake_channel.SERVICES["town"].add("Basura junto al contenedor de la calle Real")
            stored = {
                name: asyncio.run(collector.collect_once(wait=10))
                for name, collector in engine.collectors.items()
            }
        finally:
            engine.close()
    assert {name: r.stored for name, r in stored.items() if r} == {"x": 1, "fake": 1}
    with fresh_hub.admin_conn() as conn:
        sources = conn.execute(
            "SELECT source, count(*) FROM posts GROUP BY 1 ORDER BY 1"
        ).fetchall()
        cursors = conn.execute("SELECT source, since_id FROM intake_cursors ORDER BY 1").fetchall()
    assert [tuple(r) for r in sources] == [("fake", 1), ("x", 1)]
    assert [r[0] for r in cursors] == ["fake", "x"]
