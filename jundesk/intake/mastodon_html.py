"""A Mastodon status's HTML content as the plain text the desk shows.

Mastodon hands out a status as HTML (paragraphs, line breaks, links whose URL is split into
visible and "invisible" spans, mentions as links). The desk shows posts as plain text only,
so markup must never reach it: what a citizen wrote is the text of the HTML, paragraphs
become blank lines, and a link reads as its whole URL (the desk's links menu finds it there).
A server is not trusted to have sanitised it: scripts and styles are dropped whole.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

# Elements whose text is not something a person wrote to be read.
_DROPPED = frozenset({"script", "style", "template", "noscript", "head", "title"})
_BLOCKS = frozenset(
    {"p", "div", "blockquote", "ul", "ol", "li", "pre", "h1", "h2", "h3", "h4", "h5", "h6"}
)
_BLANK_RUN = re.compile(r"\n{3,}")
_SPACE_RUN = re.compile(r"[ \t\f\v\r\n]+")


class _TextOf(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._dropped = 0  # depth inside a dropped element
        self._pre = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROPPED:
            self._dropped += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCKS:
            self._block()
            if tag == "pre":
                self._pre += 1
            elif tag == "li":
                self.parts.append("- ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROPPED:
            self._dropped = max(0, self._dropped - 1)
        elif tag in _BLOCKS:
            if tag == "pre":
                self._pre = max(0, self._pre - 1)
            self._block()

    def handle_data(self, data: str) -> None:
        if self._dropped:
            return
        # HTML's own line breaks are spaces; only <br> and blocks break a line.
        self.parts.append(data if self._pre else _SPACE_RUN.sub(" ", data))

    def _block(self) -> None:
        if self.parts and not "".join(self.parts[-2:]).endswith("\n\n"):
            self.parts.append("\n\n")


def plain_text(content: str) -> str:
    """The words of a status's HTML `content`, without any markup.

    >>> plain_text('<p>Farola rota en <a href="https://x.es/c"><span class="invisible">'
    ...            'https://</span><span>x.es/c</span></a></p><p>Gracias<br>Ana</p>')
    'Farola rota en https://x.es/c\\n\\nGracias\\nAna'
    """
    if "<" not in content and "&" not in content:
        return content.strip()
    parser = _TextOf()
    parser.feed(content)
    parser.close()
    lines = "".join(parser.parts).split("\n")
    text = "\n".join(line.strip(" ") for line in lines)
    return _BLANK_RUN.sub("\n\n", text).strip()
