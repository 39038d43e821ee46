"""Typo tolerance: read a word that matches no rule term as the rule word it misspells.

Two readings, tried only for a token no term matches as written:

- **Spanish sound-alikes** (b/v, ll/y, a silent h, c/z/s before e/i, qu/k/c, g/j before e/i):
  "vasura" is "basura", "atropeyado" is "atropellado", "gaz" is "gas". The same word to the
  ear, so they count in full.
- **A slip of the finger**: Damerau-Levenshtein distance 1 (a letter missing, doubled, extra
  or swapped with the next; a wrong letter only if it is a key next to the right one or a
  vowel for a vowel, in longer words), or 2 for words of 8 letters or more when the cheap
  lookup below finds it: "faola", "basurra", "desmayaod", "strret". They count FUZZY_WEIGHT
  of the term; a life-safety cue ([urgent]) misspelt by one slip in a long word ("bleading")
  counts in full, as missing it costs more than a false alarm.

Lookups go through a symmetric-delete index (as SymSpell does): every rule word and stem of
5 letters or more is indexed with each of its one-letter deletions once, at load time, so a
token needs only its own deletions looked up, and each token's reading is cached (LRU).

Guards against reading a real word as a typo: short words are never read by slips ("faro"
is no "farol"); the first letter must be right; a word that only adds or drops an ending is
another word (barrera is no barrer, sangria no sangre); the words in COMMON_WORDS and the
function words are never read; nor is a street's name ("Calle Alhambra" is no "alumbra").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from typing import NamedTuple

from jundesk.triage.language import ALL_STOPWORDS, NEGATIONS
from jundesk.triage.normalize import fold
from jundesk.triage.normalize import tokens as fold_tokens
from jundesk.triage.rules import ANY, Term
from jundesk.triage.stemmer import LANGUAGES, STEMMERS

# What a misspelt word counts, against the word itself: enough to route with another hint
# or on a strong word, not enough for a weak hint alone to route a post.
FUZZY_WEIGHT = 0.7
# The shortest token read as a slip: on fewer letters a slip makes another real word too
# often. Rule words and stems are indexed from this length too.
MIN_TYPO_LENGTH = 5
# A sound-alike spelling is the word itself, but not on fewer letters than this ("gaz" is
# "gas"); another form of it (its stem) needs one more.
MIN_PHONETIC_LENGTH = 3
MIN_PHONETIC_STEM_LENGTH = 4
# A wrong letter needs a longer word: "lambs" and "lamps", "letter" and "litter" are words.
MIN_SUBSTITUTION_LENGTH = 6
MIN_VOWEL_SUBSTITUTION_LENGTH = 7
# Words this long may be two slips away, when the cheap one-deletion lookup finds them.
MIN_DOUBLE_TYPO_LENGTH = 8
# A life-safety cue misspelt by one slip in a word this long counts in full.
MIN_URGENT_FULL_LENGTH = 7
# Longer tokens are no words (a hostile post's letter soup): never read, so a lookup stays
# cheap (a token's deletions are as many as its letters).
MAX_TYPO_LENGTH = 40
# Distinct tokens whose reading is kept (least recently used dropped first).
CACHE_SIZE = 50_000


class Reading(NamedTuple):
    """How a token that matches no term as written reads: as these match keys, counting
    `weight` of the terms' weights (`urgent_weight` for life-safety cues)."""

    keys: tuple[str, ...]
    weight: float = 1.0
    urgent_weight: float = 1.0


