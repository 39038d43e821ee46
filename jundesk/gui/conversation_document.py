"""A case's conversation and notes as a text document built from plain text only.

Every piece of a post goes in with QTextCursor.insertText and a QTextCharFormat, so
nothing a citizen wrote is read as markup: "<b>x</b>" shows as typed, and control
characters show as markers (display_text.visible). Links are coloured and underlined but
are not anchors: they open only from the explicit "Open link" menu. A post's photos show
as thumbnails (a click opens them full size) once they have been read.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QPalette,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextImageFormat,
)
from PySide6.QtWidgets import QTextEdit

from jundesk.core.display_text import one_line, visible
from jundesk.core.model import Event, Post
from jundesk.core.text_match import match_ranges
from jundesk.core.x_text import find_links
from jundesk.gui.display_names import channel_name, local_time

MANUAL_SOURCE = "manual"


@dataclass(frozen=True, slots=True)
class DocumentLink:
    start: int  # positions in the document
    end: int
    url: str  # what the browser would open
    text: str  # as written in the post


@dataclass(frozen=True, slots=True)
class DocumentPhoto:
    position: int  # the thumbnail's place in the document
    url: str  # the photo, full size


class PhotoSource(Protocol):
    """Where the conversation finds a photo's thumbnail (None: not read yet)."""

    def thumbnail(self, url: str) -> QImage | None: ...


@dataclass
class Rendered:
    links: list[DocumentLink] = field(default_factory=list)
    matches: list[tuple[int, int]] = field(default_factory=list)  # document ranges
    photos: list[DocumentPhoto] = field(default_factory=list)

    def photo_at(self, position: int) -> DocumentPhoto | None:
        """The photo drawn at (or just before) a document position."""
        return next((p for p in self.photos if p.position <= position <= p.position + 1), None)


def _formats(palette: QPalette) -> dict[str, QTextCharFormat]:
    body = QTextCharFormat()
    body.setForeground(palette.color(QPalette.ColorRole.Text))
    name = QTextCharFormat(body)
    name.setFontWeight(QFont.Weight.Bold)
    quiet = QTextCharFormat()
    quiet.setForeground(palette.color(QPalette.ColorRole.PlaceholderText))
    link = QTextCharFormat(body)
    link.setForeground(palette.color(QPalette.ColorRole.Link))
    link.setFontUnderline(True)
    return {"body": body, "name": name, "quiet": quiet, "link": link}


def _insert_body(
    cursor: QTextCursor,
    text: str,
    formats: dict[str, QTextCharFormat],
    rendered: Rendered,
    search: str,
) -> None:
    shown = visible(text)
    base = cursor.position()
    position = 0
    for link in find_links(shown):
        cursor.insertText(shown[position : link.start], formats["body"])
        cursor.insertText(shown[link.start : link.end], formats["link"])
        rendered.links.append(DocumentLink(base + link.start, base + link.end, link.url, link.text))
        position = link.end
    cursor.insertText(shown[position:], formats["body"])
    if search:
        rendered.matches += [(base + a, base + b) for a, b in match_ranges(shown, search)]


def _author(post: Post) -> str:
    if post.is_own:
        return QCoreApplication.translate("ConversationDocument", "Town reply")
    if post.source == MANUAL_SOURCE:
        channel = (
            QCoreApplication.translate("ConversationDocument", "Phone call")
            if post.place == "phone"
            else QCoreApplication.translate("ConversationDocument", "At the desk")
        )
        return f"{one_line(post.author_name)} · {channel}" if post.author_name else channel
    return one_line(post.author_name) or ("@" + one_line(post.author_handle))


def written_on(channel: str) -> str:
    """Where a post was written, as its header says it: "on Telegram"."""
    return QCoreApplication.translate("ConversationDocument", "on %1").replace(
        "%1", channel_name(channel)
    )


def _insert_withheld(
    cursor: QTextCursor,
    post: Post,
    formats: dict[str, QTextCharFormat],
    body: QTextBlockFormat,
    role_words: str,
) -> None:
    """A private post this desk may not read: its channel and time, no author, no text."""
    cursor.insertText(
        QCoreApplication.translate("ConversationDocument", "Private message"), formats["name"]
    )
    cursor.insertText("  ·  " + written_on(post.source), formats["quiet"])
    cursor.insertText("  ·  " + local_time(post.created_at), formats["quiet"])
    cursor.insertBlock(body)
    if role_words:
        line = QCoreApplication.translate(
            "ConversationDocument", "Only the desks of %1 read it."
        ).replace("%1", role_words)
    else:
        line = QCoreApplication.translate(
            "ConversationDocument", "Only the desks of the case's role read it."
        )
    cursor.insertText(line, formats["quiet"])


