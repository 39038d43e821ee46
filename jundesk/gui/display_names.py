"""The words the console shows for roles, statuses, priorities and events, in the desk's
language, and how it writes ages and times (local time, the desk's locale)."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale, QTimeZone

from jundesk.core.model import UNROUTED, EventKind, Priority, Status


def role_name(role: str) -> str:
    names = {
        "police": QCoreApplication.translate("DisplayNames", "Police"),
        "street_cleaning": QCoreApplication.translate("DisplayNames", "Street cleaning"),
        "lighting": QCoreApplication.translate("DisplayNames", "Lighting"),
        UNROUTED: QCoreApplication.translate("DisplayNames", "Unrouted"),
        "parks": QCoreApplication.translate("DisplayNames", "Parks"),
        "waste": QCoreApplication.translate("DisplayNames", "Waste"),
        "water": QCoreApplication.translate("DisplayNames", "Water"),
        "traffic": QCoreApplication.translate("DisplayNames", "Traffic"),
        # The other departments triage can name for the front desk ("probably: roads").
        "roads": QCoreApplication.translate("DisplayNames", "Roads and pavements"),
        "transport": QCoreApplication.translate("DisplayNames", "Transport"),
        "administration": QCoreApplication.translate("DisplayNames", "Administration"),
        "building": QCoreApplication.translate("DisplayNames", "Buildings"),
        "pests": QCoreApplication.translate("DisplayNames", "Pests"),
    }
    # Roles are configuration: a town's own role still reads well.
    return names.get(role) or role.replace("_", " ").capitalize()


# The channels citizens write on, by the name stored with each post (Post.source).
CHANNELS: tuple[str, ...] = ("x", "mastodon", "bluesky", "telegram")
MANUAL_CHANNEL = "manual"  # logged at the desk: a walk-in or a phone call


def channel_name(channel: str) -> str:
    """A channel as the desk reads it: the service's own name, or where a post logged at
    the desk came from."""
    names = {
        "x": "X",
        "mastodon": "Mastodon",
        "bluesky": "Bluesky",
        "telegram": "Telegram",
        MANUAL_CHANNEL: QCoreApplication.translate("DisplayNames", "At the desk"),
    }
    return names.get(channel) or channel.replace("_", " ").capitalize()


def channels_text(channels: tuple[str, ...] | list[str]) -> str:
    """Several channels as one phrase: "X", "X and Telegram", "X, Mastodon and Telegram"."""
    names = [channel_name(c) for c in channels]
    if len(names) < 2:
        return "".join(names)
    return (
        QCoreApplication.translate("DisplayNames", "%1 and %2")
        .replace("%1", ", ".join(names[:-1]))
        .replace("%2", names[-1])
    )


def channel_mark(channel: str) -> str:
    """The channel's mark in a narrow column: the service's initial ("M" for Mastodon);
    a channel a desk doesn't know yet reads as its first two letters."""
    marks = {"x": "X", "mastodon": "M", "bluesky": "B", "telegram": "T"}
    letters = [c for c in channel_name(channel) if c.isalnum()]
    return marks.get(channel) or "".join(letters[:2]).capitalize()


def status_name(status: Status) -> str:
    return {
        Status.NEW: QCoreApplication.translate("DisplayNames", "New"),
        Status.ACKNOWLEDGED: QCoreApplication.translate("DisplayNames", "Acknowledged"),
        Status.IN_PROGRESS: QCoreApplication.translate("DisplayNames", "In progress"),
        Status.RESOLVED: QCoreApplication.translate("DisplayNames", "Resolved"),
        Status.CLOSED: QCoreApplication.translate("DisplayNames", "Closed"),
        Status.REJECTED: QCoreApplication.translate("DisplayNames", "Rejected"),
        Status.MERGED: QCoreApplication.translate("DisplayNames", "Merged"),
    }[status]


def priority_name(priority: Priority) -> str:
    return {
        Priority.URGENT: QCoreApplication.translate("DisplayNames", "Urgent"),
        Priority.HIGH: QCoreApplication.translate("DisplayNames", "High"),
        Priority.NORMAL: QCoreApplication.translate("DisplayNames", "Normal"),
        Priority.LOW: QCoreApplication.translate("DisplayNames", "Low"),
    }[priority]


