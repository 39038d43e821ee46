"""Function words per language, and a cheap guess of a post's language from them
(X's language tag is often wrong or missing on short posts)."""

from __future__ import annotations

from collections.abc import Iterable

from jundesk.triage.stemmer import LANGUAGES


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Articles, prepositions, pronouns, auxiliaries. Never negations ("no", "sin", "not"): those
# carry meaning for the rules ("no funciona", "sin heridos").
STOPWORDS: dict[str, frozenset[str]] = {
    "es": _words(
        """de la que el en y a los se del las un por con una su para es al lo como mas o pero
        sus le ya este esta estan estoy estamos esto estos estas ese esa eso esos esas aquel
        entre cuando muy sobre tambien me hasta hay donde quien desde todo toda todos todas
        nos durante uno unos unas les contra otro otra otros otras ante ellos ellas e yo mi mis
        tu tus te ti usted ustedes nosotros vosotros os mucho mucha muchos muchas poco algo
        alguien ha han he hemos habia hace hacen son ser fue sido soy eres era porque pues asi
        aqui ahi alli cual cuales que quien cuanto ese si sea les se vez veces mismo misma tan
        tanto cada"""
    ),
    "en": _words(
        """the a an and or but of to in on at for with by from is are was were be been being it
        its this that these those there here i you he she we they my your his her our their me
        him us them do does did have has had will would can could should just so as if then
        than too very all any some up down out over into about after before again also am im
        it s t ve ll d re what which who whom when where why how because while each other
        such only own same"""
    ),
    "fr": _words(
        """le la les un une des du de et ou mais donc ni que qui quoi dans sur sous avec pour
        par en au aux ce cet cette ces mon ma mes ton ta tes son sa ses notre nos votre vos
        leur leurs je tu il elle nous vous ils elles on est sont etait etre avoir ai as avons
        avez ont y se ne c l d j m n s qu tres tout toute tous toutes chez depuis plus comme
        aussi cela ca ici la"""
    ),
    "ca": _words(
        """el la els les un una uns unes de del dels al als i o pero que qui en a amb per des
        fins com molt mes ja hi ha han he es son esta estan era eren meu meva meus meves seu
        seva seus seves nostre nostra aquest aquesta aquests aquestes aquell aquella aixo allo
        tot tota tots totes l d s n m em et ens us li els se perque quan on tambe"""
    ),
}

NEGATIONS: frozenset[str] = _words(
    """no not sin ni nunca nadie ningun ninguna tampoco without nobody none never nor sans pas
    aucun aucune personne jamais rien sense cap ningu mai"""
)

# How much one stopword says about the language: words shared by several languages ("de",
# "la", "que") say little, so each counts 1/k when k languages have it.
_EVIDENCE: dict[str, dict[str, float]] = {}
for _lang, _members in STOPWORDS.items():
    for _word in _members:
        _EVIDENCE.setdefault(_word, {})[_lang] = 1.0
for _by_lang in _EVIDENCE.values():
    for _lang in _by_lang:
        _by_lang[_lang] = 1.0 / len(_by_lang)

ALL_STOPWORDS: frozenset[str] = frozenset(_EVIDENCE)


def language_evidence(token: str) -> dict[str, float] | None:
    """How much `token` points at each language, or None when it is no function word."""
    return _EVIDENCE.get(token)


def guess(tokens: Iterable[str], declared: str = "") -> str:
    """The post's language among LANGUAGES, or "" when its function words don't say.

    A declared tag (X's `lang`) counts like one distinctive function word: enough to break a
    tie, not enough to override a post that is plainly in another language.
    """
    score = dict.fromkeys(LANGUAGES, 0.0)
    declared = declared[:2].lower()
    if declared in score:
        score[declared] += 1.0
    for token in tokens:
        by_lang = _EVIDENCE.get(token)
        if by_lang is not None:
            for lang, weight in by_lang.items():
                score[lang] += weight
    ranked = sorted(score.items(), key=lambda item: (-item[1], LANGUAGES.index(item[0])))
    (best, top), (_, second) = ranked[0], ranked[1]
    return best if top >= 1.0 and top > second else ""
