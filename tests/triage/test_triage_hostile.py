"""Hostile and odd input never raises and always gives a valid verdict."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jundesk.core.model import UNROUTED, Priority
from jundesk.triage import Triage, Verdict

TRIAGE = Triage.from_resources()

FAMILY = "👨\u200d👩\u200d👧\u200d👦"

HOSTILE = [
    "",
    " ",
    "\n\t\r",
    "\x00",
    "farola\x00" * 1000,
    "a" * 25_000,
    "farola " * 5_000,
    ("basura " + "x" * 40) * 600,
    "\u200b" * 25_000,
    "\u202e" + "alorof al" + "\u202c",
    "\u202eURGENTE incendio\u202c" * 100,
    FAMILY * 3_000,
    "🔥" * 25_000,
    "🏳️‍🌈🇪🇸👍🏽" * 2_000,
    "ẑ̸̡̛͎̖̙̜̦̙͕̩̫̩̯̬̀͊̈́̈͒̓̐̍͗͊̽̕a̸̢̫̝̹̳͒l̴̛̺̣̦͈͓̈́̓̔͑̈́g̵̡̪̭̦̜̼͛͂̈́ö̴̠̻̭̗̼" * 500,
    "\ud800\udfff lone surrogates",
    "?" * 10_000,
    "#" * 5_000 + "@" * 5_000,
    "https://" + "a" * 25_000,
    "\ufeff\ufffe\uffff\U0010ffff",
    "الشارع مظلم 街灯が壊れた Уличный фонарь не горит",
    "no " * 8_000 + "heridos",
    "=parked + + +",
]


def _valid(verdict: Verdict) -> None:
    assert isinstance(verdict, Verdict)
    assert verdict.role in (*TRIAGE.roles, UNROUTED)
    assert isinstance(verdict.priority, Priority)
    assert 0.0 <= verdict.confidence <= 1.0
    assert all(isinstance(term, str) for term in verdict.matched)


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_input(text: str) -> None:
    # How long these take is printed by benchmarks/triage_accuracy.py, not asserted here.
    _valid(TRIAGE.classify(text))
    _valid(TRIAGE.classify(text, lang=text[:50]))


def test_empty_is_unrouted_normal() -> None:
    assert TRIAGE.classify("") == Verdict(UNROUTED, Priority.NORMAL, 1.0, ())


def test_learning_hostile_input_is_harmless() -> None:
    triage = Triage.from_resources()
    for text in HOSTILE:
        triage.learn(text, "water")
    _valid_roles = (*triage.roles, UNROUTED, "water")
    for text in HOSTILE:
        assert triage.classify(text).role in _valid_roles


@settings(max_examples=300, deadline=None)
@given(st.text(), st.text(max_size=20))
def test_any_text_gives_a_valid_verdict(text: str, lang: str) -> None:
    _valid(TRIAGE.classify(text, lang))
