"""Read the town's rule files (one TOML file per role, plus priority.toml) into weighted terms;
the format is documented for town clerks in resources/triage/README.md."""

from __future__ import annotations

import math
import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from jundesk.core.model import UNROUTED
from jundesk.triage.language import ALL_STOPWORDS, NEGATIONS
from jundesk.triage.normalize import tokens as fold_tokens
from jundesk.triage.stemmer import LANGUAGES, STEMMERS

PRIORITY_FILE = "priority.toml"
ANY = "any"  # the section for emoji, numbers and signs, matched as written in every language
SECTIONS: tuple[str, ...] = (*LANGUAGES, ANY)
# The parts of priority.toml that hold terms; each is a channel the matcher scores.
PRIORITY_CHANNELS: tuple[str, ...] = ("urgent", "high", "low", "problem", "calm")
MAX_WEIGHT = 10.0


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Articles and prepositions are optional inside a phrase: "no funciona la luz" also matches
# "no funciona luz", and "olor a gas" also "huele a gas, mucho olor".
_OPTIONAL: dict[str, frozenset[str]] = {
    "es": _words("el la los las lo un una unos unas del al de a en con por para"),
    "en": _words("the a an of to in on at for with by from"),
    "fr": _words("le la les l un une des du au aux d de a en dans sur pour par avec"),
    "ca": _words("el la els les l en na un una uns unes del dels al als d de a amb per"),
}
_ROLE_NAME = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
_TOML_WHERE = re.compile(r"\s*\(at line (\d+), column (\d+)\)")


class RuleFileError(ValueError):
    """A rule file a town edited cannot be used; the message names the file and the line."""

    def __init__(self, path: Path, line: int | None, message: str) -> None:
        where = f"{path}, line {line}" if line else str(path)
        super().__init__(f"{where}: {message}")
        self.path = path
        self.line = line


@dataclass(frozen=True, slots=True)
class Term:
    """One weighted term of one channel (a role, or a priority cue such as "urgent").

    `parts` holds one tuple of match keys per part the term needs (parts are joined with
    "+"); the keys of one part must occur close together, in any order.
    """

    channel: str
    text: str
    lang: str
    weight: float
    parts: tuple[tuple[str, ...], ...]
    window: int


@dataclass(frozen=True, slots=True)
class PrioritySettings:
    urgent_threshold: float = 1.0
    high_threshold: float = 1.0
    low_threshold: float = 0.5
    # Who gets an urgent post no role's words claim: life safety is the police's first.
    fallback_role: str = "police"
    # How much each point of thanks/greetings (net of problem words) takes off every role.
    route_damping: float = 1.2
    negation_window: int = 3
    negations: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class RuleSet:
    roles: tuple[str, ...]
    terms: tuple[Term, ...]
    priority: PrioritySettings = field(default_factory=PrioritySettings)


def match_key(lang: str, token: str) -> str:
    """The key a token matches under in one language: its stem there (or itself for "any")."""
    return "=" + token if lang == ANY else lang + ":" + STEMMERS[lang](token)


def compile_term(channel: str, lang: str, text: str, weight: float) -> Term | None:
    """A term as the matcher wants it, or None when nothing of it is left after folding."""
    parts: list[tuple[str, ...]] = []
    longest = 1
    for raw_part in text.split("+"):
        words = raw_part.split()
        folded = [
            (word.startswith("="), token)
            for word in words
            for token in fold_tokens(word.removeprefix("="))
        ]
        if lang != ANY:
            # ...but a phrase keeps at least two words: "de nuevo" is not "nuevo".
            kept = [(exact, t) for exact, t in folded if exact or t not in _OPTIONAL[lang]]
            folded = kept if len(kept) >= 2 or len(folded) < 2 else folded
        keys: list[tuple[bool, str]] = []
        for exact, token in folded:
            common = token in ALL_STOPWORDS or token in NEGATIONS
            keys.append((common, "=" + token if exact else match_key(lang, token)))
        if not keys:
            return None
        longest = max(longest, len(words))
        # Words in a part match in any order, so the rarest key can go first: the matcher
        # looks terms up by their first key, and "hay" or "no" would find them in every post.
        keys.sort(key=lambda k: (k[0], -len(k[1])))
        parts.append(tuple(key for _, key in keys))
    parts.sort(key=lambda p: -len(p[0]))
    # Words may be apart by about the phrase's length: "no funciona ya la luz" matches "no
    # funciona la luz", but "on both sides, fire" is no "on fire".
    return Term(channel, text, lang, weight, tuple(parts), window=longest + 1)


def load(directory: Path) -> RuleSet:
    """Read every rule file in `directory`; raise RuleFileError naming a bad file and line."""
    if not directory.is_dir():
        raise RuleFileError(directory, None, "the triage rules folder does not exist")
    return load_files(sorted(directory.glob("*.toml")))


def load_files(paths: Sequence[Path]) -> RuleSet:
    """Read these rule files (one `priority.toml` among them at most, the rest one role
    each); raise RuleFileError naming a bad file and line.

    Files read before and unchanged since (same size and modification time) give the rule
    set compiled then: a console and its tools build a Triage more than once."""
    return _load_signed(tuple(_signature(path) for path in paths))


def _signature(path: Path) -> tuple[Path, int, int]:
    try:
        stat = path.stat()
    except OSError:
        return (path, -1, -1)  # read below, where the error names the file
    return (path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=8)
