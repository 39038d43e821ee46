"""Where a desk's X credentials come from, decided here alone for the window and the
command line: the demo's local server for the demo; otherwise the JUNDESK_X_* environment
(a headless collector) with its blanks filled from the OS keyring. Never their values in a
message: XCredentials' repr hides them, and a problem names only what to do.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from jundesk.app.demo import DemoTown
from jundesk.app.log_setup import REDACTOR
from jundesk.app.secrets import SecretsUnavailable, load_x_credentials
from jundesk.app.settings import Settings
from jundesk.intake.x_credentials import XCredentials


@dataclass(frozen=True)
class FoundCredentials:
    credentials: XCredentials
    problem: str = ""  # why the keyring couldn't be read, and what to do; "" when it could

    def required(self) -> XCredentials:
        """The credentials, unless nothing could be looked at: the keyring unreadable and
        the environment empty (SecretsUnavailable, saying what to do)."""
        if self.problem and self.credentials.is_empty:
            raise SecretsUnavailable(self.problem)
        return self.credentials


def x_credentials(
    settings: Settings,
    *,
    demo: DemoTown | None = None,
    environ: Mapping[str, str] | None = None,
) -> FoundCredentials:
    """This desk's X credentials: the demo town's (its local server's own tokens, never a
    real account's), else the environment's filled in from the keyring; the town account
    is the settings' unless the environment names one."""
    if demo is not None:
        server = demo.server
        return FoundCredentials(XCredentials(user_id=server.town_user_id, **server.credentials()))
    from_env = XCredentials.from_env(environ)
    REDACTOR.add(from_env.secrets())
    try:
        stored = load_x_credentials(settings.x_user_id)
    except SecretsUnavailable as error:
        return FoundCredentials(
            from_env.merged(XCredentials(user_id=settings.x_user_id)), str(error)
        )
    return FoundCredentials(from_env.merged(stored))
