"""Each channel's reply length as the service documents it: X's weighted 280, Mastodon's 500
characters (a link 23, a remote mention as its local part), Bluesky's 300 graphemes (and
3000 bytes), Telegram's 4096 UTF-16 units."""

from __future__ import annotations

import pytest

from jundesk.core.channel_text import (
    REPLY_CHANNELS,
    UnknownChannel,
    reply_fits,
    reply_length,
    reply_limit,
    reply_remaining,
)
from jundesk.core.x_text import weighted_length

FAMILY = "👨\u200d👩\u200d👧\u200d👦"  # one grapheme, 7 code points, 11 UTF-16 units, 25 bytes
FLAG = "🇪🇸"  # one grapheme, two regional indicators


def test_the_four_channels_and_their_limits() -> None:
    assert REPLY_CHANNELS == ("x", "mastodon", "bluesky", "telegram")
    assert [reply_limit(c) for c in REPLY_CHANNELS] == [280, 500, 300, 4096]


def test_x_counts_as_twitter_text_does() -> None:
    text = "Arreglada la farola 🙂 https://jun.es/obras/farolas/calle-real-numero-12"
    assert reply_length("x", text) == weighted_length(text)
    assert reply_length("x", "日本") == 4  # CJK weighs 2
    assert reply_fits("x", "a" * 280) and not reply_fits("x", "a" * 281)


def test_mastodon_counts_a_link_as_23_whatever_its_length() -> None:
    short = "Mira https://a.es/x"
    long = "Mira https://ayuntamiento.example.org/" + "obras/" * 40
    assert reply_length("mastodon", short) == len("Mira ") + 23
    assert reply_length("mastodon", long) == len("Mira ") + 23
    # Without a scheme it is text, as Mastodon counts it.
    assert reply_length("mastodon", "Mira jun.es/obras") == len("Mira jun.es/obras")


def test_mastodon_counts_a_remote_mention_as_its_local_part() -> None:
    assert reply_length("mastodon", "@vecina@mastodon.social gracias") == len("@vecina gracias")
    assert reply_length("mastodon", "@vecina gracias") == len("@vecina gracias")
    # An e-mail address is no mention: counted whole.
    assert reply_length("mastodon", "escribe a info@jun.es") == len("escribe a info@jun.es")


def test_mastodon_counts_characters_as_seen_500_at_most() -> None:
    assert reply_length("mastodon", FAMILY + FLAG + "é") == 3
    assert reply_length("mastodon", "e\u0301") == 1  # e + combining accent: one character
    assert reply_fits("mastodon", "ñ" * 500)
    assert not reply_fits("mastodon", "ñ" * 501)
    assert reply_remaining("mastodon", "@vecina@mastodon.social hola") == 500 - 12


def test_bluesky_counts_graphemes_300_at_most_and_3000_bytes() -> None:
    assert reply_length("bluesky", FAMILY * 3) == 3
    assert reply_length("bluesky", "https://jun.es/" + "a" * 20) == 35  # links as written
    assert reply_fits("bluesky", "á" * 300)
    assert not reply_fits("bluesky", "á" * 301)
    # 150 families are 150 graphemes but 3750 bytes: over the record's byte cap.
    assert reply_length("bluesky", FAMILY * 150) == 150
    assert not reply_fits("bluesky", FAMILY * 150)
    assert reply_fits("bluesky", FAMILY * 120)  # 3000 bytes exactly


def test_telegram_counts_utf16_units_4096_at_most() -> None:
    assert reply_length("telegram", "farola") == 6
    assert reply_length("telegram", "😀") == 2  # outside the BMP: a surrogate pair
    assert reply_length("telegram", FAMILY) == 11
    assert reply_fits("telegram", "a" * 4096)
    assert not reply_fits("telegram", "a" * 4095 + "😀")


def test_a_channel_without_a_rule_is_a_clear_error() -> None:
    for call in (lambda: reply_limit("manual"), lambda: reply_length("fax", "hola")):
        with pytest.raises(UnknownChannel, match="no reply length rule"):
            call()


def test_a_mastodon_reply_is_counted_with_the_authors_address_it_will_carry() -> None:
    from jundesk.core.channel_text import as_sent

    assert (
        as_sent("mastodon", "Gracias, vamos", "ana@jun.social") == "@ana@jun.social Gracias, vamos"
    )
    assert as_sent("mastodon", "@Ana@jun.social ya está", "ana@jun.social") == (
        "@Ana@jun.social ya está"
    )
    # Mastodon counts a remote address as its user part: "@ana " is 5 characters.
    assert reply_length("mastodon", as_sent("mastodon", "ok", "ana@jun.social")) == 7
    # The other channels send what the desk wrote.
    assert as_sent("x", "ok", "ana") == as_sent("telegram", "ok", "ana") == "ok"
    assert as_sent("mastodon", "ok", "") == "ok"