def _load_signed(signed: tuple[tuple[Path, int, int], ...]) -> RuleSet:
    paths = [path for path, _, _ in signed]
    roles: list[str] = []
    terms: list[Term] = []
    priority = PrioritySettings()
    for path in sorted(paths, key=lambda p: p.name):
        if path.name == PRIORITY_FILE:
            priority, priority_terms = _priority(path)
            terms.extend(priority_terms)
            continue
        role = path.stem
        if not _ROLE_NAME.match(role) or role == UNROUTED:
            raise RuleFileError(
                path,
                None,
                "a role file's name must be lower-case letters, digits and _ "
                f"(like street_cleaning.toml), and not {UNROUTED!r}",
            )
        data, text = _read(path)
        for key, value in data.items():
            if key == "role":
                _check_role_table(path, text, value)
            elif key in SECTIONS:
                terms.extend(_terms(path, text, role, key, value))
            else:
                raise RuleFileError(
                    path,
                    _line_of(text, key),
                    f"unknown section [{key}]; use [role] or one of "
                    + ", ".join(f"[{s}]" for s in SECTIONS),
                )
        roles.append(role)
    return RuleSet(tuple(roles), tuple(terms), priority)


def _read(path: Path) -> tuple[dict[str, Any], str]:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise RuleFileError(path, None, f"not UTF-8 text ({exc.reason})") from None
    except OSError as exc:
        raise RuleFileError(path, None, f"cannot be read ({exc.strerror})") from None
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as exc:
        found = _TOML_WHERE.search(str(exc))
        message = _TOML_WHERE.sub("", str(exc)).strip(" .")
        if message.startswith("Cannot overwrite"):
            message = "a term or section is written twice"
        line = int(found.group(1)) if found else None
        column = f" (column {found.group(2)})" if found else ""
        raise RuleFileError(path, line, f"not valid TOML{column}: {message}") from None


def _line_of(text: str, key: str) -> int | None:
    """The first line that mentions `key`: tomllib does not say where a value came from."""
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped.startswith("#"):
            continue
        if (
            f'"{key}"' in line
            or f"'{key}'" in line
            or re.match(rf"\[?\s*{re.escape(key)}\b", stripped)
        ):
            return number
    return None


def _check_role_table(path: Path, text: str, value: Any) -> None:
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise RuleFileError(path, _line_of(text, "role"), "[role] holds only text (label = ...)")


def _terms(path: Path, text: str, channel: str, lang: str, table: Any) -> list[Term]:
    if not isinstance(table, dict):
        raise RuleFileError(path, _line_of(text, lang), f"[{lang}] must be a table of terms")
    out: list[Term] = []
    for term_text, weight in table.items():
        if isinstance(weight, dict):
            raise RuleFileError(
                path,
                _line_of(text, term_text),
                f'"{term_text}" looks like a section; terms are written "words" = weight',
            )
        if isinstance(weight, bool) or not isinstance(weight, int | float):
            raise RuleFileError(
                path, _line_of(text, term_text), f'the weight of "{term_text}" must be a number'
            )
        if not math.isfinite(weight) or abs(weight) > MAX_WEIGHT:
            raise RuleFileError(
                path,
                _line_of(text, term_text),
                f'the weight of "{term_text}" must be between -{MAX_WEIGHT:g} and {MAX_WEIGHT:g}',
            )
        term = compile_term(channel, lang, term_text, float(weight))
        if term is None:
            raise RuleFileError(
                path, _line_of(text, term_text), f'"{term_text}" has no word that can be matched'
            )
        out.append(term)
    return out


def _priority(path: Path) -> tuple[PrioritySettings, list[Term]]:
    data, text = _read(path)
    terms: list[Term] = []
    settings: dict[str, Any] = {}
    numbers = {
        ("urgent", "threshold"): "urgent_threshold",
        ("high", "threshold"): "high_threshold",
        ("low", "threshold"): "low_threshold",
        ("low", "route_damping"): "route_damping",
    }
    for section, table in data.items():
        if section == "negation":
            settings.update(_negation(path, text, table))
            continue
        if section not in PRIORITY_CHANNELS or not isinstance(table, dict):
            raise RuleFileError(
                path,
                _line_of(text, section),
                f"unknown section [{section}]; use "
                + ", ".join(f"[{s}]" for s in (*PRIORITY_CHANNELS, "negation")),
            )
        for key, value in table.items():
            if key in SECTIONS:
                terms.extend(_terms(path, text, "!" + section, key, value))
            elif (section, key) in numbers:
                if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
                    raise RuleFileError(
                        path, _line_of(text, key), f"{key} must be a number, 0 or more"
                    )
                settings[numbers[section, key]] = float(value)
            elif (section, key) == ("urgent", "fallback_role"):
                if not isinstance(value, str) or not _ROLE_NAME.match(value):
                    raise RuleFileError(path, _line_of(text, key), "fallback_role must be a role")
                settings["fallback_role"] = value
            else:
                raise RuleFileError(
                    path, _line_of(text, key), f"unknown setting {key!r} in [{section}]"
                )
    return PrioritySettings(**settings), terms


def _negation(path: Path, text: str, table: Any) -> dict[str, Any]:
    if not isinstance(table, dict):
        raise RuleFileError(path, _line_of(text, "negation"), "[negation] must be a table")
    words: set[str] = set()
    out: dict[str, Any] = {}
    for key, value in table.items():
        if key == "window":
            if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 10:
                raise RuleFileError(path, _line_of(text, key), "window must be a whole number 1-10")
            out["negation_window"] = value
        elif key in LANGUAGES:
            if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
                raise RuleFileError(path, _line_of(text, key), f"{key} must be a list of words")
            for word in value:
                words.update(fold_tokens(word))
        else:
            raise RuleFileError(path, _line_of(text, key), f"unknown setting {key!r} in [negation]")
    out["negations"] = frozenset(words)
    return out
