"""The demo town's day on every channel: each citizen keeps to one channel (a thread stays
on it), some write privately, and every channel gets its share of the day."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from jundesk.localserver.bluesky import BlueskyServer
from jundesk.localserver.mastodon import MastodonServer
from jundesk.localserver.telegram import TelegramServer
from jundesk.localserver.town import TownChannels, channel_of, writes_privately
from jundesk.xserver import XServer
from jundesk.xserver.town import TownDay, TownSimulator


@pytest.fixture
def town() -> Iterator[TownChannels]:
    with XServer(seed=7) as x:
        servers = (MastodonServer(), BlueskyServer(), TelegramServer())
        for server in servers:
            server.start()
        try:
            yield TownChannels(x, *servers)
        finally:
            for server in servers:
                server.stop()


def test_the_day_arrives_on_every_channel_each_thread_on_one(town: TownChannels) -> None:
    day = TownDay(seed=7, posts=150)
    simulator = TownSimulator(town, day, speed=1000.0)
    simulator.preload(None)
    posted = simulator.posted
    assert len(posted) == 150
    assert set(town.counts) == {"x", "mastodon", "bluesky", "telegram"}
    assert all(n >= 10 for n in town.counts.values()), town.counts
    assert town.private > 0
    # Each server's own ids: at-uris on Bluesky, "<chat>:<message>" on Telegram.
    ids = {channel: [i for i, c in town.where.items() if c == channel] for channel in town.counts}
    assert all(i.startswith("at://") for i in ids["bluesky"])
    assert all(":" in i and not i.startswith("at://") for i in ids["telegram"])
    for post in day.schedule:
        where = town.where[posted[post.index]]
        assert where == channel_of(post.handle)
        if post.reply_to is not None:  # the author's own thread: the same channel
            assert town.where[posted[post.reply_to]] == where
    # Messages to the bot name nobody; Bluesky's name the town's account there.
    telegram_people = [p for p in day.schedule if channel_of(p.handle) == "telegram"]
    assert telegram_people
    assert any(writes_privately(p.handle, "telegram") for p in telegram_people)


def test_a_post_names_the_town_as_its_channel_does(town: TownChannels) -> None:
    words = town._words(f"@{town.town_handle} farola rota https://t.co/AbCdEfGhIj", "bluesky")
    assert words == f"@{town.bluesky.town_handle} farola rota"
    assert (
        town._words(f"Buenas @{town.town_handle}, farola rota", "telegram") == "Buenas farola rota"
    )
    mastodon = town._words(f"farola rota @{town.town_handle}", "mastodon")
    assert mastodon == f"farola rota @{town.mastodon.town_handle}"
