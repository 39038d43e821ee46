"""`jundesk hub init|add-desk|remove-desk|join|status|duty`: setting up the town's hub.

The administrator runs `init` and `add-desk` with a URL of a role that may create roles
(the server's superuser, say); each desk then runs `join` with the URL and the password
`add-desk` printed, which goes into that desk's keyring and nowhere else.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg

from jundesk.app.hub_access import PASSWORD_ENV, hub_connector, save_hub_password
from jundesk.app.log_setup import REDACTOR
from jundesk.app.settings import Settings
from jundesk.core.model import UNROUTED
from jundesk.paths import resource_path
from jundesk.sync.collector_lock import NotAllowedToCollect
from jundesk.sync.hub_address import BadHubAddress, HubAddress
from jundesk.sync.hub_admin import HubNotReady, add_desk, list_desks, my_desk, remove_desk
from jundesk.sync.hub_clock import CLOCK_WARNING, clock_skew, max_skew, skew_text
from jundesk.sync.hub_connection import BUSY_MESSAGE, HubConnector, HubUnavailable, Purpose
from jundesk.sync.hub_duty import publish, read_board
from jundesk.sync.hub_schema import VERSION_TABLE, HubUpgradeRefused, upgrade_hub
from jundesk.triage.rules import RuleFileError, load


class HubCommandError(Exception):
    """A hub command that can't go on; the message says what to do."""


@contextmanager
def hub_errors() -> Iterator[None]:
    """Turn the hub's errors a person can meet into `jundesk: message` and exit status 1."""
    try:
        yield
    except (
        HubUnavailable,
        BadHubAddress,
        HubNotReady,
        NotAllowedToCollect,
        HubUpgradeRefused,
        HubCommandError,
    ) as exc:
        raise SystemExit(_fail(str(exc))) from None
    except (psycopg.errors.UndefinedTable, psycopg.errors.UndefinedFunction):
        # The URL points at a PostgreSQL database without the hub's tables or functions.
        raise SystemExit(_fail(OLD_OR_NO_HUB)) from None
    except (psycopg.errors.QueryCanceled, psycopg.errors.LockNotAvailable):
        # The hub made this command wait past its timeouts (another session held a lock).
        raise SystemExit(_fail(BUSY_MESSAGE)) from None


NOT_A_HUB = (
    "{url} is not a JunDesk hub; run 'jundesk hub init --url ADMIN_URL' on it first "
    "(with an administrator's URL), or check the hub's URL."
)
OLD_OR_NO_HUB = (
    "The database is not a JunDesk hub, or its hub is older than this JunDesk; run "
    "'jundesk hub init --url ADMIN_URL' on it (it creates or upgrades the hub), or check "
    "the hub's URL."
)


def check_hub(connector: HubConnector) -> None:
    """Refuse, in one line, a database that holds no hub, before anything else uses it.

    An unreachable hub passes: a desk works offline and catches up later.
    """
    try:
        with connector.connect(Purpose.SYNC, autocommit=True) as conn:
            row = conn.execute(
                "SELECT to_regclass(%s) IS NOT NULL", (f"public.{VERSION_TABLE}",)
            ).fetchone()
    except HubUnavailable:
        return
    if not row or not row[0]:
        raise HubCommandError(NOT_A_HUB.format(url=connector.public_url))


def _fail(message: str) -> int:
    print(f"jundesk: {message}", file=sys.stderr)
    return 1


