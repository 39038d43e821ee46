"""The town's secrets in the OS keyring (service "jundesk"); never in files or logs."""

from __future__ import annotations

import contextlib
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from jundesk.app.log_setup import REDACTOR
from jundesk.intake.x_credentials import SECRET_FIELDS, XCredentials

if TYPE_CHECKING:
    import keyring.backend

# keyring (and the backends it looks for) is imported when a secret is first asked for,
# not when the desk's window starts: a desk without X or a hub never needs it.

SERVICE = "jundesk"


class SecretsUnavailable(RuntimeError):
    """The system has no usable keyring."""


_NO_KEYRING = (
    "This system has no keyring to keep the town's credentials safely. Install and "
    "start one (on Debian or Ubuntu: apt install gnome-keyring, or KWallet on KDE; on "
    "Windows, Credential Manager is built in), then log in to the desktop again; or for a "
    "headless 'jundesk collect' set the JUNDESK_<CHANNEL>_* environment variables "
    "(JUNDESK_X_*, JUNDESK_TELEGRAM_*...)."
)


def _throws_away(backend: keyring.backend.KeyringBackend) -> bool:
    """Whether a backend can't keep a secret: null.Keyring drops writes without a word,
    fail.Keyring raises on every call; a chainer of nothing else is no better."""
    from keyring.backends import chainer, fail, null

    if isinstance(backend, null.Keyring | fail.Keyring):
        return True
    if isinstance(backend, chainer.ChainerBackend):
        return all(_throws_away(b) for b in backend.backends)
    return False


def _writable_keyring() -> None:
    """Raise SecretsUnavailable unless the keyring in use really keeps what it is given."""
    import keyring

    backend = keyring.get_keyring()
    if _throws_away(backend):
        name = f"{type(backend).__module__}.{type(backend).__name__}"
        raise SecretsUnavailable(
            f"The keyring in use ({name}) can't keep secrets; nothing was stored. Install "
            "and start a Secret Service keyring (on Debian or Ubuntu: apt install "
            "gnome-keyring, or KWallet on KDE), and remove any setting that chose this one "
            "(PYTHON_KEYRING_BACKEND, or default-keyring in keyring's keyringrc.cfg). For a "
            "headless 'jundesk collect', set the JUNDESK_<CHANNEL>_* environment variables "
            "instead."
        )


def _get(name: str) -> str:
    return get_secret(f"x:{name}")


def load_x_credentials(user_id: str = "") -> XCredentials:
    """The credentials kept in the keyring (blank fields where none is stored)."""
    values = {name: _get(name) for name in SECRET_FIELDS}
    return XCredentials(user_id=user_id, **values)


def save_x_credentials(creds: XCredentials) -> None:
    import keyring
    import keyring.errors

    _writable_keyring()
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
    import keyring
    import keyring.errors

    try:
        value = keyring.get_password(SERVICE, key) or ""
    # Some backends raise a bare RuntimeError when locked; NoKeyringError is one too.
    except (keyring.errors.KeyringError, RuntimeError) as exc:
        raise SecretsUnavailable(_NO_KEYRING) from exc
    REDACTOR.add([value])  # whatever is read from the keyring never reaches a log
    return value


def set_secret(key: str, value: str) -> None:
    import keyring
    import keyring.errors

    _writable_keyring()
    try:
        keyring.set_password(SERVICE, key, value)
    except (keyring.errors.KeyringError, RuntimeError) as exc:
        raise SecretsUnavailable(_NO_KEYRING) from exc


# -- the other channels' secrets: "<channel>.<field>" (X keeps its "x:<field>" keys) --------


def channel_secret_key(channel: str, field: str) -> str:
    """The keyring key of one of a channel's secrets ("telegram.bot_token")."""
    return f"{channel}.{field}"


def load_channel_secrets(channel: str, fields: Sequence[str]) -> dict[str, str]:
    """The channel's secrets kept in the keyring, by field (blank where none is stored)."""
    return {name: get_secret(channel_secret_key(channel, name)) for name in fields}


def save_channel_secrets(channel: str, values: Mapping[str, str]) -> None:
    """Keep these secrets of the channel; a blank value removes the stored one."""
    import keyring
    import keyring.errors

    _writable_keyring()
    try:
        for name, value in values.items():
            key = channel_secret_key(channel, name)
            if value:
                keyring.set_password(SERVICE, key, value)
            else:
                with contextlib.suppress(keyring.errors.PasswordDeleteError):
                    keyring.delete_password(SERVICE, key)
    except (keyring.errors.KeyringError, RuntimeError) as exc:
        raise SecretsUnavailable(_NO_KEYRING) from exc
