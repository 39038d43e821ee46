"""The town's X credentials: what each one is for, and reading them from the environment."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields

# Environment names for headless `jundesk collect`; the desk keeps them in the keyring.
ENV_NAMES = {
    "bearer_token": "JUNDESK_X_BEARER_TOKEN",
    "consumer_key": "JUNDESK_X_CONSUMER_KEY",
    "consumer_secret": "JUNDESK_X_CONSUMER_SECRET",
    "access_token": "JUNDESK_X_ACCESS_TOKEN",
    "access_token_secret": "JUNDESK_X_ACCESS_TOKEN_SECRET",
    "user_id": "JUNDESK_X_USER_ID",
}
SECRET_FIELDS = (
    "bearer_token",
    "consumer_key",
    "consumer_secret",
    "access_token",
    "access_token_secret",
)


@dataclass(frozen=True)
class XCredentials:
    bearer_token: str = ""
    consumer_key: str = ""
    consumer_secret: str = ""
    access_token: str = ""
    access_token_secret: str = ""
    user_id: str = ""  # the town account's numeric id; not a secret

    def __repr__(self) -> str:
        # Never let a token reach a log line or a traceback through repr().
        shown = {f.name: ("***" if getattr(self, f.name) else "") for f in fields(self)}
        shown["user_id"] = self.user_id
        return "XCredentials(" + ", ".join(f"{k}={v!r}" for k, v in shown.items()) + ")"

    @property
    def can_read(self) -> bool:
        return bool(self.bearer_token) or self.can_post

    @property
    def can_post(self) -> bool:
        return all(
            (self.consumer_key, self.consumer_secret, self.access_token, self.access_token_secret)
        )

    @property
    def is_empty(self) -> bool:
        return not any(getattr(self, name) for name in SECRET_FIELDS)

    def secrets(self) -> tuple[str, ...]:
        """The secret values, for redaction."""
        return tuple(v for v in (getattr(self, n) for n in SECRET_FIELDS) if v)

    def merged(self, other: XCredentials) -> XCredentials:
        """These credentials, with blanks filled from `other`."""
        values = {f.name: getattr(self, f.name) or getattr(other, f.name) for f in fields(self)}
        return XCredentials(**values)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> XCredentials:
        env = os.environ if environ is None else environ
        return cls(**{name: env.get(var, "").strip() for name, var in ENV_NAMES.items()})
