"""Untrusted text shown safely: controls and bidi overrides become visible markers."""

from __future__ import annotations

from jundesk.core.display_text import one_line, visible, without_leading_mentions


def test_bidi_overrides_and_controls_become_markers() -> None:
    assert visible("factura\u202egpj.exe") == "factura[U+202E]gpj.exe"
    assert visible("a\x07b\ufeffc") == "a[U+0007]b[U+FEFF]c"
    assert visible("línea\r\nnueva\u2028otra\tfin") == "línea\nnueva\notra\tfin"
    assert visible("<b>x</b> & 😀") == "<b>x</b> & 😀"


def test_one_line() -> None:
    assert one_line("  a\n\n b\t c  ") == "a b c"
    assert one_line("abcdefghij", 5) == "abcd…"


def test_leading_mentions_are_left_out_of_list_lines() -> None:
    assert without_leading_mentions("@AytoJun @ana_1 la farola") == "la farola"
    assert without_leading_mentions("Buenas @AytoJun, la farola") == "Buenas @AytoJun, la farola"
    assert without_leading_mentions("@AytoJun") == "@AytoJun"
    # Bluesky's handles are domain names; Mastodon's name their server.
    assert without_leading_mentions("@aytojun.bsky.social la farola") == "la farola"
    assert without_leading_mentions("@ayto@jun.social @ana: la farola") == "la farola"
