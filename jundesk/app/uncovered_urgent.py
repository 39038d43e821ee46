"""The town's rule for urgent cases no desk on duty covers: a mark the front desk looks
for, and, if the town enabled it, a public answer pointing the citizen to 112.

Run on the desk that ingested the cases (the one that polls X), so one desk in the town
applies it once per case.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol

from jundesk.app.actions import ActionError
from jundesk.app.duty_alerts import NewCase
from jundesk.core.events import make_event
from jundesk.core.model import Actor, Event, EventKind, Post
from jundesk.triage.language import guess as guess_language
from jundesk.triage.normalize import tokens as fold_tokens

log = logging.getLogger(__name__)

UNCOVERED_URGENT = "uncovered_urgent"  # the NOTED payload flag the front desk looks for
DUTY_ACTOR = Actor("duty-policy")

# The public answer to an urgent post nobody can attend. It is the town speaking to a
# citizen, in the citizen's language, not the desk's UI language, so it is not a Qt string.
REPLY_112: Mapping[str, str] = {
    "es": (
        "@{handle} Si es una emergencia, llame ahora al 112. En este momento no hay nadie de "
        "servicio que pueda atender este aviso; el Ayuntamiento lo verá en cuanto sea posible."
    ),
    "en": (
        "@{handle} If this is an emergency, call 112 now. Nobody on duty can attend to this "
        "report right now; the town hall will see it as soon as possible."
    ),
}


class TownPolicyActions(Protocol):
    """What the policy does to a case (jundesk.app.actions.CaseActions)."""

    async def reply(self, case_id: str, text: str) -> object: ...

    async def add_events(self, events: Sequence[Event]) -> None: ...


@dataclass(frozen=True, slots=True)
class UncoveredOutcome:
    """What the town policy did for one urgent case nobody covered."""

    case_id: str
    marked: bool
    replied: bool = False
    reply_error: str = ""


async def apply_town_policy(
    uncovered: Iterable[NewCase],
    actions: TownPolicyActions,
    *,
    auto_reply_112: bool,
    now: datetime | None = None,
) -> list[UncoveredOutcome]:
    """Mark each of the `uncovered` urgent cases (DutyPolicy.uncovered_urgent) for the
    front desk, and with `auto_reply_112` answer the citizen in public pointing to 112."""
    now = now or datetime.now(UTC)
    outcomes = []
    for case_id, verdict, post in uncovered:
        marked = await _mark(case_id, verdict.role, actions, now, auto_reply_112)
        outcome = UncoveredOutcome(case_id, marked)
        if auto_reply_112 and not post.is_own:
            try:
                await actions.reply(case_id, reply_112_text(post))
                outcome = UncoveredOutcome(case_id, marked, replied=True)
            except ActionError as exc:
                # The mark already tells the front desk; the failure is logged, not raised,
                # so one bad reply does not stop the policy for the other cases.
                log.warning("Automatic 112 reply for case %s failed: %s", case_id, exc)
                outcome = UncoveredOutcome(case_id, marked, reply_error=str(exc))
        outcomes.append(outcome)
    return outcomes


async def _mark(
    case_id: str, role: str, actions: TownPolicyActions, now: datetime, auto_reply_112: bool
) -> bool:
    event = make_event(
        case_id,
        EventKind.NOTED,
        DUTY_ACTOR,
        now,
        flag=UNCOVERED_URGENT,
        role=role,
        text=f"Urgent, and nobody on duty covers {role}: the front desk is told.",
        auto_reply_112=auto_reply_112,
    )
    try:
        await actions.add_events([event])
    except Exception:
        log.exception("Could not record the uncovered-urgent mark on case %s", case_id)
        return False
    return True


def reply_112_text(post: Post) -> str:
    """The 112 answer in the citizen's language: English if they wrote in English, else
    Spanish (the town's language)."""
    lang = guess_language(fold_tokens(post.text), post.lang) or post.lang[:2].lower()
    template = REPLY_112["en" if lang == "en" else "es"]
    handle = post.author_handle.lstrip("@")
    text = template.format(handle=handle) if handle else template.split(" ", 1)[1]
    return text
