"""`jundesk privacy`: erase a person's data, answer an access request, purge, audit."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from jundesk.app.privacy import Privacy, PrivacyError
from jundesk.app.settings import Settings
from jundesk.cli.common import add_db_option, case_json, database, iso, person_default
from jundesk.cli.export import post_json
from jundesk.core.model import Actor, Event
from jundesk.store.records import BlockedPostRecord
from jundesk.store.repository import Store

AUDITOR = "auditor"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    privacy = sub.add_parser("privacy", help="citizens' data: erase, access requests, purge")
    verbs = privacy.add_subparsers(dest="verb", metavar="VERB", required=True)

    p = verbs.add_parser("erase", help="block every post of a person (front desk)")
    add_db_option(p)
    p.add_argument("--author", required=True, help="the person's @handle")
    p.add_argument("--reason", required=True, help="why (it goes into each case's history)")
    p.add_argument("--person", default="", help="who erases (default: the desk's person)")
    p.set_defaults(run=erase)

    p = verbs.add_parser("export", help="everything held about a person, as JSON")
    add_db_option(p)
    p.add_argument("--author", required=True, help="the person's @handle")
    p.set_defaults(run=export)

    p = verbs.add_parser(
        "purge", help="apply retention and destroy blocked originals past their keeping period"
    )
    add_db_option(p)
    p.set_defaults(run=purge)

    p = verbs.add_parser("audit", help="blocked posts and their kept originals (auditor desk)")
    add_db_option(p)
    p.set_defaults(run=audit)


def _privacy(args: argparse.Namespace, store: Store, settings: Settings) -> Privacy:
    person = getattr(args, "person", "") or person_default(settings)
    return Privacy(
        store,
        Actor(settings.desk, person),
        desk_roles=settings.desk_roles,
        keep_days=settings.blocked_keep_days,
        retention_days=settings.retention_days,
        in_town=bool(settings.hub_url),
    )


def erase(args: argparse.Namespace) -> int:
    settings = Settings.load()
    store = Store(database(args))
    try:
        privacy = _privacy(args, store, settings)
        try:
            events = privacy.erase(args.author, args.reason)
        except PrivacyError as exc:
            print(f"jundesk: {exc}", file=sys.stderr)
            return 1
    finally:
        store.close()
    posts = sum(len(e.payload.get("post_ids", ())) for e in events)
    print(
        f"Blocked {posts} post(s) in {len(events)} case(s); originals kept for the auditor "
        f"for {settings.blocked_keep_days} day(s)."
    )
    return 0


def event_json(event: Event) -> dict[str, Any]:
    return {
        "id": event.id,
        "kind": event.kind.value,
        "at": iso(event.at),
        "desk": event.actor.desk,
        "person": event.actor.person,
        "payload": dict(event.payload),
    }


def blocked_json(record: BlockedPostRecord) -> dict[str, Any]:
    return {
        "post_id": record.post_id,
        "case_id": record.case_id,
        "event_id": record.event_id,
        "reason": record.reason,
        "blocked_at": iso(record.blocked_at),
        "destroy_after": iso(record.destroy_after),
        "original": record.original,
    }


def export(args: argparse.Namespace) -> int:
    settings = Settings.load()
    store = Store(database(args), read_only=True)
    try:
        try:
            held = _privacy(args, store, settings).access_request(args.author)
        except PrivacyError as exc:
            print(f"jundesk: {exc}", file=sys.stderr)
            return 1
    finally:
        store.close()
    document = {
        "handle": held["handle"],
        "posts": [
            {
                **post_json(post),
                "id": post.id,
                "case_id": case_id,
                "author_name": post.author_name,
                "media": list(post.media),
                "place": post.place,
            }
            for post, case_id in held["posts"]
        ],
        "blocked_posts": [blocked_json(b) for b in held["blocked"]],
        "cases": [
            {**case_json(c["case"]), "events": [event_json(e) for e in c["events"]]}
            for c in held["cases"]
        ],
    }
    json.dump(document, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0


def purge(args: argparse.Namespace) -> int:
    settings = Settings.load()
    store = Store(database(args))
    try:
        report = _privacy(args, store, settings).purge()
    finally:
        store.close()
    print(
        f"Retention blocked {report.retention_blocked} post(s); "
        f"destroyed {report.destroyed} original(s)."
    )
    return 0


def audit(args: argparse.Namespace) -> int:
    settings = Settings.load()
    if AUDITOR not in settings.desk_roles:
        print(
            "jundesk: only a desk with the auditor role may read blocked originals", file=sys.stderr
        )
        return 1
    store = Store(database(args), read_only=True)
    try:
        records = store.blocked_posts()
    finally:
        store.close()
    for record in records:
        sys.stdout.write(json.dumps(blocked_json(record), ensure_ascii=False) + "\n")
    return 0
