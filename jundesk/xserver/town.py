"""A seeded, deterministic day of posts to the town of Jun's account, and big backlogs.

`TownDay` plans the day (who writes what, when, with the label a perfect triage would
give); `TownSimulator` plays it into an `XServer`, instantly or in (scaled) real time;
`backlog` makes many varied posts fast for load tests. Texts live in resources/demo/.
"""

from __future__ import annotations

import functools
import itertools
import random
import re
import threading
import time
import tomllib
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from typing import Any, Literal, Protocol

from jundesk.core.x_text import MAX_WEIGHTED_LENGTH, weighted_length
from jundesk.paths import RESOURCES
from jundesk.xserver.posts import NewPost
from jundesk.xserver.server import XServer

DEMO = RESOURCES / "demo"
DAY_SECONDS = 86_400
_TOWN = "\x00"  # stands for the @mention while a text is being roughened
_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"


@dataclass(frozen=True, slots=True)
class Expected:
    """The label a perfect triage gives the case a post belongs to."""

    role: str  # police | street_cleaning | lighting | unrouted
    priority: str  # urgent | high | normal | low


@dataclass(frozen=True, slots=True)
class ScheduledPost:
    """One post of the simulated day (or backlog), in time order.

    `reply_to` is the index of an earlier post of the same schedule (a reply in the
    author's own thread); `case` groups posts about the same matter (a thread, and other
    neighbours reporting the same thing); `kind` is report, witness, detail or resolved.
    """

    index: int
    offset: int  # seconds from the start of the day (local midnight) or of the backlog
    handle: str
    name: str
    text: str
    lang: str
    reply_to: int | None
    expected: Expected
    kind: str
    case: int
    category: str
    media: int = 0
    place: str | None = None


@dataclass(frozen=True, slots=True)
class _Category:
    id: str
    expected: Expected
    weight: float
    hours: tuple[int, ...]
    witness_max: int
    witness_chance: float
    detail: float
    resolved: float
    media: float
    texts: dict[str, tuple[str, ...]]


@dataclass(frozen=True, slots=True)
class _Person:
    handle: str
    name: str
    lang: str


@dataclass(frozen=True)
class _TownData:
    town: dict[str, Any]
    languages: dict[str, float]
    activity: tuple[float, ...]
    slots: dict[str, list[str]]
    people: dict[str, dict[str, list[str]]]
    cast: dict[str, int]
    emoji: dict[str, list[str]]
    categories: tuple[_Category, ...]
    followups: dict[str, dict[str, dict[str, list[str]]]]


@functools.cache
def _data() -> _TownData:
    with open(DEMO / "town.toml", "rb") as file:
        town = tomllib.load(file)
    with open(DEMO / "reports.toml", "rb") as file:
        reports = tomllib.load(file)
    categories = []
    for raw in reports["category"]:
        hours = sorted({h for start, end in raw["hours"] for h in range(start, end)})
        categories.append(
            _Category(
                id=raw["id"],
                expected=Expected(raw["role"], raw["priority"]),
                weight=raw["weight"],
                hours=tuple(hours),
                witness_max=raw["witnesses"][0],
                witness_chance=raw["witnesses"][1],
                detail=raw["detail"],
                resolved=raw["resolved"],
                media=raw["media"],
                texts={
                    lang: tuple(raw[lang]) for lang in ("es", "en", "fr", "ca") if raw.get(lang)
                },
            )
        )
    return _TownData(
        town=town["town"],
        languages=town["languages"],
        activity=tuple(town["activity"]["hours"]),
        slots=town["slots"],
        people=town["people"],
        cast=town["cast"],
        emoji=town["emoji"],
        categories=tuple(categories),
        followups=reports["followups"],
    )


