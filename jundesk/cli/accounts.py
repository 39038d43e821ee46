"""`jundesk accounts set|show`: the town's X credentials, kept in the OS keyring."""

from __future__ import annotations

import argparse
import getpass
import sys

from jundesk.app.secrets import load_x_credentials, save_x_credentials
from jundesk.app.settings import Settings
from jundesk.intake.x_credentials import ENV_NAMES, SECRET_FIELDS, XCredentials

PROMPTS = {
    "bearer_token": "Bearer token (reading mentions)",
    "consumer_key": "API key / consumer key (replying)",
    "consumer_secret": "API key secret / consumer secret",
    "access_token": "Access token of the town account",
    "access_token_secret": "Access token secret",
}


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    accounts = sub.add_parser("accounts", help="the town's X account credentials (keyring)")
    verbs = accounts.add_subparsers(dest="verb", required=True, metavar="ACTION")
    p = verbs.add_parser(
        "set",
        help="store X credentials in the keyring (asked for, or taken from JUNDESK_X_*)",
    )
    p.add_argument(
        "--from-env",
        action="store_true",
        help="take them from the JUNDESK_X_* environment variables, no prompts",
    )
    p.add_argument("--user-id", default="", help="the town account's numeric id")
    p.set_defaults(run=set_credentials)
    p = verbs.add_parser("show", help="which credentials are stored (never their values)")
    p.set_defaults(run=show_credentials)


def set_credentials(args: argparse.Namespace) -> int:
    if args.from_env:
        creds = XCredentials.from_env()
    else:
        if not sys.stdin.isatty():
            print(
                "jundesk: no terminal to ask on; use --from-env with the JUNDESK_X_* variables.",
                file=sys.stderr,
            )
            return 2
        print(
            "Enter the town account's credentials (from X's developer portal). "
            "Leave a field empty to skip it."
        )
        values = {name: getpass.getpass(f"{PROMPTS[name]}: ").strip() for name in SECRET_FIELDS}
        creds = XCredentials(**values)
    if creds.is_empty:
        print("jundesk: no credentials given; nothing stored.", file=sys.stderr)
        return 2
    save_x_credentials(creds)
    settings = Settings.load()
    user_id = args.user_id or creds.user_id
    if user_id:
        settings.x_user_id = user_id
        settings.save()
    print("Stored in the keyring: " + ", ".join(n for n in SECRET_FIELDS if getattr(creds, n)))
    if not creds.can_post:
        print("Replies need all four user tokens; this desk can read but not answer.")
    return 0


def show_credentials(args: argparse.Namespace) -> int:
    settings = Settings.load()
    creds = load_x_credentials(settings.x_user_id)
    for name in SECRET_FIELDS:
        print(f"{name:<20} {'stored' if getattr(creds, name) else '-'}   (env {ENV_NAMES[name]})")
    print(f"{'user_id':<20} {settings.x_user_id or '-'}")
    return 0
