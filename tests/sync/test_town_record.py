"""The town's record through the hub: a front desk's record counts what every desk did
(its replica holds the town), a role's desk counts its own roles only."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from jundesk.app.records import RecordQuery, Records
from jundesk.app.settings import Settings
from jundesk.core.model import EventKind
from tests.sync.town import TestDesk


def test_a_front_desk_records_the_town_and_a_role_desk_its_roles(
    desks: dict[str, TestDesk],
) -> None:
    front, police, lighting = desks["front"], desks["police"], desks["lighting"]
    start = datetime.now(UTC) - timedelta(hours=2)
    lantern = front.open_case("lighting", "Farola apagada en la calle Real", at=start)
    crash = front.open_case("police", "Accidente en la rotonda", at=start)
    front.sync()
    lighting.sync()
    police.sync()
    # The lantern is fixed 3 min 58 s after it arrived, on the lighting crew's desk.
    lighting.act(lantern, EventKind.ACKNOWLEDGED, at=start + timedelta(minutes=1))
    lighting.act(lantern, EventKind.RESOLVED, at=start + timedelta(minutes=3, seconds=58))
    police.act(crash, EventKind.ACKNOWLEDGED, at=start + timedelta(minutes=2))
    lighting.sync()
    police.sync()
    front.sync()

    query = RecordQuery(start=start - timedelta(days=1), end=datetime.now(UTC) + timedelta(hours=1))
    town = {m.key: m for m in Records(front.store, Settings()).measures(query, by="role")}
    assert set(town) == {"lighting", "police"}
    assert town["lighting"].resolved == 1
    assert town["lighting"].resolve.median == 3 * 60 + 58
    assert town["police"].ack.median == 120 and town["police"].backlog == 1

    own = {m.key: m for m in Records(police.store, Settings()).measures(query, by="role")}
    assert set(own) == {"police"}  # the lantern never reached the police desk's replica
    assert own["police"].ack.median == town["police"].ack.median