NO_READING = Reading(())


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Real, frequent words that are never read as a misspelling of a rule word, though a slip
# or a sound away from one: greetings and courtesy, the town's life (fiestas, mercado), and
# everyday words found next to a rule word ("cocina" is no "cochinada", "flight" no "fight").
# Function words (language.STOPWORDS, NEGATIONS) are never read either. Words some term
# matches as written stay listed: a town may take that term out.
COMMON_WORDS: frozenset[str] = _words(
    """
    hola hoy ayer manana tarde tardes noche dias semana semanas mes meses ano anos buenos
    buenas bueno buena gracias muchas muchos feliz felices fiestas fiesta pueblo ciudad
    vecinos vecinas gente favor ahora antes despues siempre nunca luego todavia mientras
    aunque ademas bien mejor peor grande grandes nuevo nueva nuevos nuevas viejo vieja mismo
    primero primera segundo segunda ultimo ultima cosas cosa tiempo verano invierno otono
    primavera enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre
    diciembre lunes martes miercoles jueves viernes sabado domingo finde vaya vale vamos
    vemos hace hacer hecho dicho decir puede pueden poder quiero quiere queria quisiera
    saber sabe sabes tengo tiene tienen tenemos estar estaba estado estuvo haber habia hubo
    tuvo cayo caya cayendo nadie donde cuando cuanto cuanta cuantos como porque sino
    entonces casa casas plaza plazas parque parques playa campo monte iglesia mercado feria
    ferias musica concierto baile bailes verbena procesion misa banda charanga pregon pena
    penas comida cena paella sangria vino vinos cerveza agua aguas colegio escuela instituto
    biblioteca piscina deporte futbol partido equipo carrera maraton premio premios foto
    fotos video videos amigo amiga amigos amigas familia madre padre hijo hija hijos abuelos
    nietos mujer hombre hombres mujeres nino nina ninos ninas chico chica chicos chicas
    bonito bonita precioso preciosa guapo guapa genial increible maravilla gusto ganas gana
    ganar ganador ganadores pasado pasada pasar llegar llega llegan llegue llego vuelta
    volver vuelve salir entrar abrir cerrar cerrada cerrado mirar mira mirad leer libro
    libros teatro cine museo trabajo trabajar trabajos alcalde alcaldesa concejal concejala
    sobre bajo baja bajar subir sube cerca lejos dentro fuera cierto cierta claro clara
    verdad mentira bello bella vello rallado rallar cocer coser siento ciento caza cazar
    casar mando mandar contar cuento camino caminar consejo concejo permitir aparecer
    aparece aparecido aparecida apuesta apuesto atacado atacada atrasado atrasada abogado
    abogada acostado acostada batalla cabello canela cartera cartero carreta carrete cocina
    cocinar cocinero chorizo huerto ladera muleta palida palido papeleria papeleta
    protector radical racial rugido sociedad guarda revisar desorden deshecho despecho
    grillos catarro cigarro cigarros suizo suiza tragico tragica vuelo vuelos maceta macetas
    poliza cheque guerra sombra manera tirano heroina hervido hervida descenso regente
    hello thanks thank please sorry great good nice lovely happy today tonight tomorrow
    yesterday morning evening afternoon weekend week weeks month months years year summer
    winter spring autumn christmas easter festival village people everyone everybody
    someone somebody anyone anybody family friends friend children mother father daughter
    mum mums dad dads about after again always never every other others another there their
    where which while would could should these those thing things think thinks know knew
    known going doing being having make made making take took taking come came coming well
    better best really quite still just much many more most some sometimes first second
    third last next little large small greater house houses home square market markets
    school schools church library concert football match team race photos picture pictures
    beautiful amazing wonderful sunny sunshine weather rain rainy windy water coffee dinner
    lunch breakfast brunch pizza dance dancing singer songs choir theatre cinema museum
    lambs lamb lambing lighter night nights right rights might sight stole sheets
    agreed baking bearing blessed braking cartoon cartoons circle circles faces flight
    flights fright fried lightning meadow meadows pinched recent recover revenge reuse
    roster sealing seeding shutting sinks spelled spoilt stalking stalling sushi tragic
    thirteen choke chokes gorilla lush pleas pastas protector dumpling dumplings loitering
    lettering letter letters latter meaning learning change patient patients orange murder
    serving voices strain secure terrace rubber rocket sparkling quarrel stubbed boating
    """
)

_CH, _HARD_G = "\x01", "\x02"
_SOFT_C = re.compile("c(?=[ei])")
_SOFT_G = re.compile("g(?=[ei])")
_HARD_GU = re.compile("gu(?=[ei])")
_QU = re.compile("qu(?=[ei])")


def phonetic_es(word: str) -> str:
    """A folded Spanish word as it sounds: b/v, ll/y, silent h, c/z/s, qu/k/c, g/j folded.

    >>> phonetic_es("vasura"), phonetic_es("atropeyado"), phonetic_es("insendio")
    ('basura', 'atropeyado', 'insendio')
    """
    w = _QU.sub("k", word.replace("ch", _CH)).replace("q", "k")
    w = _HARD_GU.sub(_HARD_G, w)
    w = _SOFT_G.sub("j", w).replace(_HARD_G, "g")
    w = _SOFT_C.sub("s", w).replace("c", "k").replace("z", "s")
    w = w.replace("v", "b").replace("ll", "y").replace("h", "")
    return w.replace(_CH, "ch")