def add_hub_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--hub",
        default=None,
        metavar="URL",
        help="the town's hub, postgresql://DESK_ROLE@HOST:PORT/DATABASE "
        "(default: the one this desk joined)",
    )


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    hub = sub.add_parser("hub", help="the town's PostgreSQL hub: set it up, add desks, join")
    verbs = hub.add_subparsers(dest="verb", required=True, metavar="ACTION")

    p = verbs.add_parser("init", help="create or upgrade the hub's schema, roles and policies")
    p.add_argument("--url", required=True, help="an administrator's URL of the hub database")
    p.set_defaults(run=init)

    p = verbs.add_parser("add-desk", help="create a desk's database role (prints its password)")
    p.add_argument("name", help="the desk's name, e.g. police_station")
    p.add_argument(
        "--roles",
        default="",
        help="comma-separated roles it serves, e.g. police,lighting (a front desk: optional)",
    )
    p.add_argument(
        "--front-desk",
        action="store_true",
        help="it reads every case (and may collect for the town)",
    )
    p.add_argument("--url", required=True, help="an administrator's URL of the hub database")
    p.set_defaults(run=add)

    p = verbs.add_parser("remove-desk", help="stop a desk from connecting (its events stay)")
    p.add_argument("name")
    p.add_argument("--url", required=True, help="an administrator's URL of the hub database")
    p.set_defaults(run=remove)

    p = verbs.add_parser("join", help="make this desk a desk of the town's hub")
    p.add_argument("--url", required=True, help="the URL 'jundesk hub add-desk' printed")
    p.add_argument(
        "--password-from-env",
        metavar="VAR",
        default=None,
        help="take the password from this environment variable instead of asking",
    )
    p.set_defaults(run=join)

    p = verbs.add_parser("status", help="the hub's desks and who is on duty for each role")
    add_hub_option(p)
    p.set_defaults(run=status)

    p = verbs.add_parser("duty", help="say on the hub that this desk is on or off duty")
    p.add_argument("state", choices=("on", "off"))
    add_hub_option(p)
    p.set_defaults(run=duty)


def _admin(url: str) -> HubConnector:
    address = HubAddress.parse(url)
    if address.password:
        REDACTOR.add([address.password])
    return HubConnector(address)


def init(args: argparse.Namespace) -> int:
    with hub_errors():
        admin = _admin(args.url)
        revision = upgrade_hub(admin)
    print(f"The hub at {admin.public_url} is ready (schema {revision}).")
    print("Add each desk with: jundesk hub add-desk NAME --roles ROLE,... --url ADMIN_URL")
    return 0


def town_roles() -> tuple[str, ...]:
    """The roles the town's triage rule files define (its own copies, else the bundled)."""
    try:
        return load(resource_path("triage")).roles
    except RuleFileError as exc:
        raise HubCommandError(f"The town's rule files can't be read: {exc}") from None


def add(args: argparse.Namespace) -> int:
    roles = [r.strip() for r in args.roles.split(",") if r.strip()]
    with hub_errors():
        try:
            invite = add_desk(
                _admin(args.url),
                args.name,
                roles,
                front_desk=args.front_desk,
                known_roles=town_roles(),
            )
        except ValueError as exc:
            raise HubCommandError(str(exc)) from None
    desk = invite.desk
    what = "is ready" if invite.created else "existed: its roles are updated and its password new"
    kind = "front desk, reads every case" if desk.front_desk else "reads the cases of its roles"
    print(f'Desk "{desk.name}" {what} (database role {desk.db_role}; {kind}).')
    print(f"Roles: {', '.join(desk.roles)}")
    print()
    print(f"On the {desk.name} desk, run:")
    print()
    print(f"    {invite.join_command}")
    print()
    print("and enter this password when asked. It is shown only this once; the desk keeps it")
    print("in its keyring (a headless desk may use --password-from-env VAR instead):")
    print()
    print(f"    {invite.password}")
    return 0


def remove(args: argparse.Namespace) -> int:
    with hub_errors():
        try:
            found = remove_desk(_admin(args.url), args.name)
        except ValueError as exc:
            raise HubCommandError(str(exc)) from None
    if not found:
        return _fail(f"The hub has no desk {args.name!r}.")
    print(f'Desk "{args.name}" can no longer connect; its events stay on the hub.')
    return 0


