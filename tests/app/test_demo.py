"""The demo town is wired once (app/demo.py): one parser and one set of defaults for the
window and the terminal, and the chosen desk's settings pointed at the local server."""

from __future__ import annotations

import asyncio
import json
from collections import Counter
from pathlib import Path

import pytest

from jundesk.app.demo import (
    DEFAULT_POSTS,
    DEFAULT_SPEED,
    DemoOptions,
    DemoTown,
    demo_options,
    with_demo_desk,
)
from jundesk.app.engine import Engine
from jundesk.app.settings import Settings
from jundesk.app.x_access import x_credentials
from jundesk.cli.main import parser as cli_parser
from tests.conftest import MemoryKeyring


def test_the_window_and_the_terminal_read_the_same_arguments() -> None:
    words = ["--preload", "5", "--desk", "police", "--speed", "900", "--posts", "40"]
    window = demo_options(words)
    terminal = demo_options(cli_parser().parse_args(["demo", *words]))
    assert window == terminal
    assert window.preload == 5 and window.desk == "police" and window.speed == 900
    assert demo_options(["--headless", *words]) == demo_options(
        cli_parser().parse_args(["demo", "--headless", *words])
    )


def test_one_set_of_defaults() -> None:
    defaults = DemoOptions()
    assert demo_options([]) == defaults
    assert demo_options(cli_parser().parse_args(["demo"])) == defaults
    assert (defaults.posts, defaults.speed) == (DEFAULT_POSTS, DEFAULT_SPEED)


def test_unknown_desks_are_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        demo_options(["--desk", "mayor"])
    assert "invalid choice: 'mayor'" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("options", "can_ask", "desk"),
    [
        (DemoOptions(), True, ""),  # the window asks
        (DemoOptions(), False, "front"),  # the terminal can't
        (DemoOptions(quit_after=1), True, "front"),  # a check of the install doesn't wait
        (DemoOptions(desk="street"), True, "street"),
        (DemoOptions(desk="police"), False, "police"),
    ],
)
def test_whose_day_is_shown(options: DemoOptions, can_ask: bool, desk: str) -> None:
    assert options.desk_to_show(can_ask=can_ask) == desk


def test_the_desk_reads_the_local_town_never_the_hub() -> None:
    town = DemoTown(DemoOptions(posts=6, preload=2, interval=0.5)).start()
    try:
        base = Settings(hub_url="postgresql://hub.example/jun", language="es")
        settings = town.settings(with_demo_desk(base, "police"))
        assert settings.desk_roles == ["police"] and settings.person == "Agente Ruiz"
        assert settings.x_api_base == town.server.base_url
        assert settings.poll_interval == 0.5
        assert settings.hub_url == ""  # demo cases never reach the town's hub
        assert settings.language == "es"  # the desk's own preferences stay
        assert len(town.simulator.posted) >= 2  # the preloaded posts are there at once
    finally:
        town.stop()


@pytest.mark.slow  # four local servers and a day's preload through every channel's library
def test_the_demo_inbox_has_posts_from_all_four_channels_never_from_the_keyring(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    """The day's posts reach one inbox through X, Mastodon, Bluesky and Telegram, each read
    by its own library from its local server with that server's made-up credentials: the
    keyring is neither read nor written (a town's real tokens stay out of the demo)."""
    memory_keyring.set_password("jundesk", "bluesky.session", "the town's real session")
    town = DemoTown(DemoOptions(posts=60, preload=60, interval=0.5)).start()
    try:
        settings = town.settings(Settings())
        assert settings.channels == ["x", "mastodon", "bluesky", "telegram"]
        assert "access_token" not in json.dumps(settings.channel_settings)
        credentials = x_credentials(settings, demo=town).credentials
        engine = Engine(
            tmp_path / "demo.db",
            settings,
            credentials,
            channel_values=town.channel_values(),
        )
        try:
            assert sorted(engine.intakes) == ["bluesky", "mastodon", "telegram", "x"]

            async def poll_all() -> None:
                await asyncio.gather(*(loop.poll_once() for loop in engine.intakes.values()))

            asyncio.run(poll_all())
            sources = Counter(
                post.source for _, posts in engine.store.iter_cases_for_export() for post in posts
            )
        finally:
            engine.close()
    finally:
        town.stop()
    assert set(sources) == {"x", "mastodon", "bluesky", "telegram"}, sources
    assert sum(sources.values()) >= 60
    assert memory_keyring.values == {("jundesk", "bluesky.session"): "the town's real session"}
