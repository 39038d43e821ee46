"""`jundesk accounts set|show [--channel NAME]`: the town's accounts on each channel. Secrets
go to the OS keyring ("<channel>.<field>"; X keeps "x:<field>"), plain values (the server's
address, the account) to the desk's settings."""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from jundesk.app.secrets import (
    load_channel_secrets,
    load_x_credentials,
    save_channel_secrets,
    save_x_credentials,
)
from jundesk.app.settings import Settings
from jundesk.intake.channels import CHANNELS, ChannelModule, X, channel_module, env_name
from jundesk.intake.x_credentials import ENV_NAMES, SECRET_FIELDS, XCredentials

PROMPTS = {
    "bearer_token": "Bearer token (reading mentions)",
    "consumer_key": "API key / consumer key (replying)",
    "consumer_secret": "API key secret / consumer secret",
    "access_token": "Access token of the town account",
    "access_token_secret": "Access token secret",
}


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    accounts = sub.add_parser(
        "accounts", help="the town's accounts on X, Mastodon, Bluesky, Telegram (keyring)"
    )
    verbs = accounts.add_subparsers(dest="verb", required=True, metavar="ACTION")
    p = verbs.add_parser(
        "set",
        help="store a channel's account in the keyring and settings (asked for, or taken "
        "from JUNDESK_<CHANNEL>_<FIELD>)",
    )
    _channel_option(p)
    p.add_argument(
        "--from-env",
        action="store_true",
        help="take the values from the environment (JUNDESK_X_*, JUNDESK_TELEGRAM_*...), "
        "no prompts",
    )
    p.add_argument("--user-id", default="", help="X: the town account's numeric id")
    p.set_defaults(run=set_credentials)
    p = verbs.add_parser("show", help="which values are stored (never the secrets)")
    _channel_option(p)
    p.set_defaults(run=show_credentials)


def _channel_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--channel",
        default=X,
        metavar="NAME",
        help=f"the channel ({', '.join(CHANNELS)}); default x",
    )


def set_credentials(args: argparse.Namespace) -> int:
    if args.channel != X:
        return _set_channel(args, channel_module(args.channel))
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


def _set_channel(args: argparse.Namespace, module: ChannelModule) -> int:
    name = module.name
    fields = (*module.setting_fields, *module.secret_fields)
    if args.from_env:
        given = {f: os.environ.get(env_name(name, f), "").strip() for f in fields}
    else:
        if not sys.stdin.isatty():
            print(
                f"jundesk: no terminal to ask on; use --from-env with the JUNDESK_{name.upper()}_* "
                "variables.",
                file=sys.stderr,
            )
            return 2
        settings = Settings.load()
        stored = settings.channel_settings.get(name, {})
        print(
            f"The town's {name} account. Leave a field empty to keep what is stored "
            "(secrets are never shown)."
        )
        given = {}
        for f in module.setting_fields:
            current = stored.get(f, "")
            shown = f" [{current}]" if current else ""
            given[f] = input(f"{f}{shown}: ").strip()
        for f in module.secret_fields:
            given[f] = getpass.getpass(f"{f} (secret): ").strip()
    plain = {f: v for f, v in given.items() if f in module.setting_fields and v}
    secrets = {f: v for f, v in given.items() if f in module.secret_fields and v}
    if not plain and not secrets:
        print(f"jundesk: no {name} values given; nothing stored.", file=sys.stderr)
        return 2
    if secrets:
        save_channel_secrets(name, secrets)
    settings = Settings.load()
    if plain:
        settings.channel_settings = {
            **settings.channel_settings,
            name: {**settings.channel_settings.get(name, {}), **plain},
        }
        settings.save()
    if secrets:
        print("Stored in the keyring: " + ", ".join(f"{name}.{f}" for f in secrets))
    if plain:
        print("Stored in the settings: " + ", ".join(f"{f} = {v}" for f, v in plain.items()))
    if name not in settings.channels:
        print(
            f"The {name} channel is not enabled on this desk: 'jundesk settings set channels "
            f"{', '.join([*settings.channels, name])}' enables it."
        )
    return 0


def show_credentials(args: argparse.Namespace) -> int:
    settings = Settings.load()
    if args.channel != X:
        module = channel_module(args.channel)
        name = module.name
        plain = settings.channel_settings.get(name, {})
        kept = load_channel_secrets(name, module.secret_fields)
        for f in module.setting_fields:
            print(f"{f:<20} {plain.get(f) or '-'}   (env {env_name(name, f)})")
        for f in module.secret_fields:
            print(f"{f:<20} {'stored' if kept[f] else '-'}   (env {env_name(name, f)})")
        print(f"{'enabled':<20} {'yes' if name in settings.channels else 'no'}")
        return 0
    creds = load_x_credentials(settings.x_user_id)
    for name in SECRET_FIELDS:
        print(f"{name:<20} {'stored' if getattr(creds, name) else '-'}   (env {ENV_NAMES[name]})")
    print(f"{'user_id':<20} {settings.x_user_id or '-'}")
    return 0
