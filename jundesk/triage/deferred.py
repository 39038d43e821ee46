"""A town's triage read when it is first used, not when the desk starts: its rule files
and models take a few hundred ms to read and build, while the desk's window needs only
the roles' names (the rule files' names) to show its inboxes."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from jundesk.paths import resource_files
from jundesk.triage.classifier import Triage
from jundesk.triage.rules import PRIORITY_FILE


def bundled_roles() -> tuple[str, ...]:
    """The roles the town's rule files define, by their names alone (as Triage.roles
    lists them once the files are read: one file per role, sorted by name)."""
    return tuple(
        path.stem for path in resource_files("triage", "*.toml") if path.name != PRIORITY_FILE
    )


class DeferredTriage(Triage):
    """A Triage whose `load` runs on the first use of anything but `roles` (on whichever
    thread uses it first: intake's writer, most often), once."""

    def __init__(self, load: Callable[[], Triage], roles: tuple[str, ...]) -> None:
        # Triage.__init__ is not run: the loaded triage's state replaces this one's.
        self.__dict__.update(_load=load, _loading=threading.Lock(), _loaded=False, roles=roles)

    def __getattr__(self, name: str) -> Any:
        # Only what is not set yet comes here: the first use of the triage itself.
        if name in ("_load", "_loading", "_loaded"):
            raise AttributeError(name)
        self.read_now()
        return object.__getattribute__(self, name)

    def read_now(self) -> None:
        """Read the rule files and models now, if not yet done."""
        state = self.__dict__
        with state["_loading"]:
            if not state["_loaded"]:
                state.update(vars(state["_load"]()))
                state["_loaded"] = True
