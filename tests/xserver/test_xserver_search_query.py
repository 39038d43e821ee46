"""The local X server's search query language: any text is either a query or a clean 400."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from jundesk.xserver.search_query import QueryError, SearchDoc, fold, parse

DOC = SearchDoc.build(
    "@AytoJun La farola de la Calle Real está fundida #Jun",
    author="lola",
    mentions=frozenset({"aytojun"}),
    hashtags=frozenset({"jun"}),
    lang="es",
    reply_to_user="",
    is_quote=False,
    has_media=True,
    has_links=False,
    has_geo=False,
    conversation_id="1",
)

_pieces = st.sampled_from(
    [
        "farola",
        "calle",
        "OR",
        "(",
        ")",
        "-",
        '"',
        "#jun",
        "@aytojun",
        "from:lola",
        "is:reply",
        "has:media",
        "-fundida",
        "real",
        "x:y",
        " ",
        "ñ",
        "está",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_pieces, max_size=12).map(" ".join) | st.text(max_size=40))
def test_any_text_parses_or_fails_cleanly(query: str) -> None:
    try:
        test = parse(query)
    except QueryError:
        return
    assert test(DOC) in (True, False)


def test_fold() -> None:
    assert fold("Está CANCIÓN ñandú") == "esta cancion nandu"


def test_operators() -> None:
    assert parse("farola has:media from:lola @AytoJun #JUN lang:es")(DOC)
    assert not parse("farola has:links")(DOC)
    assert parse('"calle real" -"real calle"')(DOC)
    assert parse("(nada OR fundida) -(x OR y)")(DOC)
