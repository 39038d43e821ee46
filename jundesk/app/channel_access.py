"""Where a channel's values come from, decided here alone for the window, the command line and
the town's collector: its plain settings from the desk's settings, its secrets from the OS
keyring; a headless collector's environment (JUNDESK_<CHANNEL>_<FIELD>) wins over both.
Never a secret's value in a message: a problem names only what to do.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field

from jundesk.app.secrets import SecretsUnavailable, load_channel_secrets
from jundesk.app.settings import Settings
from jundesk.intake.channels import ChannelModule, env_name


@dataclass(frozen=True)
class ChannelValues:
    """What `open_channel` takes, and why the keyring could not be read ("" when it could)."""

    settings: dict[str, str]
    secrets: dict[str, str] = field(repr=False)
    problem: str = ""

    def secret_values(self) -> tuple[str, ...]:
        """The secrets' values, for the log's redactor."""
        return tuple(v for v in self.secrets.values() if v)


def channel_values(
    settings: Settings, module: ChannelModule, environ: Mapping[str, str] | None = None
) -> ChannelValues:
    """The channel's settings and secrets: the environment's, blanks filled from the
    settings (plain values) and the keyring (secrets)."""
    env = os.environ if environ is None else environ
    name = module.name

    def from_env(fieldname: str) -> str:
        return env.get(env_name(name, fieldname), "").strip()

    stored_plain = settings.channel_settings.get(name, {})
    plain = {f: from_env(f) or stored_plain.get(f, "") for f in module.setting_fields}
    secrets = {f: from_env(f) for f in module.secret_fields}
    missing = [f for f, v in secrets.items() if not v]
    problem = ""
    if missing:
        try:
            stored = load_channel_secrets(name, missing)
        except SecretsUnavailable as error:
            problem = str(error)
        else:
            secrets.update(stored)
    return ChannelValues(plain, secrets, problem)