def _deletions(word: str) -> list[str]:
    return [word[:i] + word[i + 1 :] for i in range(len(word))]


_KEYBOARD_ROWS = ("qwertyuiop", "asdfghjklñ", "zxcvbnm")
_VOWELS = frozenset("aeiou")


def _neighbours() -> dict[str, frozenset[str]]:
    """Letters next to each letter on a QWERTY keyboard (Spanish and English ones agree):
    beside it, and the two touching it in the row above (shifted left) and below."""
    where = {c: (row, col) for row, keys in enumerate(_KEYBOARD_ROWS) for col, c in enumerate(keys)}
    touching = {0: (-1, 1), 1: (-1, 0), -1: (0, 1)}  # row offset -> column offsets
    return {
        c: frozenset(
            d
            for d, (r2, c2) in where.items()
            if d != c and r2 - r in touching and c2 - col in touching[r2 - r]
        )
        for c, (r, col) in where.items()
    }


_NEIGHBOURS = _neighbours()


def _one_edit(a: str, b: str) -> bool:
    """Whether `a` and `b` (different words) are one slip apart: a letter missing or extra,
    two neighbours swapped, or a wrong letter that is a key next to the right one (or a
    vowel for a vowel) in a long enough word."""
    if len(a) != len(b):
        short, long_ = (a, b) if len(a) < len(b) else (b, a)
        if len(long_) - len(short) != 1:
            return False
        i = 0
        while i < len(short) and short[i] == long_[i]:
            i += 1
        return short[i:] == long_[i + 1 :]
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    if len(diff) == 2:
        i, j = diff
        return j == i + 1 and a[i] == b[j] and a[j] == b[i]
    if len(diff) != 1:
        return False
    wrong, right = a[diff[0]], b[diff[0]]
    if wrong in _VOWELS and right in _VOWELS:
        return len(a) >= MIN_VOWEL_SUBSTITUTION_LENGTH
    return right in _NEIGHBOURS.get(wrong, ()) and len(a) >= MIN_SUBSTITUTION_LENGTH


def _distance(a: str, b: str) -> int:
    """Optimal-string-alignment distance (Damerau-Levenshtein with adjacent swaps)."""
    before: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                value = min(value, before[j - 2] + 1)
            current[j] = value
        before, previous = previous, current
    return previous[-1]


class _Index:
    """Spellings (rule words, stems, or their sounds) -> match keys, and a symmetric-delete
    index of the spellings of MIN_TYPO_LENGTH letters or more."""

    def __init__(self) -> None:
        self.keys: dict[str, set[str]] = {}
        self._deleted: dict[str, set[str]] = {}  # a spelling or one deletion of it -> spellings

    def add(self, spelling: str, key: str) -> None:
        if spelling not in self.keys:
            self.keys[spelling] = set()
            if len(spelling) >= MIN_TYPO_LENGTH:
                for variant in (spelling, *_deletions(spelling)):
                    self._deleted.setdefault(variant, set()).add(spelling)
        self.keys[spelling].add(key)

    def near(self, query: str) -> list[tuple[int, str]]:
        """(distance, spelling) for the spellings a slip or two away from `query`."""
        candidates: set[str] = set()
        for variant in (query, *_deletions(query)):
            candidates.update(self._deleted.get(variant, ()))
        out: list[tuple[int, str]] = []
        for spelling in candidates:
            if spelling == query or spelling[0] != query[0]:
                continue  # people seldom get the first letter wrong; other words often differ there
            if spelling.startswith(query) or query.startswith(spelling):
                continue  # another ending is another word: barrer/barrera, sangr-e/sangr-ia
            if _one_edit(query, spelling):
                out.append((1, spelling))
            elif (
                min(len(query), len(spelling)) >= MIN_DOUBLE_TYPO_LENGTH
                and _distance(query, spelling) == 2
            ):
                out.append((2, spelling))
        return out


