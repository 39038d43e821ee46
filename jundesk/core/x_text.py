"""A post's length as X counts it, and the links in a text: the one place this rule lives.

X counts with twitter-text's version 3 configuration: the text is NFC-normalised; each code
point weighs `DEFAULT_WEIGHT` unless it falls in one of `WEIGHTED_RANGES` (Latin, Greek,
Cyrillic, general punctuation); an emoji sequence (skin tone, variation selector, zero-width
joins, a flag, a keycap) weighs `DEFAULT_WEIGHT` as a whole; every link weighs
`TRANSFORMED_URL_LENGTH` whatever its length, because X wraps it in a t.co link. Weights
are in hundredths (`SCALE`); at most `MAX_WEIGHTED_LENGTH` may be posted. The desk's reply
counter and the local X server both count with `weighted_length`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# twitter-text's v3 configuration.
MAX_WEIGHTED_LENGTH = 280
SCALE = 100
DEFAULT_WEIGHT = 200
TRANSFORMED_URL_LENGTH = 23
WEIGHTED_RANGES = (
    (0x0000, 0x10FF, 100),
    (0x2000, 0x200D, 100),
    (0x2010, 0x201F, 100),
    (0x2032, 0x2037, 100),
)

# Top-level domains that make a link without "https://" (twitter-text extracts those).
_GENERIC_TLDS = frozenset(
    re.findall(
        r"[a-z]+",
        "com org net edu gov mil int info biz name pro aero coop museum mobi travel jobs tel "
        "asia cat app dev io ai co me tv xyz online site store shop blog news club top live "
        "eus gal barcelona madrid",
    )
)
_COUNTRY_TLDS = frozenset(
    re.findall(
        r"[a-z]+",
        "ac ad ae af ag ai al am ao aq ar as at au aw ax az ba bb bd be bf bg bh bi bj bm bn bo "
        "br bs bt bw by bz ca cc cd cf cg ch ci ck cl cm cn co cr cu cv cw cx cy cz de dj dk dm "
        "do dz ec ee eg er es et eu fi fj fk fm fo fr ga gb gd ge gf gg gh gi gl gm gn gp gq gr "
        "gs gt gu gw gy hk hm hn hr ht hu id ie il im in io iq ir is it je jm jo jp ke kg kh ki "
        "km kn kp kr kw ky kz la lb lc li lk lr ls lt lu lv ly ma mc md me mg mh mk ml mm mn mo "
        "mp mq mr ms mt mu mv mw mx my mz na nc ne nf ng ni nl no np nr nu nz om pa pe pf pg ph "
        "pk pl pm pn pr ps pt pw py qa re ro rs ru rw sa sb sc sd se sg sh si sk sl sm sn so sr "
        "ss st sv sx sy sz tc td tf tg th tj tk tl tm tn to tr tt tv tw tz ua ug uk us uy uz va "
        "vc ve vg vi vn vu wf ws ye yt za zm zw",
    )
)

# Bidirectional marks and embeddings around a link are not part of it.
_DIRECTIONAL = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_URL_CHAR = rf"[^\s<>\"{_DIRECTIONAL}]"
_PATH = rf"(?:[/?#]{_URL_CHAR}*)?"
_WITH_SCHEME = re.compile(rf"https?://{_URL_CHAR}+", re.IGNORECASE)
_WITHOUT_SCHEME = re.compile(
    r"(?<![\w@.\-/])((?:[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?\.)+([a-z]{2,24}))(?::\d{1,5})?("
    + _PATH
    + ")",
    re.IGNORECASE,
)
# Punctuation that ends a sentence, not the link ("see https://jun.es/x.").
_TRAILING = ".,:;!?¡¿'\")]}>»"
_MAX_LABEL = 63  # a host's label, once punycode-encoded (RFC 1035)


@dataclass(frozen=True, slots=True)
class Link:
    start: int
    end: int
    text: str  # as written
    url: str  # what a browser opens (https:// added when the text had no scheme)


def _trim(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in _TRAILING:
        # A closing bracket that has its opening one inside the link belongs to it.
        closing = text[end - 1]
        pairs = {")": "(", "]": "["}
        if closing in pairs and text.count(pairs[closing], start, end) >= text.count(
            closing, start, end
        ):
            break
        end -= 1
    return end


def _valid_host(host: str) -> bool:
    """Whether every label of `host` fits in a DNS name once punycode-encoded."""
    if host.startswith("["):  # an IPv6 literal
        return host.endswith("]")
    labels = host.rstrip(".").split(".")
    if len(labels) < 2:
        return False
    for label in labels:
        if not label or label.startswith("-") or label.endswith("-"):
            return False
        try:
            encoded = label.encode("idna")
        except UnicodeError:  # too long, or not a name at all
            return False
        if len(encoded) > _MAX_LABEL:
            return False
    return True


def _scheme_host(link: str) -> str:
    rest = link.split("://", 1)[1]
    authority = re.split(r"[/?#]", rest, maxsplit=1)[0]
    host = authority.rsplit("@", 1)[-1]
    if not host.startswith("["):
        host = host.split(":", 1)[0]
    return host


def find_links(text: str) -> list[Link]:
    """The links in `text` as X would see them, in order, without overlaps."""
    found: list[Link] = []
    taken: list[tuple[int, int]] = []
    for match in _WITH_SCHEME.finditer(text):
        end = _trim(text, match.start(), match.end())
        raw = text[match.start() : end]
        # A link that is not one (a label longer than DNS allows) is counted as text, but
        # the scheme-less search must not find a link inside it either.
        taken.append((match.start(), end))
        if end - match.start() > len("https://") and _valid_host(_scheme_host(raw)):
            found.append(Link(match.start(), end, raw, raw))
    for match in _WITHOUT_SCHEME.finditer(text):
        start = match.start()
        if any(a <= start < b for a, b in taken):
            continue
        domain, tld, path = match.group(1), match.group(2).lower(), match.group(3)
        labels = domain.rstrip(".").split(".")
        if tld in _GENERIC_TLDS:
            pass
        elif tld in _COUNTRY_TLDS:
            # "jun.es" alone is a word to X; "jun.es/x" or "ayto.jun.es" is a link.
            if len(labels) < 3 and not path and not domain.lower().startswith("www."):
                continue
        else:
            continue
        if not _valid_host(domain):
            continue
        end = _trim(text, start, match.end())
        raw = text[start:end]
        found.append(Link(start, end, raw, "https://" + raw))
    found.sort(key=lambda link: link.start)
    return found


def _is_pictographic(code: int) -> bool:
    return (
        0x1F000 <= code <= 0x1FAFF
        or 0x2600 <= code <= 0x27BF
        or 0x2300 <= code <= 0x23FF
        or 0x2B00 <= code <= 0x2BFF
        or 0x2190 <= code <= 0x21FF
        or 0x25A0 <= code <= 0x25FF
        or code in (0x203C, 0x2049, 0x2122, 0x2139, 0x24C2, 0x2934, 0x2935, 0x3030, 0x303D)
        or code in (0x3297, 0x3299)
    )


def _emoji_end(text: str, i: int) -> int:
    """The end of the emoji sequence starting at `i`, or `i` when none starts there."""
    n = len(text)
    code = ord(text[i])
    if 0x1F1E6 <= code <= 0x1F1FF:  # regional indicators: a pair is a flag
        return i + 2 if i + 1 < n and 0x1F1E6 <= ord(text[i + 1]) <= 0x1F1FF else i + 1
    if text[i] in "0123456789#*":  # keycaps: 1️⃣
        j = i + 1
        if j < n and text[j] == "\ufe0f":
            j += 1
        return j + 1 if j < n and text[j] == "\u20e3" else i
    if code in (0xA9, 0xAE):  # © and ® are emoji only in emoji presentation
        return i + 2 if i + 1 < n and text[i + 1] == "\ufe0f" else i
    if not _is_pictographic(code):
        return i
    j = i + 1
    while j < n:
        c = ord(text[j])
        if c == 0xFE0F or 0x1F3FB <= c <= 0x1F3FF or 0xE0020 <= c <= 0xE007F or c == 0x20E3:
            j += 1
        elif c == 0x200D and j + 1 < n and _is_pictographic(ord(text[j + 1])):
            j += 2
        else:
            break
    return j


def _weight(char: str) -> int:
    code = ord(char)
    for low, high, weight in WEIGHTED_RANGES:
        if low <= code <= high:
            return weight
    return DEFAULT_WEIGHT


def weighted_length(text: str) -> int:
    """The length X counts for `text` (at most MAX_WEIGHTED_LENGTH may be posted)."""
    text = unicodedata.normalize("NFC", text)
    links = {link.start: link.end for link in find_links(text)}
    total = 0
    i = 0
    n = len(text)
    while i < n:
        if i in links:
            total += TRANSFORMED_URL_LENGTH * SCALE
            i = links[i]
            continue
        end = _emoji_end(text, i)
        if end > i:
            total += DEFAULT_WEIGHT
            i = end
            continue
        total += _weight(text[i])
        i += 1
    return total // SCALE


def remaining(text: str) -> int:
    """How much more may be written; negative when the text is too long for X."""
    return MAX_WEIGHTED_LENGTH - weighted_length(text)