def event_name(kind: EventKind) -> str:
    return {
        EventKind.INGESTED: QCoreApplication.translate("DisplayNames", "Received"),
        EventKind.POST_ADDED: QCoreApplication.translate("DisplayNames", "New post"),
        EventKind.ROUTED: QCoreApplication.translate("DisplayNames", "Routed"),
        EventKind.REROUTED: QCoreApplication.translate("DisplayNames", "Re-routed"),
        EventKind.PRIORITISED: QCoreApplication.translate("DisplayNames", "Priority set"),
        EventKind.ACKNOWLEDGED: QCoreApplication.translate("DisplayNames", "Acknowledged"),
        EventKind.ASSIGNED: QCoreApplication.translate("DisplayNames", "Assigned"),
        EventKind.STARTED: QCoreApplication.translate("DisplayNames", "Started"),
        EventKind.NOTED: QCoreApplication.translate("DisplayNames", "Note"),
        EventKind.REPLIED: QCoreApplication.translate("DisplayNames", "Replied"),
        EventKind.RESOLVED: QCoreApplication.translate("DisplayNames", "Resolved"),
        EventKind.CLOSED: QCoreApplication.translate("DisplayNames", "Closed"),
        EventKind.REJECTED: QCoreApplication.translate("DisplayNames", "Rejected"),
        EventKind.REOPENED: QCoreApplication.translate("DisplayNames", "Reopened"),
        EventKind.MERGED: QCoreApplication.translate("DisplayNames", "Merged into another"),
        EventKind.ABSORBED: QCoreApplication.translate("DisplayNames", "Duplicate merged in"),
        EventKind.REDACTED: QCoreApplication.translate("DisplayNames", "Personal data blocked"),
        EventKind.TARGET_MISSED: QCoreApplication.translate("DisplayNames", "Target missed"),
    }[kind]


def case_ref(case_id: str) -> str:
    """The short reference people read and type: the random end of the id."""
    return "#" + case_id[-8:]


def case_label(case_id: str, handle: str = "") -> str:
    """The case as messages name it: its short reference and who reported it."""
    who = "@" + " ".join(handle.split()) if handle else ""
    return f"{case_ref(case_id)} {who}".rstrip()


def age_text(seconds: float) -> str:
    """A compact age: "now", "40 s", "12 min", "3 h 05", "2 d 4 h", "6 wk"."""
    s = max(0, int(seconds))
    if s < 10:
        return QCoreApplication.translate("DisplayNames", "now")
    if s < 60:
        return QCoreApplication.translate("DisplayNames", "%1 s").replace("%1", str(s))
    minutes = s // 60
    if minutes < 60:
        return QCoreApplication.translate("DisplayNames", "%1 min").replace("%1", str(minutes))
    hours, minutes = divmod(minutes, 60)
    if hours < 24:
        return (
            QCoreApplication.translate("DisplayNames", "%1 h %2")
            .replace("%1", str(hours))
            .replace("%2", f"{minutes:02d}")
        )
    days, hours = divmod(hours, 24)
    if days < 14:
        return (
            QCoreApplication.translate("DisplayNames", "%1 d %2 h")
            .replace("%1", str(days))
            .replace("%2", str(hours))
        )
    return QCoreApplication.translate("DisplayNames", "%1 wk").replace("%1", str(days // 7))


def age_of(moment: datetime | None, now: datetime | None = None) -> str:
    if moment is None:
        return ""
    return age_text(((now or datetime.now(UTC)) - moment).total_seconds())


def local_time(moment: datetime | None, now: datetime | None = None) -> str:
    """The moment in local time: just the time today, with the date otherwise."""
    if moment is None:
        return ""
    local = QDateTime.fromSecsSinceEpoch(int(moment.timestamp()), QTimeZone.systemTimeZone())
    today = QDateTime.fromSecsSinceEpoch(
        int((now or datetime.now(UTC)).timestamp()), QTimeZone.systemTimeZone()
    ).date()
    locale = QLocale()
    time_text = locale.toString(local.time(), QLocale.FormatType.ShortFormat)
    if local.date() == today:
        return time_text
    return f"{locale.toString(local.date(), QLocale.FormatType.ShortFormat)} {time_text}"