def _ascii(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


_VOWEL_ACCENTS = str.maketrans("áéíóúÁÉÍÓÚ", "aeiouAEIOU")
_ABBREVIATIONS = (
    (re.compile(r"\bque\b"), "q"),
    (re.compile(r"\bporque\b"), "xq"),
    (re.compile(r"\bpor favor\b", re.IGNORECASE), "porfa"),
    (re.compile(r"\bpor\b"), "x"),
    (re.compile(r"\btambién\b"), "tb"),
    (re.compile(r"\bde\b"), "d"),
)
_LONG_WORD = re.compile(r"[^\W\d_]{5,}")
_CONTRACTIONS = re.compile(r"\b(de|a) el\b")
_GREETING = re.compile(r"(?i)(buenas|buenos|hola|hi|hello|good morning|bonjour|bon dia)\b")


def _cast(rng: random.Random, data: _TownData, scale: int = 1) -> dict[str, list[_Person]]:
    """Neighbours who write, per language; the first ones of each list write the most."""
    taken: set[str] = {data.town["handle"].lower()}
    cast: dict[str, list[_Person]] = {}
    for lang, count in data.cast.items():
        names = data.people[lang]
        people = []
        for _ in range(count * scale):
            first = rng.choice(names["first"])
            last = rng.choice(names["last"])
            name = f"{first} {last}{rng.choice(names['name_suffixes'])}"
            a, b = _ascii(first).replace(" ", ""), _ascii(last).replace(" ", "")
            nn = rng.randint(1, 99)
            pattern = rng.choice(
                (
                    f"{a}{b}",
                    f"{a}_{b}",
                    f"{a}{b[:3]}{nn}",
                    f"{a}jun{nn}",
                    f"{b}{a[0]}",
                    f"{a}{rng.randint(60, 99)}",
                    f"{a.lower()}_{b.lower()[:4]}",
                )
            )
            handle = re.sub(r"[^A-Za-z0-9_]", "", pattern)[:15]
            while handle.lower() in taken:
                handle = handle[:12] + str(rng.randint(100, 999))
            taken.add(handle.lower())
            people.append(_Person(handle, name, lang))
        cast[lang] = people
    return cast


def _hhmm(offset: int) -> str:
    """The local time of day of an offset, as people write it in a post."""
    hour, minute = divmod(offset // 60 % (24 * 60), 60)
    return f"{hour:02d}:{minute:02d}"


class _Writer:
    """Turns templates into what people really type: slots, typos, emoji, the @mention."""

    def __init__(self, rng: random.Random, data: _TownData, town_handle: str) -> None:
        self.rng = rng
        self.data = data
        self.mention = "@" + town_handle

    def slots(self, offset: int, lang: str) -> dict[str, str]:
        rng, slots = self.rng, self.data.slots
        street, street2 = rng.sample(slots["streets"], 2)
        spot = rng.randrange(len(slots["spots"]))
        return {
            "street": street,
            "street2": street2,
            "spot": self.spot(spot, lang),
            "spot_index": str(spot),
            "num": str(rng.randint(1, 64)),
            "time": _hhmm(offset),
            "dog": rng.choice(slots["dogs"]),
            "car": rng.choice(slots["cars"]),
            "town": _TOWN,
        }

    def spot(self, index: int, lang: str) -> str:
        """A landmark in the post's language; names without a translation stay Spanish."""
        translated = self.data.slots.get(f"spots_{lang}", [])
        return translated[index] if index < len(translated) else self.data.slots["spots"][index]

    def body(self, template: str, slots: dict[str, str], lang: str, urgent: bool) -> str:
        text = template.format_map(slots)
        if lang == "es":  # "de" + "el parque" is "del parque"
            text = _CONTRACTIONS.sub(lambda m: "del" if m.group(1) == "de" else "al", text)
        return self.roughen(text, lang, urgent)

    def roughen(self, text: str, lang: str, urgent: bool) -> str:
        rng = self.rng
        if lang == "es":
            if rng.random() < 0.35:
                text = text.translate(_VOWEL_ACCENTS)  # people drop accents, keep the ñ
            if rng.random() < 0.15:
                for pattern, short in rng.sample(_ABBREVIATIONS, 3):
                    text = pattern.sub(short, text)
            if text.endswith("?") and ". " not in text and rng.random() < 0.3:
                text = "¿" + text
        if rng.random() < 0.12:
            text = self._typo(text)
        if urgent and rng.random() < 0.15:
            text = text.upper()
        elif rng.random() < 0.1:
            text = text.lower()
        if text.endswith("!") and rng.random() < 0.3:
            text += "!!"
        elif text.endswith("?") and rng.random() < 0.2:
            text += "??"
        return text

    def _typo(self, text: str) -> str:
        words = list(_LONG_WORD.finditer(text))
        if not words:
            return text
        word = self.rng.choice(words)
        i = self.rng.randrange(word.start() + 1, word.end() - 1)
        if self.rng.random() < 0.5:
            return text[:i] + text[i + 1] + text[i] + text[i + 2 :]  # swapped letters
        return text[:i] + text[i + 1 :]  # a letter missing

    def finish(self, body: str, role: str, lang: str, *, reply: bool, media: bool) -> str:
        """Add the @mention where people put it, and emoji, hashtags or a link."""
        rng = self.rng
        extras = []
        if rng.random() < 0.3:
            extras.append("".join(rng.choices(self.data.emoji[role], k=rng.choice((1, 1, 2, 3)))))
        if rng.random() < 0.2:
            extras.append(rng.choice(self.data.town["hashtags"]))
        if media or rng.random() < 0.04:
            # X appends a t.co link for an attached photo; some posts carry other links.
            extras.append("https://t.co/" + "".join(rng.choices(_LETTERS, k=10)))
        if _TOWN in body:
            text = body.replace(_TOWN, self.mention)
        elif reply:
            text = f"{self.mention} {body}"
        else:
            roll = rng.random()
            if roll < 0.55:
                text = f"{self.mention} {body}"
            elif roll < 0.85:
                text = f"{body} {self.mention}"
            elif _GREETING.match(body):
                text = f"{self.mention} {body}"
            else:
                hello = {"es": "Buenas", "en": "Hi", "fr": "Bonjour", "ca": "Bon dia"}[lang]
                text = f"{hello} {self.mention}, {body[:1].lower()}{body[1:]}"
        for extra in extras:
            if weighted_length(f"{text} {extra}") <= MAX_WEIGHTED_LENGTH:
                text = f"{text} {extra}"
        return text


@dataclass
class _Draft:
    offset: int
    person: _Person
    lang: str
    text: str
    reply_to: int | None  # index into the draft list
    category: _Category
    kind: str
    case: int
    media: int
    place: str | None


class TownDay:
    """A planned day of posts to the town account; the same seed gives the same day."""

    def __init__(
        self,
        seed: int = 0,
        posts: int = 150,
        *,
        day: date | None = None,
        town_handle: str | None = None,
    ) -> None:
        data = _data()
        self.seed = seed
        self.town_handle = town_handle or data.town["handle"]
        self.date = day or date.fromisoformat(data.town["date"])
        self.start = datetime(self.date.year, self.date.month, self.date.day, tzinfo=_town_tz())
        self.schedule: list[ScheduledPost] = _plan(seed, posts, self.town_handle)

    def created_at(self, post: ScheduledPost) -> datetime:
        """The post's time on the simulated day (aware, UTC)."""
        return (self.start + timedelta(seconds=post.offset)).astimezone(UTC)

    def __len__(self) -> int:
        return len(self.schedule)


def _town_tz() -> tzinfo:
    data = _data()
    try:
        from zoneinfo import ZoneInfo

        return ZoneInfo(data.town["timezone"])
    except Exception:  # no tz database (Windows without tzdata): a fixed offset will do
        return timezone(timedelta(hours=data.town["utc_offset_hours"]))


def _plan(seed: int, total: int, town_handle: str) -> list[ScheduledPost]:
    rng = random.Random(seed)
    data = _data()
    writer = _Writer(rng, data, town_handle)
    cast = _cast(rng, data)
    fame = {lang: [1 / (i + 1) ** 0.8 for i in range(len(p))] for lang, p in cast.items()}
    languages = list(data.languages)
    language_weights = [data.languages[lang] for lang in languages]
    categories = data.categories
    category_weights = [c.weight for c in categories]
    drafts: list[_Draft] = []
    case = 0

    def person_for(lang: str, avoid: _Person | None = None) -> _Person:
        while True:
            person = rng.choices(cast[lang], fame[lang])[0]
            if person is not avoid:
                return person

    while len(drafts) < total:
        case += 1
        category = rng.choices(categories, category_weights)[0]
        role = category.expected.role
        urgent = category.expected.priority == "urgent"
        lang = rng.choices(languages, language_weights)[0]
        if lang not in category.texts:
            lang = "es"
        person = person_for(lang)
        hour = rng.choices(category.hours, [data.activity[h] for h in category.hours])[0]
        offset = hour * 3600 + rng.randrange(3600)
        slots = writer.slots(offset, lang)
        media = 1 if rng.random() < category.media else 0
        place = rng.choice(data.town["places"]) if rng.random() < 0.1 else None
        template = rng.choice(category.texts[lang])
        body = writer.body(template, slots, lang, urgent)
        report = len(drafts)
        drafts.append(
            _Draft(
                offset,
                person,
                lang,
                writer.finish(body, role, lang, reply=False, media=bool(media)),
                None,
                category,
                "report",
                case,
                media,
                place,
            )
        )

        # Other neighbours who see the same thing (several report the same lantern).
        if category.witness_max and rng.random() < category.witness_chance:
            for _ in range(rng.randint(1, category.witness_max)):
                w_lang = rng.choices(languages, language_weights)[0]
                if w_lang not in category.texts:
                    w_lang = "es"
                w_offset = offset + rng.randint(60, 90 * 60)
                if w_offset >= DAY_SECONDS:  # tomorrow is another day
                    continue
                f_lang, witness = _followups(data, category, w_lang)
                if witness.get("witness") and rng.random() < 0.35:
                    w_lang, w_template = f_lang, rng.choice(witness["witness"])
                else:
                    w_template = rng.choice(category.texts[w_lang])
                # The same street, number and spot as the first report, in the witness's words.
                w_slots = {
                    **slots,
                    "spot": writer.spot(int(slots["spot_index"]), w_lang),
                    "time": _hhmm(w_offset),
                }
                w_body = writer.body(w_template, w_slots, w_lang, urgent)
                w_media = 1 if rng.random() < category.media else 0
                drafts.append(
                    _Draft(
                        w_offset,
                        person_for(w_lang, avoid=person),
                        w_lang,
                        writer.finish(w_body, role, w_lang, reply=False, media=bool(w_media)),
                        None,
                        category,
                        "witness",
                        case,
                        w_media,
                        None,
                    )
                )

        # The author's own thread: a detail, then "it's sorted, thanks".
        last, last_offset = report, offset
        f_lang, follow = _followups(data, category, lang)
        for kind, chance, gap in (
            ("detail", category.detail, (60, 20 * 60)),
            ("resolved", category.resolved, (10 * 60, (90 if urgent else 300) * 60)),
        ):
            if not follow.get(kind) or rng.random() >= chance:
                continue
            f_offset = last_offset + rng.randint(*gap)
            if f_offset >= DAY_SECONDS:
                break
            f_slots = {**slots, "time": _hhmm(f_offset)}
            f_body = writer.body(rng.choice(follow[kind]), f_slots, f_lang, False)
            f_media = 1 if kind == "detail" and "foto" in f_body.lower() else 0
            drafts.append(
                _Draft(
                    f_offset,
                    person,
                    f_lang,
                    writer.finish(f_body, role, f_lang, reply=True, media=bool(f_media)),
                    last,
                    category,
                    kind,
                    case,
                    f_media,
                    None,
                )
            )
            last, last_offset = len(drafts) - 1, f_offset

    # Cut in the order drafted, so a follow-up never outlives its parent; then by time.
    order = sorted(range(min(total, len(drafts))), key=lambda i: (drafts[i].offset, i))
    position = {draft_index: new for new, draft_index in enumerate(order)}
    schedule = []
    for new, i in enumerate(order):
        d = drafts[i]
        schedule.append(
            ScheduledPost(
                index=new,
                offset=d.offset,
                handle=d.person.handle,
                name=d.person.name,
                text=d.text,
                lang=d.lang,
                reply_to=None if d.reply_to is None else position[d.reply_to],
                expected=d.category.expected,
                kind=d.kind,
                case=d.case,
                category=d.category.id,
                media=d.media,
                place=d.place,
            )
        )
    return schedule


def _followups(data: _TownData, category: _Category, lang: str) -> tuple[str, dict[str, list[str]]]:
    """Follow-up texts for the category (else its role and priority, else its role) in
    `lang`, or in Spanish, which the town's foreigners also write."""
    expected = category.expected
    for key in (category.id, f"{expected.role}_{expected.priority}", expected.role):
        by_lang = data.followups.get(key)
        if by_lang:
            if lang in by_lang:
                return lang, by_lang[lang]
            if "es" in by_lang:
                return "es", by_lang["es"]
    return "es", {}


# -- playing a day into a server ------------------------------------------------------------


def to_new_posts(
    posts: Sequence[ScheduledPost],
    start: datetime,
    *,
    posted: dict[int, str] | None = None,
    seconds_per_offset: float = 1.0,
) -> list[NewPost]:
    """Server-ready posts: created at `start` + offset x `seconds_per_offset`.

    A reply to a post of the same batch refers to it by batch position; one to a post
    already on the server, by its id in `posted` (schedule index -> post id).
    """
    batch_position = {post.index: i for i, post in enumerate(posts)}
    posted = posted or {}
    out = []
    for post in posts:
        reply_to = reply_to_index = None
        if post.reply_to is not None:
            if post.reply_to in batch_position:
                reply_to_index = batch_position[post.reply_to]
            else:
                reply_to = posted.get(post.reply_to)
        out.append(
            NewPost(
                author_username=post.handle,
                text=post.text,
                author_name=post.name,
                lang=post.lang,
                created_at=start + timedelta(seconds=post.offset * seconds_per_offset),
                reply_to=reply_to,
                reply_to_index=reply_to_index,
                place=post.place,
                media=post.media,
            )
        )
    return out


class TownServer(Protocol):
    """Where the day's posts go: the local X server, or the town's servers of every channel
    (jundesk.localserver.town.TownChannels)."""

    def add_post(
        self,
        author_username: str,
        text: str,
        *,
        lang: str = "es",
        reply_to: str | None = None,
        created_at: datetime | None = None,
        place: str | None = None,
        media: int = 0,
        author_name: str | None = None,
    ) -> str: ...

    def add_posts_bulk(self, posts: Iterable[NewPost]) -> list[str]: ...


class TownSimulator:
    """Plays a TownDay into an XServer (or any TownServer): some posts at once, the rest as
    the day goes by.

    `speed` divides the day's time: 60 plays one simulated minute per second.
    With timestamps="real", posts are dated on the real clock (what an app measuring
    response times wants); with "simulated", on the simulated day.
    """

    def __init__(
        self,
        server: TownServer,
        day: TownDay,
        speed: float = 1.0,
        *,
        timestamps: Literal["real", "simulated"] = "real",
        clock: Callable[[], float] = time.time,
    ) -> None:
        if speed <= 0:
            raise ValueError("speed must be positive")
        self.server = server
        self.day = day
        self.speed = speed
        self.timestamps = timestamps
        self._clock = clock
        self.posted: dict[int, str] = {}  # schedule index -> post id on the server
        self._next = 0
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def remaining(self) -> int:
        with self._lock:
            return len(self.day.schedule) - self._next

    def preload(self, n: int | None = None) -> list[str]:
        """Put the next `n` posts (all if None) on the server now; returns their ids."""
        with self._lock:
            schedule = self.day.schedule
            batch = schedule[self._next : len(schedule) if n is None else self._next + n]
            if not batch:
                return []
            if self.timestamps == "simulated":
                new_posts = to_new_posts(batch, self.day.start, posted=self.posted)
            else:
                # Dated backwards from now, the same gaps as the day, scaled by speed.
                now = datetime.fromtimestamp(self._clock(), UTC)
                start = now - timedelta(seconds=batch[-1].offset / self.speed)
                new_posts = to_new_posts(
                    batch, start, posted=self.posted, seconds_per_offset=1 / self.speed
                )
            ids = self.server.add_posts_bulk(new_posts)
            for post, post_id in zip(batch, ids, strict=True):
                self.posted[post.index] = post_id
            self._next += len(batch)
            return ids

    def start(self) -> TownSimulator:
        if self._thread is not None:
            return self
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="town-simulator", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def wait(self, timeout: float | None = None) -> bool:
        """Wait for the day to be played out; True when every post is on the server."""
        thread = self._thread
        if thread is not None:
            thread.join(timeout)
        return self.remaining == 0

    def __enter__(self) -> TownSimulator:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _run(self) -> None:
        schedule = self.day.schedule
        with self._lock:
            if self._next >= len(schedule):
                return
            # The clock resumes where the preloaded posts left off.
            anchor_offset = schedule[self._next - 1 if self._next else 0].offset
        anchor_real = self._clock()
        while not self._stop.is_set():
            with self._lock:
                if self._next >= len(schedule):
                    return
                post = schedule[self._next]
            due = anchor_real + (post.offset - anchor_offset) / self.speed
            delay = due - self._clock()
            if delay > 0 and self._stop.wait(delay):
                return
            with self._lock:
                if self.timestamps == "simulated":
                    created_at = self.day.created_at(post)
                else:
                    created_at = datetime.fromtimestamp(max(due, anchor_real), UTC)
                parent = None if post.reply_to is None else self.posted.get(post.reply_to)
                self.posted[post.index] = self.server.add_post(
                    post.handle,
                    post.text,
                    lang=post.lang,
                    reply_to=parent,
                    created_at=created_at,
                    place=post.place,
                    media=post.media,
                    author_name=post.name,
                )
                self._next += 1


# -- backlogs -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Pool:
    category: str
    expected: Expected
    lang: str
    bodies: tuple[str, ...]  # roughened, with the mention and extras already in place
    suffixes: tuple[str, ...]  # "" mostly; emoji, hashtags: multiplies the variety
    people: tuple[_Person, ...]
    followups: tuple[str, ...]


@functools.lru_cache(maxsize=4)
def _pools(seed: int, town_handle: str) -> tuple[tuple[_Pool, ...], tuple[float, ...]]:
    """Pre-written texts per category and language; a backlog then only picks and joins."""
    rng = random.Random(seed ^ 0x5EED)
    data = _data()
    writer = _Writer(rng, data, town_handle)
    cast = _cast(rng, data, scale=40)
    pools = []
    cum_weights = []
    total = 0.0
    for category in data.categories:
        role = category.expected.role
        urgent = category.expected.priority == "urgent"
        for lang, templates in category.texts.items():
            bodies = []
            for _ in range(60 * len(templates)):
                offset = rng.choice(category.hours) * 3600 + rng.randrange(3600)
                slots = writer.slots(offset, lang)
                body = writer.body(rng.choice(templates), slots, lang, urgent)
                bodies.append(writer.finish(body, role, lang, reply=False, media=False))
            f_lang, follow = _followups(data, category, lang)
            followups = []
            if f_lang == lang:  # a follow-up keeps its thread's language
                for _ in range(40):
                    kind = rng.choice(("detail", "resolved"))
                    if follow.get(kind):
                        slots = writer.slots(rng.randrange(DAY_SECONDS), lang)
                        body = writer.body(rng.choice(follow[kind]), slots, lang, False)
                        followups.append(writer.finish(body, role, lang, reply=True, media=False))
            emoji = data.emoji[role]
            suffixes = [""] * 12 + [" " + tag for tag in data.town["hashtags"]]
            suffixes += [" " + a + b for a in emoji for b in ("", "", *emoji)]
            pools.append(
                _Pool(
                    category.id,
                    category.expected,
                    lang,
                    tuple(b for b in bodies if weighted_length(b) <= MAX_WEIGHTED_LENGTH - 8),
                    tuple(suffixes),
                    tuple(cast[lang]),
                    tuple(followups),
                )
            )
            total += category.weight * data.languages[lang]
            cum_weights.append(total)
    return tuple(pools), tuple(cum_weights)


def backlog(
    n: int,
    seed: int = 0,
    *,
    days: float = 30.0,
    town_handle: str = "AytoJun",
    reply_share: float = 0.08,
) -> list[ScheduledPost]:
    """`n` varied posts spread over `days` (offsets from the backlog's start), fast.

    Texts come from the same templates as the day, pre-written once per seed and then
    combined; about `reply_share` of them are follow-ups in their author's thread.
    """
    pools, cum_weights = _pools(seed, town_handle)
    rng = random.Random(seed)
    chosen = rng.choices(pools, cum_weights=cum_weights, k=n)
    step = days * DAY_SECONDS / max(n, 1)
    random_ = rng.random
    last_root: dict[str, int] = {}
    out: list[ScheduledPost] = []
    append = out.append
    for index, pool in zip(itertools.count(), chosen):
        person = pool.people[int(random_() * len(pool.people))]
        offset = int(index * step + random_() * step)
        parent = last_root.get(person.handle)
        if parent is not None and pool.followups and random_() < reply_share:
            root = out[parent]
            append(
                ScheduledPost(
                    index,
                    offset,
                    person.handle,
                    person.name,
                    pool.followups[int(random_() * len(pool.followups))],
                    pool.lang,
                    parent,
                    root.expected,
                    "detail",
                    root.case,
                    root.category,
                )
            )
            continue
        append(
            ScheduledPost(
                index,
                offset,
                person.handle,
                person.name,
                pool.bodies[int(random_() * len(pool.bodies))]
                + pool.suffixes[int(random_() * len(pool.suffixes))],
                pool.lang,
                None,
                pool.expected,
                "report",
                index,
                pool.category,
            )
        )
        last_root[person.handle] = index
    return out


def load_backlog(
    server: XServer, posts: Sequence[ScheduledPost], start: datetime | None = None
) -> list[str]:
    """Add a backlog to the server in one go; by default it ends now."""
    if start is None:
        span = posts[-1].offset + 1 if posts else 0
        start = datetime.now(UTC) - timedelta(seconds=span)
    return server.add_posts_bulk(to_new_posts(posts, start))
