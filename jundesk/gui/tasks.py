"""The asyncio tasks the console starts: each kept alive by a strong reference (asyncio
keeps only a weak one) and its failure logged, and shown to the desk when it has a message.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")


class TaskSet:
    def __init__(self, on_error: Callable[[str, BaseException], None] | None = None) -> None:
        self._tasks: set[asyncio.Task[Any]] = set()
        self.on_error = on_error

    def spawn(self, coro: Coroutine[Any, Any, T], what: str) -> asyncio.Task[T] | None:
        """Run `coro` on the running loop; `what` names it in the log if it fails.

        Without a running loop (a timer firing while the console shuts down) the work is
        dropped, said in the log, and None is returned.
        """
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            coro.close()
            log.info("Not started, the event loop has stopped: %s", what)
            return None
        task = loop.create_task(coro, name=what)
        self._tasks.add(task)
        task.add_done_callback(self._done)
        return task

    def _done(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if task.cancelled():
            return
        error = task.exception()
        if error is None:
            return
        log.error("Task %r failed", task.get_name(), exc_info=error)
        if self.on_error is not None:
            self.on_error(task.get_name(), error)

    def cancel_all(self) -> None:
        for task in list(self._tasks):
            task.cancel()

    async def settle(self, timeout: float = 5.0) -> None:
        """Wait (up to `timeout` seconds) for the running tasks to finish."""
        pending = [t for t in self._tasks if not t.done()]
        if pending:
            await asyncio.wait(pending, timeout=timeout)

    def __len__(self) -> int:
        return len(self._tasks)
