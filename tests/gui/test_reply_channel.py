"""The reply box answers on the channel of the post being answered, counts as that channel
counts, and says which channel it answers on; a private post this desk may not read is
neither shown nor answered here."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from jundesk.core.events import make_event
from jundesk.core.ids import uuid7
from jundesk.core.model import TRIAGE_ACTOR, Case, EventKind, Post
from jundesk.gui.case_detail import CaseDetail
from jundesk.gui.case_view import CaseView
from jundesk.gui.reply_box import ReplyBox

T0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


def post(source: str, text: str, minutes: int = 0, **extra: object) -> Post:
    created = T0 + timedelta(minutes=minutes)
    return Post(
        id=uuid7(),
        source=source,
        source_id=f"{source}-{minutes}",
        author_id="u1",
        author_handle="rosa",
        author_name="Rosa",
        text=text,
        created_at=created,
        received_at=created,
        **extra,  # type: ignore[arg-type]
    )


def test_the_box_counts_and_sends_as_the_answered_channel(qtbot: object) -> None:
    box = ReplyBox()
    qtbot.addWidget(box)  # type: ignore[attr-defined]
    sent: list[tuple[str, str]] = []
    box.send_requested.connect(lambda case_id, text: sent.append((case_id, text)))
    box.set_case("c1", role="lighting", lang="es", handle="rosa", can_reply=True)
    assert box.channel == "x" and box.ui.replyLabel.text() == "Public reply to @rosa on X"
    assert box.ui.counterLabel.text() == "280"

    box.set_case(
        "c2", role="lighting", lang="es", handle="rosa", can_reply=True, channel="mastodon"
    )
    assert box.ui.replyLabel.text() == "Public reply to @rosa on Mastodon"
    # Mastodon's reply starts with the author's address, added if not written: "@rosa ".
    assert box.ui.counterLabel.text() == "494"
    assert "Mastodon" in box.ui.counterLabel.toolTip()
    # 300 characters: too long for X, well within Mastodon's 500.
    box.set_text("a" * 300)
    assert box.ui.counterLabel.text() == "194" and box.ui.sendButton.isEnabled()
    box.set_text("a" * 495)
    assert box.ui.counterLabel.text() == "-1" and not box.ui.sendButton.isEnabled()
    box.set_text("@rosa " + "a" * 494)  # the address written by the desk counts once
    assert box.ui.counterLabel.text() == "0" and box.ui.sendButton.isEnabled()
    box.set_text("a" * 495)
    box._send()
    assert sent == []

    box.set_case(
        "c3",
        role="police",
        lang="es",
        handle="rosa",
        can_reply=True,
        channel="telegram",
        private=True,
    )
    assert box.ui.replyLabel.text() == "Private reply to @rosa on Telegram"
    assert box.ui.replyEdit.placeholderText().startswith("Write a private reply")
    assert "Telegram" in box.ui.replyEdit.placeholderText()
    assert "Telegram" in box.ui.sendButton.toolTip()
    assert box.ui.counterLabel.text() == "4096"
    # A canned reply on Telegram names nobody: it goes to the citizen's own chat.
    box.ui.cannedCombo.activated.emit(1)
    assert box.text() and not box.text().startswith("@rosa")
    box.set_text("Vamos para allá")
    box._send()
    assert sent == [("c3", "Vamos para allá")]

    box.sent("c3")
    box.set_case("c4", role="police", lang="es", handle="rosa", can_reply=True, channel="bluesky")
    box.set_text("👍🏽" * 300)  # 300 graphemes (each two code points): Bluesky takes them
    assert box.ui.counterLabel.text() == "0" and box.ui.sendButton.isEnabled()


def test_a_new_post_on_another_channel_moves_the_reply_there_keeping_the_text(
    qtbot: object,
) -> None:
    box = ReplyBox()
    qtbot.addWidget(box)  # type: ignore[attr-defined]
    box.set_case("c1", role="lighting", lang="es", handle="rosa", can_reply=True)
    box.set_text("Gracias, lo miramos hoy")
    box.set_case(
        "c1", role="lighting", lang="es", handle="rosa", can_reply=True, channel="telegram"
    )
    assert box.text() == "Gracias, lo miramos hoy"
    assert box.ui.replyLabel.text() == "Public reply to @rosa on Telegram"
    assert box.ui.counterLabel.text() == str(4096 - len("Gracias, lo miramos hoy"))


def test_a_private_post_shows_only_at_the_desks_of_its_role(qtbot: object) -> None:
    secret = "me han robado en mi casa, calle Real 3, 2ºB"
    posts = (
        post("x", "farola rota en la calle Real"),
        post("telegram", secret, 5, private=True),
    )
    case = Case(id=uuid7(), role="police", post_ids=tuple(p.id for p in posts), created_at=T0)
    routed = make_event(
        case.id,
        EventKind.ROUTED,
        TRIAGE_ACTOR,
        T0,
        role="police",
        confidence=0.9,
        words=["robado", "casa"],
    )
    detail = CaseDetail(case, posts, (routed,), None, None)
    view = CaseView()
    qtbot.addWidget(view)  # type: ignore[attr-defined]

    view.set_desk_roles(["unrouted"])  # the front desk: not police
    view.show_detail(detail)
    shown = view.ui.conversationText.toPlainText()
    assert "farola rota" in shown and secret not in shown
    assert "Private message" in shown and "on Telegram" in shown
    assert "Only the desks of Police read it." in shown
    box = view.reply_box
    assert not box.isEnabled()
    assert "the desks of Police answer it" in box.ui.errorLabel.text()

    # Nor do triage's words in the history give it away.
    history = [view.history.detail(e) for e in view.history.events()]
    assert all("casa" not in line for line in history), history

    view.set_desk_roles(["police"])
    shown = view.ui.conversationText.toPlainText()
    assert secret in shown
    assert "casa" in view.history.detail(routed)
    assert box.isEnabled() and box.ui.errorLabel.isHidden()
    assert box.ui.replyLabel.text() == "Private reply to @rosa on Telegram"

    # The case's title is its first post: withheld when that one is private.
    first_private = replace(detail, posts=(posts[1], posts[0]))
    view.set_desk_roles(["unrouted"])
    view.show_detail(first_private)
    assert view._title == "Private message"
