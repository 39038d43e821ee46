"""Turn a post (or a rule term: both fold the same way) into tokens without accents, case,
URLs, mentions or noise."""

from __future__ import annotations

import re
import unicodedata

# A post on X is at most 25,000 characters; anything longer is hostile, and cutting it keeps
# the cost of one classify() bounded.
MAX_CHARS = 25_000
# Plenty for any real post; a bound so a pathological input cannot make matching quadratic.
MAX_TOKENS = 4_000

QUESTION = "?"  # the token a question mark becomes, so rule files can weigh questions

# Format characters (zero-width spaces and joiners, bidi overrides, BOM, soft hyphen...) are
# invisible: removing them rejoins words a sender (or an attacker) split with them.
_FORMAT_CHARS = (
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd"
    "\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001"
    "\U000e0020-\U000e007f"
)
_INVISIBLE = re.compile("[" + _FORMAT_CHARS + "\ufe0e\ufe0f]")
# Control characters (NUL, CR, ...) do separate words, so they become spaces.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Combining marks left by NFKD: dropping them is what folds "fárola" into "farola".
_MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")
_URL = re.compile(r"(?:https?://|www\.|pic\.twitter\.com/)\S*", re.IGNORECASE)
_MENTION = re.compile(r"(?<![\w@])@\w+")
_HASHTAG = re.compile(r"#(\w+)")
_CAMEL = re.compile(r"(?<=[a-záéíóúñç])(?=[A-ZÁÉÍÓÚÑÇ])")
# Three or more of one letter are emphasis ("ayudaaaa", "URGENTEEE"), never spelling.
_REPEATS = re.compile(r"([^\W\d_])\1{2,}")
_TOKEN = re.compile(
    r"[^\W_]+"
    r"|[\u2190-\u21ff\u2300-\u23ff\u2600-\u27bf\u2b00-\u2bff\U0001f000-\U0001faff]"
    r"|[?¿]"
)
# Letters NFKD leaves whole; Catalan's middle dot (l·l) would otherwise split a word.
_LETTERS = str.maketrans({"œ": "oe", "æ": "ae", "ø": "o", "ł": "l", "đ": "d", "·": "", "ŀ": "l"})
# English contractions lose their negation if the apostrophe splits them ("don't" -> "don t").
_NOT = re.compile(r"(?:\b(ca)|\b(wo)|\b(sha))?n['’]t\b")
_NOT_STEMS = {"ca": "can", "wo": "will", "sha": "shall"}

# Social-media shorthand, one token to one or more words. Kept small and unambiguous.
SHORTHAND: dict[str, tuple[str, ...]] = {
    "q": ("que",),
    "k": ("que",),
    "ke": ("que",),
    "qe": ("que",),
    "xq": ("porque",),
    "pq": ("porque",),
    "xk": ("porque",),
    "pk": ("porque",),
    "porq": ("porque",),
    "tb": ("tambien",),
    "tmb": ("tambien",),
    "xfa": ("por", "favor"),
    "xfavor": ("por", "favor"),
    "porfa": ("por", "favor"),
    "porfi": ("por", "favor"),
    "pf": ("por", "favor"),
    "x": ("por",),
    "d": ("de",),
    "pa": ("para",),
    "toy": ("estoy",),
    "tol": ("todo", "el"),
    "aki": ("aqui",),
    "kien": ("quien",),
    "nd": ("nada",),
    "mñn": ("manana",),
    "u": ("you",),
    "ur": ("your",),
    "pls": ("please",),
    "plz": ("please",),
    "plse": ("please",),
    "thx": ("thanks",),
    "thnx": ("thanks",),
    "tks": ("thanks",),
    "ty": ("thank", "you"),
    "ppl": ("people",),
    "rn": ("right", "now"),
    "cuz": ("because",),
    "coz": ("because",),
    "gonna": ("going", "to"),
    "cant": ("can", "not"),
    "dont": ("do", "not"),
    "doesnt": ("does", "not"),
    "isnt": ("is", "not"),
    "wont": ("will", "not"),
    "svp": ("s", "il", "vous", "plait"),
    "stp": ("s", "il", "te", "plait"),
    "mrc": ("merci",),
}


def fold(text: str) -> str:
    """Fold a text for matching: no format characters, accents, case, URLs or mentions."""
    text = text[:MAX_CHARS]
    if "#" in text:
        # A hashtag is a word ("#farola"); camel case inside it holds several ("#FarolaRota").
        text = _HASHTAG.sub(lambda m: " " + _CAMEL.sub(" ", m.group(1)) + " ", text)
    # Each step runs only when the text can need it: classify() must stay fast.
    ascii_only = text.isascii()
    if not ascii_only:
        text = _INVISIBLE.sub("", text)
    if not text.isprintable():
        text = _CONTROL.sub(" ", text)
    if "://" in text or "www." in text or "WWW." in text or "pic.twitter" in text:
        text = _URL.sub(" ", text)
    if "@" in text:
        text = _MENTION.sub(" ", text)
    if not ascii_only:
        text = _MARKS.sub("", unicodedata.normalize("NFKD", text)).translate(_LETTERS)
    text = text.casefold()
    if "'" in text or "’" in text:
        text = _NOT.sub(_not, text)
    return _REPEATS.sub(r"\1", text)


def _not(match: re.Match[str]) -> str:
    # "don't" -> "do not", but "can't" -> "can not" and "won't" -> "will not".
    irregular = match.group(1) or match.group(2) or match.group(3)
    return (_NOT_STEMS[irregular] if irregular else "") + " not"


def tokens(text: str) -> list[str]:
    """The folded tokens of a text: words, numbers, single emoji and "?" for questions."""
    out: list[str] = []
    for raw in _TOKEN.findall(fold(text)):
        if raw == "¿":
            raw = QUESTION
        expansion = SHORTHAND.get(raw)
        if expansion is None:
            out.append(raw)
        else:
            out.extend(expansion)
        if len(out) >= MAX_TOKENS:
            break
    return out
