"""A desk reads every channel it enables, each through its own intake loop, and answers each
post on the channel it came by: X and a channel module side by side (a test double that
follows the channel contract), as the real Mastodon, Bluesky and Telegram modules do."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest

from jundesk.app.actions import ErrorCode, ReplyFailed
from jundesk.app.channel_access import ChannelValues
from jundesk.app.engine import Engine
from jundesk.app.engine_events import QuietEvents
from jundesk.app.intake_loop import IntakeHealth
from jundesk.app.settings import Settings
from jundesk.core.model import EventKind
from jundesk.intake.x_credentials import XCredentials
from jundesk.xserver import XServer
from tests import fake_channel
from tests.conftest import MemoryKeyring

FAKE = ChannelValues({"server": "jun", "account": "AytoJun"}, {"token": "fake-token"})


class Healths(QuietEvents):
    def __init__(self) -> None:
        self.heard: list[tuple[str, IntakeHealth]] = []

    def on_health(self, channel: str, health: IntakeHealth) -> None:
        self.heard.append((channel, health))


@pytest.fixture(autouse=True)
def fake(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_channel.use_fake_channel(monkeypatch)


@pytest.fixture
def xserver() -> Iterator[XServer]:
    with XServer(seed=2) as server:
        yield server


def open_engine(
    tmp_path: Path, xserver: XServer | None, channels: list[str], **kwargs: object
) -> Engine:
    settings = Settings(channels=channels, desk_name="front", person="Ana")
    creds = None
    if xserver is not None:
        settings.x_api_base = xserver.base_url
        settings.x_user_id = xserver.town_user_id
        creds = XCredentials(user_id=xserver.town_user_id, **xserver.credentials())
    return Engine(tmp_path / "desk.db", settings, creds, **kwargs)  # type: ignore[arg-type]


def test_each_enabled_channel_has_its_own_loop_and_answers_go_back_on_it(
    tmp_path: Path, xserver: XServer
) -> None:
    events = Healths()
    engine = open_engine(
        tmp_path, xserver, ["x", "fake"], events=events, channel_values={"fake": FAKE}
    )
    try:
        assert set(engine.intakes) == {"x", "fake"} and set(engine.channels) == {"x", "fake"}
        service = fake_channel.SERVICES["jun"]
        service.add("La farola de la plaza Mayor no luce", "ana")
        xserver.add_post("luis", f"@{xserver.town_handle} hay basura en la calle Real")
        stored = {
            name: asyncio.run(loop.poll_once()).new_cases for name, loop in engine.intakes.items()
        }
        assert len(stored["x"]) == 1 and len(stored["fake"]) == 1
        assert {c for c, _ in events.heard} == {"x", "fake"}
        assert all(h.channel == c for c, h in events.heard)

        fake_case = stored["fake"][0][0]
        x_case = stored["x"][0][0]
        asyncio.run(engine.actions.reply(fake_case, "Avisamos al electricista"))
        asyncio.run(engine.actions.reply(x_case, "Pasa la barredora esta tarde"))
        assert service.replies == [("1", "Avisamos al electricista")]
        assert [r["text"] for r in xserver.replies_created] == ["Pasa la barredora esta tarde"]
        replied = [e for e in engine.store.case_events(fake_case) if e.kind is EventKind.REPLIED]
        assert replied[0].payload["in_reply_to"] == "1"
        own = [p for p in engine.store.case_posts(fake_case) if p.is_own]
        assert [p.source for p in own] == ["fake"]

        # The town's own posts go to X while the town has X.
        sent = asyncio.run(engine.actions.publish_post("Resumen de la semana"))
        assert sent.source == "x"
    finally:
        engine.close()


def test_without_x_the_town_posts_on_its_first_channel(tmp_path: Path) -> None:
    engine = open_engine(tmp_path, None, ["fake"], channel_values={"fake": FAKE})
    try:
        assert set(engine.intakes) == {"fake"} and engine.source is None
        sent = asyncio.run(engine.actions.publish_post("Resumen de la semana"))
        assert sent.source == "fake"
        assert fake_channel.SERVICES["jun"].replies == [("", "Resumen de la semana")]
    finally:
        engine.close()


def test_a_reply_on_a_channel_not_connected_here_is_kept_with_its_channel_named(
    tmp_path: Path, xserver: XServer
) -> None:
    # The case came by the fake channel (another desk collected it); this desk has X only.
    collecting = open_engine(tmp_path, None, ["fake"], channel_values={"fake": FAKE})
    try:
        fake_channel.SERVICES["jun"].add("Un árbol caído en el parque", "eva")
        [(case_id, _, _)] = asyncio.run(collecting.intake.poll_once()).new_cases  # type: ignore[union-attr]
    finally:
        collecting.close()
    engine = open_engine(tmp_path, xserver, ["x"])
    try:
        with pytest.raises(ReplyFailed) as failed:
            asyncio.run(engine.actions.reply(case_id, "Vamos"))
        assert failed.value.code is ErrorCode.NO_CHANNEL_ACCOUNT
        assert failed.value.params == {"channel": "fake"}
        assert "jundesk accounts set --channel fake" in str(failed.value)
    finally:
        engine.close()


def test_a_channel_that_cannot_open_says_why_and_the_others_run(
    tmp_path: Path, xserver: XServer, memory_keyring: MemoryKeyring
) -> None:
    events = Healths()
    # Nothing set up for the fake channel: no server, no token in the keyring.
    engine = open_engine(tmp_path, xserver, ["x", "fake", "nonesuch"], events=events)
    try:
        assert set(engine.intakes) == {"x"}
        assert "needs its server" in engine.channel_problems["fake"]
        [health] = [h for c, h in events.heard if c == "fake"]
        assert health.failing and "needs its server" in health.last_error
        assert "nonesuch" not in engine.channel_problems  # unknown: left out, logged
        engine.tell_channel_problems()  # again as the services start, for a window
        assert len([c for c, _ in events.heard if c == "fake"]) == 2
    finally:
        engine.close()

    # Set up from the keyring and the settings, as 'jundesk accounts set --channel' does.
    memory_keyring.values[("jundesk", "fake.token")] = "fake-token"
    settings = Settings(channels=["fake"], channel_settings={"fake": {"server": "s9"}})
    engine = Engine(tmp_path / "desk2.db", settings)
    try:
        assert set(engine.intakes) == {"fake"} and not engine.channel_problems
    finally:
        engine.close()


def test_a_post_deleted_on_its_channel_loses_its_text_and_the_case_keeps_its_history(
    tmp_path: Path,
) -> None:
    engine = open_engine(tmp_path, None, ["fake"], channel_values={"fake": FAKE})
    try:
        service = fake_channel.SERVICES["jun"]
        kept = service.add("Farola rota en la calle Real", "ana")
        gone = service.add("Mi vecino aparca en el vado, matrícula 1234-ABC", "luis")
        report = asyncio.run(engine.intake.poll_once())  # type: ignore[union-attr]
        cases = {post.source_id: case_id for case_id, _, post in report.new_cases}
        asyncio.run(engine.actions.acknowledge(cases[gone]))
        service.deleted.add(gone)

        events = asyncio.run(engine.purge.check_deletions())
        assert [e.case_id for e in events] == [cases[gone]]
        assert events[0].payload["basis"] == "deleted_at_source"
        assert events[0].payload["reason"] == "Fake reports the post deleted"
        post = engine.store.post_by_source("fake", gone)
        assert post is not None and post.text == "" and post.author_handle == ""
        kinds = [e.kind for e in engine.store.case_events(cases[gone])]
        assert kinds[-2:] == [EventKind.ACKNOWLEDGED, EventKind.REDACTED]
        assert engine.store.post_by_source("fake", kept).text == "Farola rota en la calle Real"  # type: ignore[union-attr]
        # Asked again the next day: nothing more to do.
        assert asyncio.run(engine.purge.check_deletions()) == []
    finally:
        engine.close()


def test_a_channel_polls_at_its_own_pace_unless_the_town_sets_one(tmp_path: Path) -> None:
    engine = open_engine(tmp_path, None, ["fake"], channel_values={"fake": FAKE})
    try:
        assert engine.intakes["fake"].interval == fake_channel.POLL_INTERVAL
    finally:
        engine.close()
    settings = Settings(channels=["fake"], channel_settings={"fake": {"poll_interval": "12"}})
    engine = Engine(tmp_path / "desk2.db", settings, channel_values={"fake": FAKE})
    try:
        assert engine.intakes["fake"].interval == 12.0
    finally:
        engine.close()


def test_closing_the_desk_closes_its_channels(tmp_path: Path) -> None:
    engine = open_engine(tmp_path, None, ["fake"], channel_values={"fake": FAKE})
    channel = engine.channels["fake"]
    assert isinstance(channel, fake_channel.FakeChannel) and not channel.closed
    engine.close()
    assert channel.closed
