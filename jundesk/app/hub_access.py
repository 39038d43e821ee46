"""How a desk reaches the town's hub: the address from the settings (or --hub), the
password from the keyring (or, for headless use, the environment).

The keyring entry is named after the hub's public address, so a desk that joins another
hub (or the same hub as another desk) keeps each password apart.
"""

from __future__ import annotations

import os

from jundesk.app.secrets import SecretsUnavailable, get_secret, set_secret
from jundesk.app.settings import Settings
from jundesk.sync.hub_address import HubAddress
from jundesk.sync.hub_connection import HubConnector

PASSWORD_ENV = "JUNDESK_HUB_PASSWORD"


def password_key(url: str) -> str:
    return f"hub:{HubAddress.parse(url).public_url}"


def hub_password(url: str) -> str:
    """The desk's hub password: $JUNDESK_HUB_PASSWORD, else the keyring's, else ""."""
    from_env = os.environ.get(PASSWORD_ENV, "")
    if from_env:
        return from_env
    try:
        return get_secret(password_key(url))
    except SecretsUnavailable:
        return ""  # libpq may still find one (~/.pgpass); the connection says if not


def save_hub_password(url: str, password: str) -> None:
    """Keep the desk's hub password in the keyring (raises SecretsUnavailable)."""
    set_secret(password_key(url), password)


def hub_connector(settings: Settings, url: str | None = None) -> HubConnector | None:
    """The connector for `url` (or the settings' hub), or None when the desk has no hub.

    A password written in the URL is used but never stored; the keyring's is read at each
    connection, so a new one takes effect without a restart.
    """
    target = (url or settings.hub_url or "").strip()
    if not target:
        return None
    address = HubAddress.parse(target)
    if address.password:
        return HubConnector(address)
    public = address.public_url
    return HubConnector(address, lambda: hub_password(public))
