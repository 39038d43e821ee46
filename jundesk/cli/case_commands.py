"""`jundesk case ...`: list, show and act on cases, for scripts and the tests."""

from __future__ import annotations

import argparse
import asyncio
import json
from collections.abc import Awaitable, Callable
from dataclasses import replace
from typing import Any

from jundesk.app.engine import Engine
from jundesk.app.settings import Settings
from jundesk.cli.common import (
    add_db_option,
    case_json,
    case_line,
    credentials,
    database,
    first_line,
    iso,
    person_default,
    short,
)
from jundesk.cli.export import post_json
from jundesk.core.case_filter import CaseFilter
from jundesk.core.model import Case, Event, EventKind, Post, Status
from jundesk.core.private_posts import shows_private
from jundesk.intake.x_credentials import XCredentials
from jundesk.store.repository import Store


class CaseNotFound(LookupError):
    pass


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    case = sub.add_parser("case", help="list, show and act on cases")
    verbs = case.add_subparsers(dest="verb", required=True, metavar="ACTION")

    def verb(name: str, help_: str, *, needs_id: bool = True) -> argparse.ArgumentParser:
        p = verbs.add_parser(name, help=help_)
        add_db_option(p)
        p.add_argument("--as", dest="person", default=None, help="who acts (default: you)")
        p.add_argument("--x-api-base", default=None, help=argparse.SUPPRESS)
        if needs_id:
            p.add_argument("case", help="case id (or its first characters)")
        return p

    p = verb("list", "list cases, urgent first then oldest", needs_id=False)
    p.add_argument("--role", action="append", help="only this role (repeatable)")
    p.add_argument("--status", action="append", choices=[s.value for s in Status])
    p.add_argument("--all", action="store_true", help="every status, not only open cases")
    p.add_argument("--search", help="full-text search in the posts")
    p.add_argument("--assignee")
    p.add_argument("--limit", type=int, default=50)
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=list_cases)

    p = verb("show", "a case: its posts and its history")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=show)

    verb("ack", "acknowledge").set_defaults(run=act("acknowledge"))
    verb("start", "mark in progress").set_defaults(run=act("start"))
    p = verb("assign", "assign to someone (or --me)")
    p.add_argument("assignee", nargs="?", default="")
    p.add_argument("--me", action="store_true")
    p.set_defaults(run=assign)
    p = verb("route", "re-route to another role (triage learns from it)")
    p.add_argument("role")
    p.add_argument("--reason", default="")
    p.set_defaults(run=act("reroute", "role", "reason"))
    p = verb("priority", "set the priority")
    p.add_argument("priority", choices=("urgent", "high", "normal", "low"))
    p.set_defaults(run=act("set_priority", "priority"))
    p = verb("note", "add an internal note")
    p.add_argument("text")
    p.set_defaults(run=act("note", "text"))
    p = verb("reply", "publish a public reply to the citizen")
    p.add_argument("text")
    p.set_defaults(run=act("reply", "text"))
    p = verb("resolve", "resolve, optionally with a closing public reply")
    p.add_argument("--reply", dest="reply_text", default="")
    p.set_defaults(run=act("resolve", "reply_text"))
    p = verb("reopen", "reopen a resolved case")
    p.add_argument("--reason", default="")
    p.set_defaults(run=act("reopen", "reason"))
    p = verb("close", "close a case")
    p.set_defaults(run=act("close"))
    p = verb("reject", "reject (not a matter for the town)")
    p.add_argument("--reason", default="")
    p.set_defaults(run=act("reject", "reason"))
    p = verb("merge", "merge duplicates into this case")
    p.add_argument("others", nargs="+", help="the duplicate cases")
    p.set_defaults(run=merge)
    p = verb("log", "log a walk-in or phone complaint as a case", needs_id=False)
    p.add_argument("text")
    p.add_argument("--channel", choices=("walk-in", "phone", "email"), default="walk-in")
    p.add_argument("--name", default="", help="the citizen's name")
    p.add_argument("--role", default="", help="route it yourself instead of triage")
    p.set_defaults(run=log_complaint)


PRIVATE_MESSAGE = "(private message)"
# What an event says of a private post's words: triage's cue words, a reply's text.
PRIVATE_PAYLOAD = ("words", "model_words", "why", "text")


def withheld_post(post: Post) -> Post:
    """A private post as a desk of another role sees it: that it came, when, on which channel."""
    return replace(
        post, text=PRIVATE_MESSAGE, author_handle="", author_name="", place="", media=(), raw=""
    )


def withheld_event(event: Event) -> Event:
    if event.kind is EventKind.NOTED:
        return event  # the town's own internal notes
    payload = {k: v for k, v in event.payload.items() if k not in PRIVATE_PAYLOAD}
    return replace(event, payload=payload)


