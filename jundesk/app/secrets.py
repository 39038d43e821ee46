"""The town's secrets in the OS keyring (service "jundesk"); never in files or logs."""

from __future__ import annotations

import contextlib

import keyring
import keyring.errors

from jundesk.intake.x_credentials import SECRET_FIELDS, XCredentials

SERVICE = "jundesk"


class SecretsUnavailable(RuntimeError):
    """The system has no usable keyring."""


_NO_KEYRING = (
    "This system has no keyring to keep the town's X credentials safely "
    "(on Linux: GNOME Keyring or KWallet, with a desktop session). Start one, or for a "
    "headless 'jundesk collect' set the JUNDESK_X_* environment variables."
)


def _get(name: str) -> str:
    return get_secret(f"x:{name}")


def load_x_credentials(user_id: str = "") -> XCredentials:
    """The credentials kept in the keyring (blank fields where none is stored)."""
    values = {name: _get(name) for name in SECRET_FIELDS}
    return XCredentials(user_id=user_id, **values)


def save_x_credentials(creds: XCredentials) -> None:
    try:
        for name in SECRET_FIELDS:
            value = getattr(creds, name)
            if value:
                keyring.set_password(SERVICE, f"x:{name}", value)
            else:
                with contextlib.suppress(keyring.errors.PasswordDeleteError):
                    keyring.delete_password(SERVICE, f"x:{name}")
    except (keyring.errors.KeyringError, RuntimeError) as exc:
        raise SecretsUnavailable(_NO_KEYRING) from exc


def get_secret(key: str) -> str:
    """A secret by key ("x:bearer_token", a hub password...); blank when none is stored."""
    try:
        return keyring.get_password(SERVICE, key) or ""
    # Some backends raise a bare RuntimeError when locked; NoKeyringError is one too.
    except (keyring.errors.KeyringError, RuntimeError) as exc:
        raise SecretsUnavailable(_NO_KEYRING) from exc


def set_secret(key: str, value: str) -> None:
    try:
        keyring.set_password(SERVICE, key, value)
    except (keyring.errors.KeyringError, RuntimeError) as exc:
        raise SecretsUnavailable(_NO_KEYRING) from exc
