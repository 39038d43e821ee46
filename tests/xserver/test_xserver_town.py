"""The simulated day in Jun, its playback into the local server, and large backlogs."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from datetime import UTC, datetime, timedelta

import pytest

from jundesk.core.x_text import weighted_length
from jundesk.xserver import XServer
from jundesk.xserver.posts import USERNAME
from jundesk.xserver.town import (
    DAY_SECONDS,
    ScheduledPost,
    TownDay,
    TownSimulator,
    backlog,
    load_backlog,
)

ROLES = {"police", "street_cleaning", "lighting", "unrouted"}
PRIORITIES = {"urgent", "high", "normal", "low"}
EMOJI = re.compile("[\U0001f300-\U0001faff\u2600-\u27bf]")


def _check_schedule(schedule: list[ScheduledPost], span: int) -> None:
    for i, post in enumerate(schedule):
        assert post.index == i
        assert 0 <= post.offset < span
        assert USERNAME.fullmatch(post.handle), post.handle
        assert "@AytoJun" in post.text  # everything is written to the town
        assert "{" not in post.text and "\x00" not in post.text
        assert weighted_length(post.text) <= 280
        assert post.expected.role in ROLES and post.expected.priority in PRIORITIES
        assert post.lang in {"es", "en", "fr", "ca"}
        if post.reply_to is not None:
            parent = schedule[post.reply_to]
            assert post.reply_to < i and parent.offset <= post.offset
            assert parent.handle == post.handle  # a follow-up in the author's own thread
            assert parent.case == post.case and parent.expected == post.expected
            assert post.text.startswith("@AytoJun ")
    offsets = [post.offset for post in schedule]
    assert offsets == sorted(offsets)


def test_same_seed_same_day() -> None:
    assert TownDay(seed=7).schedule == TownDay(seed=7).schedule
    assert TownDay(seed=7).schedule != TownDay(seed=8).schedule


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_a_day_is_well_formed(seed: int) -> None:
    day = TownDay(seed=seed)
    assert len(day.schedule) == 150
    _check_schedule(day.schedule, DAY_SECONDS)


@pytest.mark.parametrize("posts", [1, 40, 400])
def test_post_count(posts: int) -> None:
    schedule = TownDay(seed=3, posts=posts).schedule
    assert len(schedule) == posts
    _check_schedule(schedule, DAY_SECONDS)


def test_the_day_reads_like_jun() -> None:
    days = [TownDay(seed=seed) for seed in range(10)]
    posts = [post for day in days for post in day.schedule]
    languages = Counter(post.lang for post in posts)
    assert 0.72 <= languages["es"] / len(posts) <= 0.9
    assert languages["en"] > 0 and languages["fr"] > 0 and languages["ca"] > 0
    assert {post.expected.role for post in posts} == ROLES
    assert {post.expected.priority for post in posts} == PRIORITIES
    assert {post.kind for post in posts} == {"report", "witness", "detail", "resolved"}
    categories = {post.category for post in posts}
    assert {"accident", "fire", "gas", "hurt", "fight", "noise_day", "lost_dog"} <= categories
    assert {"lantern_out", "street_dark", "graffiti", "dog_mess", "thanks", "fiesta"} <= categories
    urgent = sum(post.expected.priority == "urgent" for post in posts)
    assert 0 < urgent < len(posts) * 0.2
    texts = [post.text for post in posts]
    assert any(EMOJI.search(text) for text in texts)
    assert any("#Jun" in text for text in texts)
    assert any("https://t.co/" in text for text in texts)
    assert any(post.media for post in posts) and any(post.place for post in posts)
    assert any("Ya está arreglad" in text or "Ya esta arreglad" in text for text in texts)
    # Typing as people do: some Spanish posts lose their accents.
    assert any("farola" in text and "esta " in text for text in texts)


def test_several_neighbours_report_the_same_lantern() -> None:
    authors: dict[tuple[int, int], set[str]] = defaultdict(set)
    for seed in range(3):
        for post in TownDay(seed=seed).schedule:
            if post.expected.role == "lighting":
                authors[seed, post.case].add(post.handle)
    assert max(len(handles) for handles in authors.values()) >= 3


def test_night_noise_happens_at_night() -> None:
    day = TownDay(seed=0, posts=400)
    for post in day.schedule:
        if post.category == "noise_night" and post.kind == "report":
            hour = post.offset // 3600
            assert hour >= 23 or hour < 4


def test_preload_then_play_fast(server: XServer) -> None:
    day = TownDay(seed=1, posts=60)
    simulator = TownSimulator(server, day, speed=1e6)
    ids = simulator.preload(20)
    assert len(ids) == 20 and server.post_count == 20
    simulator.start()
    assert simulator.wait(timeout=10)
    simulator.stop()
    assert server.post_count == 60
    posts = {post["id"]: post for post in server.posts()}
    for scheduled in day.schedule:
        stored = posts[simulator.posted[scheduled.index]]
        assert stored["text"] == scheduled.text
        if scheduled.reply_to is not None:
            parent = simulator.posted[scheduled.reply_to]
            assert stored["referenced_tweets"] == [{"type": "replied_to", "id": parent}]
    # Everything was written to the town, so the town's mentions hold it all.
    assert len(server.posts()) == 60


def test_preload_everything_with_simulated_times(server: XServer) -> None:
    day = TownDay(seed=2, posts=30)
    simulator = TownSimulator(server, day, timestamps="simulated")
    simulator.preload()
    assert simulator.remaining == 0
    created = [post["created_at"] for post in server.posts()]
    expected = [day.created_at(post).strftime("%Y-%m-%dT%H:%M:%S.000Z") for post in day.schedule]
    assert created == expected


def test_real_timestamps_end_now_and_keep_the_gaps(server: XServer) -> None:
    day = TownDay(seed=2, posts=30)
    simulator = TownSimulator(server, day, speed=60)
    simulator.preload()
    stored = [
        datetime.fromisoformat(post["created_at"].replace("Z", "+00:00")) for post in server.posts()
    ]
    assert abs(stored[-1] - datetime.now(UTC)) < timedelta(seconds=5)
    gap = day.schedule[-1].offset - day.schedule[0].offset
    assert abs((stored[-1] - stored[0]).total_seconds() - gap / 60) < 1


def test_stop_halts_the_day(server: XServer) -> None:
    simulator = TownSimulator(server, TownDay(seed=4, posts=50), speed=1.0)
    simulator.preload(3)
    simulator.start()
    simulator.stop()
    assert simulator.remaining > 0
    assert server.post_count < 50


def test_live_posts_arrive_in_order(server: XServer) -> None:
    day = TownDay(seed=5, posts=12)
    with TownSimulator(server, day, speed=1e6) as simulator:
        assert simulator.wait(timeout=10)
    ids = [int(simulator.posted[post.index]) for post in day.schedule]
    assert ids == sorted(ids)


@pytest.mark.slow
def test_backlog_is_varied_and_deterministic() -> None:
    posts = backlog(20_000, seed=3)
    assert posts == backlog(20_000, seed=3)
    assert posts != backlog(20_000, seed=4)
    _check_schedule(posts, 30 * DAY_SECONDS)
    assert len({post.text for post in posts}) > 10_000
    assert len({post.handle for post in posts}) > 500
    roles = Counter(post.expected.role for post in posts)
    assert set(roles) == ROLES and min(roles.values()) > 2_000
    assert 0.7 < Counter(post.lang for post in posts)["es"] / len(posts) < 0.9
    assert 0 < sum(post.reply_to is not None for post in posts) < 0.15 * len(posts)


@pytest.mark.slow
def test_backlog_of_100000_loads_into_the_server(server: XServer, api) -> None:
    posts = backlog(100_000, seed=9)
    ids = load_backlog(server, posts)
    assert len(ids) == 100_000 and server.post_count == 100_000
    body = api.mentions(max_results=100, **{"tweet.fields": "created_at"}).json()
    assert body["data"][0]["id"] == ids[-1]
    newest = datetime.fromisoformat(body["data"][0]["created_at"].replace("Z", "+00:00"))
    assert abs(newest - datetime.now(UTC)) < timedelta(minutes=5)  # a backlog ends now