def resolve_id(store: Store, ref: str) -> str:
    matches = store.case_ids_matching(ref, limit=2)
    if not matches:
        raise CaseNotFound(f"No case {ref!r}: use the id that 'jundesk case list' shows.")
    if len(matches) > 1:
        raise CaseNotFound(f"{ref!r} matches more than one case: give more characters.")
    return matches[0]


def list_cases(args: argparse.Namespace) -> int:
    store = Store(database(args), read_only=True)
    try:
        # Without --all or --status: the open cases.
        statuses = (
            tuple(Status)
            if args.all
            else (tuple(Status(s) for s in args.status) if args.status else None)
        )
        desk_roles = Settings.load().desk_roles
        where = CaseFilter(
            roles=tuple(args.role) if args.role is not None else None,
            statuses=statuses,
            assignee=args.assignee,
            search=args.search,
            private_roles=tuple(desk_roles),
        )
        rows = store.list_cases(where, limit=args.limit)
        for row in rows:
            if row.private and not shows_private(desk_roles, row.case.role):
                row = replace(row, author_handle="", excerpt=PRIVATE_MESSAGE)
            if args.json:
                data = case_json(row.case)
                data.update(author_handle=row.author_handle, excerpt=row.excerpt)
                print(json.dumps(data, ensure_ascii=False))
            else:
                print(case_line(row))
    finally:
        store.close()
    return 0


def show(args: argparse.Namespace) -> int:
    store = Store(database(args), read_only=True)
    try:
        case_id = resolve_id(store, args.case)
        case = store.get_case(case_id)
        assert case is not None
        posts = store.case_posts(case_id)
        events = store.case_events(case_id)
        if not shows_private(Settings.load().desk_roles, case.role):
            # Personal data sent to the town alone: read at the desks of the case's role only.
            posts = [withheld_post(p) if p.private else p for p in posts]
            if any(p.private for p in posts):
                events = [withheld_event(e) for e in events]
        if args.json:
            data: dict[str, Any] = case_json(case)
            data["posts"] = [post_json(p) for p in posts]
            data["events"] = [
                {
                    "kind": e.kind.value,
                    "actor": str(e.actor),
                    "at": iso(e.at),
                    "payload": dict(e.payload),
                }
                for e in events
            ]
            print(json.dumps(data, ensure_ascii=False))
            return 0
        print(
            f"case {case.id}  {case.priority.value}  {case.role}  {case.status.value}"
            + (f"  assigned to {case.assignee}" if case.assignee else "")
        )
        print("\nposts:")
        for post in posts:
            who = "town" if post.is_own else f"@{post.author_handle or post.author_name or '?'}"
            print(f"  {post.created_at:%Y-%m-%d %H:%M} {who}: {first_line(post.text, 200)}")
        print("\nhistory:")
        for e in events:
            detail = ", ".join(
                f"{k}={first_line(str(v), 60)}"
                for k, v in e.payload.items()
                if k not in ("post_id", "posted_at")
            )
            print(f"  {e.at:%Y-%m-%d %H:%M:%S} {e.kind.value:<12} {e.actor}  {detail}")
    finally:
        store.close()
    return 0


def _with_engine(args: argparse.Namespace, work: Callable[[Engine], Awaitable[Case]]) -> int:
    settings = Settings.load()
    settings.person = args.person or person_default(settings)
    if args.x_api_base:
        settings.x_api_base = args.x_api_base
    # Only what goes out on X needs the town's credentials: closing a case doesn't.
    needs_x = args.verb == "reply" or bool(getattr(args, "reply_text", "").strip())
    creds = credentials(settings) if needs_x else XCredentials()
    engine = Engine(database(args), settings, creds)
    try:
        case = asyncio.run(work(engine))
        print(
            f"{short(case.id)}  {case.priority.value}  {case.role}  {case.status.value}"
            + (f"  assigned to {case.assignee}" if case.assignee else "")
        )
    finally:
        engine.close()
    return 0


def act(method: str, *arg_names: str) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        async def work(engine: Engine) -> Case:
            case_id = resolve_id(engine.store, args.case)
            values = [getattr(args, n) for n in arg_names]
            result: Case = await getattr(engine.actions, method)(case_id, *values)
            return result

        return _with_engine(args, work)

    return run


def assign(args: argparse.Namespace) -> int:
    async def work(engine: Engine) -> Case:
        case_id = resolve_id(engine.store, args.case)
        if args.me or not args.assignee:
            return await engine.actions.assign_to_me(case_id)
        return await engine.actions.assign(case_id, args.assignee)

    return _with_engine(args, work)


def merge(args: argparse.Namespace) -> int:
    async def work(engine: Engine) -> Case:
        keep = resolve_id(engine.store, args.case)
        others = [resolve_id(engine.store, o) for o in args.others]
        return await engine.actions.merge(keep, others)

    return _with_engine(args, work)


def log_complaint(args: argparse.Namespace) -> int:
    async def work(engine: Engine) -> Case:
        return await engine.actions.log_complaint(
            args.text, channel=args.channel, author_name=args.name, role=args.role
        )

    return _with_engine(args, work)
