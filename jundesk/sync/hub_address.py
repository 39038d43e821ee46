"""The hub's address: a PostgreSQL URL shown and stored without its password.

A desk's settings, its keyring entry and every message name the hub by this public form;
the password travels separately, straight to the driver, so it never lands in a string
that could be logged or printed.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from psycopg.conninfo import conninfo_to_dict

SCHEMES = ("postgresql://", "postgres://")


class BadHubAddress(ValueError):
    """The text given is not a PostgreSQL URL JunDesk can use."""


@dataclass(frozen=True, slots=True)
class HubAddress:
    """Where the hub is and as whom to connect; `password` only when the URL carried one."""

    host: str
    port: int
    dbname: str
    user: str
    options: tuple[tuple[str, str], ...] = ()  # other libpq parameters (sslmode, ...)
    password: str = ""

    @classmethod
    def parse(cls, url: str) -> HubAddress:
        text = url.strip()
        if not text.startswith(SCHEMES):
            raise BadHubAddress(
                f"{public_text(text)!r} is not a hub address: it should look like "
                "postgresql://DESK_ROLE@HOST:5432/DATABASE"
            )
        try:
            params = conninfo_to_dict(text)
        except Exception as exc:  # psycopg.ProgrammingError; the message may echo the URL
            raise BadHubAddress(
                "The hub address can't be read: it should look like "
                "postgresql://DESK_ROLE@HOST:5432/DATABASE"
            ) from exc
        host = str(params.pop("host", "") or "127.0.0.1")
        port = int(str(params.pop("port", "") or 5432))
        dbname = str(params.pop("dbname", "") or "")
        user = str(params.pop("user", "") or "")
        password = str(params.pop("password", "") or "")
        if not dbname:
            raise BadHubAddress("The hub address names no database: add /DATABASE at its end.")
        options = tuple(sorted((str(k), str(v)) for k, v in params.items() if v is not None))
        return cls(host, port, dbname, user, options, password)

    @property
    def public_url(self) -> str:
        """The URL without the password: safe to show, log and keep in the settings."""
        who = f"{quote(self.user, safe='')}@" if self.user else ""
        host = f"[{self.host}]" if ":" in self.host else self.host
        url = f"postgresql://{who}{host}:{self.port}/{quote(self.dbname, safe='')}"
        if self.options:
            url += "?" + "&".join(f"{quote(k)}={quote(v, safe='')}" for k, v in self.options)
        return url

    def as_user(self, user: str) -> HubAddress:
        """The same hub, for another database role (and no password)."""
        return HubAddress(self.host, self.port, self.dbname, user, self.options)

    def without_database(self, dbname: str = "postgres") -> HubAddress:
        return HubAddress(self.host, self.port, dbname, self.user, self.options, self.password)

    def conninfo_params(self) -> dict[str, str | int]:
        """libpq parameters, without the password (passed separately)."""
        params: dict[str, str | int] = {
            "host": self.host,
            "port": self.port,
            "dbname": self.dbname,
        }
        if self.user:
            params["user"] = self.user
        params.update(dict(self.options))
        return params


def public_text(url: str) -> str:
    """Any URL-ish text with a password part masked, for messages about bad input."""
    head, sep, rest = url.partition("://")
    if not sep or "@" not in rest:
        return url
    creds, at, tail = rest.rpartition("@")
    user = creds.split(":", 1)[0]
    return f"{head}://{user}{':***' if ':' in creds else ''}{at}{tail}"
