"""Light stemmers for Spanish, English, French and Catalan on folded tokens: plurals and
common suffixes off, so a rule term and a post's word land on the same stem."""

from __future__ import annotations

from collections.abc import Callable

# Light on purpose: over-stemming would merge unrelated words (bombilla/bomba).
LANGUAGES: tuple[str, ...] = ("es", "en", "fr", "ca")

Stemmer = Callable[[str], str]

# (suffix, shortest stem it may leave), longest suffixes first. The minimum keeps short words
# whole: "ruido" must not become "ru", nor "bombilla" (bulb) "bomb" like "bomba" (bomb).
_ES_SUFFIXES: tuple[tuple[str, int], ...] = (
    ("amiento", 3),
    ("imiento", 3),
    ("isimo", 3),
    ("isima", 3),
    ("iendo", 3),
    ("acion", 4),
    ("icion", 4),
    ("mente", 4),
    ("ando", 3),
    ("illo", 5),
    ("illa", 5),
    ("aban", 3),
    ("aba", 3),
    ("ado", 3),
    ("ada", 3),
    ("ido", 4),
    ("ida", 4),
    ("ito", 4),
    ("ita", 4),
    ("eza", 4),
    ("an", 3),
    ("en", 3),
    ("ar", 3),
    ("er", 3),
    ("ir", 3),
)

_FR_SUFFIXES: tuple[tuple[str, int], ...] = (
    ("issement", 4),
    ("ement", 4),
    ("ation", 4),
    ("aient", 3),
    ("euse", 3),
    ("age", 4),
    ("ant", 4),
    ("ent", 4),
    ("eu", 3),
    ("ait", 3),
    ("ee", 3),
    ("er", 3),
    ("ez", 3),
    ("ir", 3),
)

_CA_SUFFIXES: tuple[tuple[str, int], ...] = (
    ("ament", 4),
    ("acion", 4),
    ("acio", 4),
    ("ant", 4),
    ("ava", 3),
    ("ada", 3),
    ("at", 3),
    ("en", 3),
    ("ar", 3),
    ("er", 3),
    ("ir", 3),
)


def _strip_suffix(word: str, suffixes: tuple[tuple[str, int], ...]) -> tuple[str, bool]:
    for suffix, shortest in suffixes:
        if word.endswith(suffix) and len(word) - len(suffix) >= shortest:
            return word[: -len(suffix)], True
    return word, False


def stem_es(word: str) -> str:
    """farolas/farola/farolillo -> farol; luces -> luz; aparcado/aparcar -> aparc."""
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("ces") and len(word) > 4:
        word = word[:-3] + "z"  # luces -> luz, veces -> vez
    elif word.endswith("es") and len(word) > 4 and word[-3] in "lrndzj":
        word = word[:-2]  # papeles -> papel, contenedores -> contenedor
    elif word.endswith("s"):
        word = word[:-1]
    word, stripped = _strip_suffix(word, _ES_SUFFIXES)
    # Gender and the verb's vowel: farola/farol, roto/rota, funciona/funcion.
    if not stripped and len(word) > 3 and word[-1] in "aeo":
        word = word[:-1]
    return word


def stem_en(word: str) -> str:
    """lamps -> lamp; flickering -> flicker; injuries/injured -> injur; bins -> bin."""
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith(("ies", "ied")) and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith(("sses", "ches", "shes", "xes", "zes")):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    for suffix in ("ing", "ed"):
        stem = word[: -len(suffix)]
        if word.endswith(suffix) and len(stem) >= 3 and not stem.endswith("e"):
            word = stem
            # stopped -> stop, running -> run; but smelled keeps its double l.
            if len(word) >= 4 and word[-1] == word[-2] and word[-1] not in "aeioulsz":
                word = word[:-1]
            break
    if word.endswith("ly") and len(word) > 5:
        word = word[:-2]
    if len(word) > 3 and word[-1] in "ey":
        word = word[:-1]  # smoke/smoking -> smok, dirty/dirt -> dirt
    return word


def stem_fr(word: str) -> str:
    """lampadaires -> lampadair; cassée/casser -> cass; feux -> feu."""
    if len(word) <= 3 or not word.isalpha():
        return word
    if word[-1] in "sx":
        word = word[:-1]
    word, stripped = _strip_suffix(word, _FR_SUFFIXES)
    if not stripped and len(word) > 4 and word[-1] == "e":
        word = word[:-1]
    return word


def stem_ca(word: str) -> str:
    """fanals -> fanal; pintades/pintada -> pint; caques -> cac; gossos -> gos."""
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("ssos"):
        word = word[:-3]  # gossos -> gos
    elif word.endswith("sos") and len(word) > 4:
        word = word[:-2]  # pisos -> pis
    elif word.endswith("es") and len(word) > 4:
        # A feminine plural: the singular ends in -a, with its spelling changes undone.
        for plural, singular in (("ques", "ca"), ("gues", "ga"), ("ges", "ja"), ("es", "a")):
            if word.endswith(plural):
                word = word[: -len(plural)] + singular
                break
    elif word.endswith("s"):
        word = word[:-1]
    word, stripped = _strip_suffix(word, _CA_SUFFIXES)
    if not stripped and len(word) > 3 and word[-1] in "aeo":
        word = word[:-1]
    return word


STEMMERS: dict[str, Stemmer] = {"es": stem_es, "en": stem_en, "fr": stem_fr, "ca": stem_ca}