def _password(args: argparse.Namespace, address: HubAddress) -> str:
    if address.password:
        return address.password
    if args.password_from_env:
        value = os.environ.get(args.password_from_env, "")
        if not value:
            raise HubCommandError(f"The environment variable {args.password_from_env} is empty.")
        return value
    if not sys.stdin.isatty():
        raise HubCommandError(
            "No terminal to ask for the password on: use --password-from-env VAR."
        )
    return getpass.getpass(f"Password for {address.public_url}: ").strip()


def join(args: argparse.Namespace) -> int:
    with hub_errors():
        address = HubAddress.parse(args.url)
        password = _password(args, address)
        REDACTOR.add([password])
        connector = HubConnector(address.as_user(address.user), password)
        with connector.connect(Purpose.SYNC, autocommit=True) as conn:
            desk = my_desk(conn)
        if desk is None or not desk.active:
            raise HubCommandError(
                f"The hub at {address.public_url} has no desk for the role {address.user!r}: "
                "check the URL 'jundesk hub add-desk' printed."
            )
        public = address.as_user(address.user).public_url
        save_hub_password(public, password)
    settings = Settings.load()
    settings.hub_url = public
    settings.desk_name = desk.name
    roles = list(desk.roles)
    if desk.front_desk and UNROUTED not in roles:
        roles.append(UNROUTED)
    settings.desk_roles = roles
    settings.save()
    print(f'This desk is now "{desk.name}" of the town\'s hub ({", ".join(desk.roles)}).')
    print("It syncs whenever JunDesk runs; 'jundesk sync' does it headless.")
    if os.environ.get(PASSWORD_ENV):
        print(f"(Note: ${PASSWORD_ENV} is set and takes precedence over the keyring.)")
    return 0


def _desk_connector(args: argparse.Namespace) -> HubConnector:
    connector = hub_connector(Settings.load(), args.hub)
    if connector is None:
        raise HubCommandError("This desk has joined no hub: give --hub URL or run 'hub join'.")
    return connector


def status(args: argparse.Namespace) -> int:
    with hub_errors():
        connector = _desk_connector(args)
        check_hub(connector)
        with connector.connect(Purpose.SYNC, autocommit=True) as conn:
            desks = list_desks(conn)
            board = read_board(conn)
            skew = clock_skew(conn)
            limit = max_skew(conn)
            with conn.transaction():
                collectors = conn.execute(
                    "SELECT channel, desk FROM hub_intake_holders()"
                ).fetchall()
    print(f"Hub {connector.public_url}: {len(desks)} desks")
    print(f"  this desk's clock is {skew_text(skew)} the hub's")
    if abs(skew) > CLOCK_WARNING:
        print(
            f"jundesk: warning: this desk's clock is {skew_text(skew)} the hub's; the hub "
            f"refuses events dated more than {limit:.0f} s ahead of its own clock: set the "
            "clock right (NTP)",
            file=sys.stderr,
        )
    who = ", ".join(f"{desk} ({channel})" for channel, desk in collectors) or "nobody"
    print(f"  collecting for the town: {who}")
    for entry in board.desks:
        state = "on duty" if entry.covering else ("off duty" if entry.fresh else "not seen")
        front = ", front desk" if entry.front_desk else ""
        print(f"  {entry.desk:<20} {state:<9} {', '.join(entry.roles)}{front}")
    for role, names in board.by_role().items():
        print(f"  {role:<20} {', '.join(names) if names else 'NOBODY on duty'}")
    return 0


def duty(args: argparse.Namespace) -> int:
    settings = Settings.load()
    with hub_errors():
        connector = _desk_connector(args)
        with connector.connect(Purpose.SYNC, autocommit=True) as conn:
            publish(conn, args.state == "on", settings.person)
            uncovered = read_board(conn).uncovered()
    print(f"This desk is {args.state} duty on the hub.")
    if uncovered:
        print(f"Nobody on duty for: {', '.join(uncovered)}")
    return 0