class TypoReader:
    """Reads tokens no rule term matches as the rule words they misspell. Deterministic."""

    def __init__(self, terms: Sequence[Term], common: Iterable[str] = COMMON_WORDS) -> None:
        function_words = ALL_STOPWORDS | NEGATIONS
        self._common = frozenset(common) | function_words
        self._words = _Index()  # rule words as written (folded), any language
        self._stems: dict[str, _Index] = {lang: _Index() for lang in LANGUAGES}
        # Spanish rule words, and their stems, as they sound.
        self._sounds, self._sound_stems = _Index(), _Index()
        for term in terms:
            if term.lang == ANY:
                continue
            stem = STEMMERS[term.lang]
            for raw in term.text.replace("+", " ").split():
                if raw.startswith("="):
                    continue  # an exact form is exact
                for word in fold_tokens(raw):
                    if not word.isalpha() or word in function_words:
                        continue
                    key = term.lang + ":" + stem(word)
                    self._words.add(word, key)
                    self._stems[term.lang].add(stem(word), key)
                    if term.lang == "es":
                        self._sounds.add(phonetic_es(word), key)
                        self._sound_stems.add(phonetic_es(stem(word)), key)
        # One reading per distinct token, the most recent kept: hostile input cannot grow it.
        self.read: Callable[[str], Reading] = lru_cache(maxsize=CACHE_SIZE)(self._read)

    def _read(self, token: str) -> Reading:
        """How `token` (which matches no term as written) reads; NO_READING for no rule word."""
        if (
            not MIN_PHONETIC_LENGTH <= len(token) <= MAX_TYPO_LENGTH
            or not token.isalpha()
            or token in self._common
        ):
            return NO_READING
        stems = {lang: STEMMERS[lang](token) for lang in LANGUAGES}
        sound, sound_stem = phonetic_es(token), phonetic_es(stems["es"])
        same = self._sounds.keys.get(sound, set())
        if len(sound_stem) >= MIN_PHONETIC_STEM_LENGTH:
            same = same | self._sound_stems.keys.get(sound_stem, set())
        if same:
            return Reading(tuple(sorted(same)))
        if len(token) < MIN_TYPO_LENGTH:
            return NO_READING
        found: list[tuple[int, str]] = []
        for index, query in (
            (self._words, token),
            (self._sounds, sound),
            (self._sound_stems, sound_stem),
            *((self._stems[lang], stem) for lang, stem in stems.items()),
        ):
            if len(query) >= MIN_TYPO_LENGTH:
                for distance, near in index.near(query):
                    found.extend((distance, key) for key in index.keys[near])
        if not found:
            return NO_READING
        best = min(distance for distance, _ in found)
        keys = tuple(sorted({key for distance, key in found if distance == best}))
        urgent = 1.0 if best == 1 and len(token) >= MIN_URGENT_FULL_LENGTH else FUZZY_WEIGHT
        return Reading(keys, FUZZY_WEIGHT, urgent)


# A street's name comes after these (Calle Alhambra, Avenida de la Constitución)...
_STREETS_BEFORE_NAME = _words(
    """calle c cl avenida avda av plaza pza paseo camino carretera ctra barrio urbanizacion
    urb travesia ronda glorieta callejon pasaje cuesta carrer placa rue"""
)
# ...or before these (Mill Lane, Station Road).
_STREETS_AFTER_NAME = _words(
    """street st road rd lane ln avenue ave close drive way crescent terrace grove gardens
    row court square"""
)
_NAME_ARTICLES = _words("de del la las los el d")
_WORD = re.compile(r"[^\W\d_]+")


def is_name(tokens: Sequence[str], position: int, text: str = "") -> bool:
    """Whether the token at `position` names a street: the word after "calle" (and "de la"),
    or before "street", "road"... unless the post (`text`, when given) writes it in lower
    case while it uses capitals: "en la plaza, basurra por el suelo". A name is never read
    as a typo."""
    before = position - 1
    while before >= 0 and tokens[before] in _NAME_ARTICLES:
        before -= 1
    street = (before >= 0 and tokens[before] in _STREETS_BEFORE_NAME) or (
        position + 1 < len(tokens) and tokens[position + 1] in _STREETS_AFTER_NAME
    )
    if not street or not text or text.islower():
        return street
    token = tokens[position]
    return not any(word.islower() and fold(word) == token for word in _WORD.findall(text))


@lru_cache(maxsize=4)
def typo_reader(terms: tuple[Term, ...]) -> TypoReader:
    """The reader of a rule set's terms, built once per set (it is read-only once built, and
    its memo is thread-safe)."""
    return TypoReader(terms)