def render_conversation(
    edit: QTextEdit,
    posts: Sequence[Post],
    palette: QPalette,
    search: str = "",
    photos: PhotoSource | None = None,
    withheld: Collection[str] = (),
    role_words: str = "",
) -> Rendered:
    """Fill `edit` with the case's posts, oldest first; our replies set in from the left.
    A photo shows as its thumbnail once `photos` has it, as its link until then.
    `withheld`: ids of private posts this desk may not read (core/private_posts.py): each
    shows where and when it was written and nothing of who or what; `role_words` names
    the desks that read them."""
    document = QTextDocument(edit)
    document.setDocumentMargin(10)
    formats = _formats(palette)
    rendered = Rendered()
    cursor = QTextCursor(document)
    for number, post in enumerate(posts):
        header = QTextBlockFormat()
        header.setTopMargin(0 if number == 0 else 14)
        body = QTextBlockFormat()
        body.setTopMargin(2)
        if post.is_own:
            for block in (header, body):
                block.setLeftMargin(28)
                block.setBackground(palette.color(QPalette.ColorRole.AlternateBase))
        if number:
            cursor.insertBlock(header)
        else:
            cursor.setBlockFormat(header)
        if post.id in withheld:
            _insert_withheld(cursor, post, formats, body, role_words)
            continue
        cursor.insertText(_author(post), formats["name"])
        if post.author_handle and not post.is_own:
            cursor.insertText("  @" + one_line(post.author_handle), formats["quiet"])
        if post.source != MANUAL_SOURCE:  # a walk-in or a call says so in its author
            cursor.insertText("  ·  " + written_on(post.source), formats["quiet"])
        cursor.insertText("  ·  " + local_time(post.created_at), formats["quiet"])
        cursor.insertBlock(body)
        _insert_body(cursor, post.text, formats, rendered, search)
        for media in post.media:
            cursor.insertBlock(body)
            thumbnail = photos.thumbnail(media) if photos is not None else None
            if thumbnail is not None:
                name = f"jundesk-photo:{len(rendered.photos)}"
                document.addResource(
                    QTextDocument.ResourceType.ImageResource, QUrl(name), thumbnail
                )
                image = QTextImageFormat()
                image.setName(name)
                image.setWidth(thumbnail.width())
                image.setHeight(thumbnail.height())
                image.setToolTip(
                    QCoreApplication.translate("ConversationDocument", "Click to see it full size")
                )
                rendered.photos.append(DocumentPhoto(cursor.position(), media))
                cursor.insertImage(image)
                continue
            cursor.insertText(
                QCoreApplication.translate("ConversationDocument", "Photo: "), formats["quiet"]
            )
            _insert_body(cursor, media, formats, rendered, "")
    edit.setDocument(document)
    highlight(edit, rendered.matches, palette)
    return rendered


def render_notes(edit: QTextEdit, notes: Sequence[Event], palette: QPalette) -> None:
    """Fill `edit` with the case's internal notes, oldest first."""
    document = QTextDocument(edit)
    document.setDocumentMargin(10)
    formats = _formats(palette)
    cursor = QTextCursor(document)
    ignored = Rendered()
    if not notes:
        cursor.insertText(
            QCoreApplication.translate("ConversationDocument", "No notes yet."), formats["quiet"]
        )
    for number, note in enumerate(notes):
        header = QTextBlockFormat()
        header.setTopMargin(0 if number == 0 else 12)
        if number:
            cursor.insertBlock(header)
        cursor.insertText(one_line(str(note.actor)), formats["name"])
        cursor.insertText("  ·  " + local_time(note.at), formats["quiet"])
        cursor.insertBlock(QTextBlockFormat())
        _insert_body(cursor, str(note.payload.get("text", "")), formats, ignored, "")
    edit.setDocument(document)


def highlight(edit: QTextEdit, ranges: Sequence[tuple[int, int]], palette: QPalette) -> None:
    """Mark search matches with extra selections: formatting ranges, the text untouched."""
    selections = []
    colour = QColor(palette.color(QPalette.ColorRole.Highlight))
    for start, end in ranges:
        selection = QTextEdit.ExtraSelection()
        cursor = QTextCursor(edit.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        selection.cursor = cursor
        fmt = QTextCharFormat()
        fmt.setBackground(colour)
        fmt.setForeground(palette.color(QPalette.ColorRole.HighlightedText))
        fmt.setProperty(QTextFormat.Property.FullWidthSelection, False)
        selection.format = fmt
        selections.append(selection)
    edit.setExtraSelections(selections)
