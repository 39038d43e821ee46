"""A town's last twelve weeks, made up for the Records screenshots: a few dozen cases a
day across four roles, most acknowledged, answered and fixed, some still open, and the
lantern on Calle Real replaced 3 min 58 s after it was reported."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from jundesk.core.events import make_event, opening_events
from jundesk.core.ids import uuid7
from jundesk.core.model import INTAKE_ACTOR, TRIAGE_ACTOR, Actor, EventKind, Post, Priority
from jundesk.store import Store

REPORTS = {
    "police": [
        ("Coche mal aparcado tapando el vado", "Calle Ancha"),
        ("Ruido de una fiesta a las tres de la mañana", "Plaza de la Iglesia"),
        ("Accidente leve en la rotonda", "Rotonda norte"),
    ],
    "street_cleaning": [
        ("Papelera rebosando junto al parque", "Parque de la Fuente"),
        ("Restos de botellón en la plaza", "Plaza Mayor"),
        ("Excrementos en la acera", "Calle Nueva"),
    ],
    "lighting": [
        ("La farola está rota y la calle a oscuras", "Calle Real"),
        ("Farola parpadeando toda la noche", "Camino del Cementerio"),
    ],
    "parks": [
        ("Rama caída en el columpio", "Parque de la Fuente"),
        ("El riego está encendido a mediodía", "Jardines del Ayuntamiento"),
    ],
}
WEIGHTS = {"police": 3, "street_cleaning": 4, "lighting": 2, "parks": 1}
HOURS = [1, 1, 1, 1, 1, 2, 4, 8, 12, 14, 14, 13, 12, 11, 10, 9, 9, 9, 8, 7, 6, 4, 3, 2]
PEOPLE = {role: Actor(f"{role}-desk", name) for role, name in
          (("police", "Ana"), ("street_cleaning", "Paco"), ("lighting", "Luis"),
           ("parks", "Marta"))}  # fmt: skip


def add_case(
    store: Store,
    rng: random.Random,
    role: str,
    came: datetime,
    now: datetime,
    report: tuple[str, str],
    fix_seconds: float | None = None,
) -> None:
    text, place = report
    case_id = uuid7()
    post = Post(
        id=uuid7(), source="x", source_id=uuid7(), author_id=str(rng.randrange(900)),
        author_handle=f"vecino{rng.randrange(900)}", author_name="Vecino",
        text=f"@AytoJun {text}", created_at=came, received_at=came, lang="es",
    )  # fmt: skip
    priority = Priority.URGENT if "Accidente" in text else Priority.NORMAL
    events = opening_events(
        case_id, post.id, came, role, priority, 0.9, INTAKE_ACTOR, TRIAGE_ACTOR, at=came
    )
    events[0] = make_event(
        case_id, EventKind.INGESTED, INTAKE_ACTOR, came, post_id=post.id,
        posted_at=came.isoformat(), location=place,
    )  # fmt: skip
    who = PEOPLE[role]
    ack = came + timedelta(
        seconds=rng.expovariate(1 / (120 if priority is Priority.URGENT else 900))
    )
    fixed = came + timedelta(seconds=fix_seconds or max(300, rng.lognormvariate(9.3, 1.2)))
    if ack < now:
        events.append(make_event(case_id, EventKind.ACKNOWLEDGED, who, min(ack, fixed)))
    replied = ack + timedelta(seconds=rng.expovariate(1 / 1800))
    if rng.random() < 0.75 and replied < now:
        events.append(make_event(case_id, EventKind.REPLIED, who, replied, text="En ello"))
    if fixed < now:
        events.append(make_event(case_id, EventKind.RESOLVED, who, fixed))
    with store.unit() as uow:
        uow.add_posts([post], [case_id])
        uow.append_events(events, {case_id: post})


def fill(store: Store, now: datetime | None = None, weeks: int = 12, seed: int = 7) -> None:
    rng = random.Random(seed)
    now = now or datetime.now(UTC)
    start = now - timedelta(weeks=weeks)
    roles = list(WEIGHTS)
    day = start
    while day < now:
        # The town grew used to writing: more reports in the later weeks.
        per_day = 14 + int(10 * (day - start) / (now - start)) + rng.randrange(6)
        for _ in range(per_day):
            hour = rng.choices(range(24), weights=HOURS)[0]
            came = day.replace(hour=hour, minute=rng.randrange(60), second=rng.randrange(60))
            if came >= now:
                continue
            role = rng.choices(roles, weights=[WEIGHTS[r] for r in roles])[0]
            add_case(store, rng, role, came, now, rng.choice(REPORTS[role]))
        day += timedelta(days=1)
    lantern = (now - timedelta(days=9)).replace(hour=10, minute=12, second=0)
    add_case(store, rng, "lighting", lantern, now, REPORTS["lighting"][0], fix_seconds=238)
