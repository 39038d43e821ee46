"""The local X server's posts, users, places and media, and how they render as X v2 objects."""

from __future__ import annotations

import bisect
import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from jundesk.xserver.problems import not_found_entry
from jundesk.xserver.search_query import SearchDoc, fold

FIRST_POST_ID = 1860000000000000000
FIRST_USER_ID = 1500000000000001000
FIRST_MEDIA_ID = 1870000000000000000

USERNAME = re.compile(r"[A-Za-z0-9_]{1,15}")
# One pass finds links, @mentions and #hashtags; a handle longer than 15 is no mention.
_ENTITY = re.compile(
    r"(?P<url>https?://[^\s]+[^\s.,;:!?)\"'»])"
    r"|(?<![A-Za-z0-9_@#])@(?P<mention>[A-Za-z0-9_]{1,15})(?![A-Za-z0-9_@])"
    r"|(?<![\w&#@])#(?P<tag>\w*[^\W\d]\w*)"
)

DEFAULT_TWEET_FIELDS = frozenset({"id", "text", "edit_history_tweet_ids"})


@dataclass(slots=True)
class User:
    id: str
    username: str
    name: str
    created_at: datetime
    description: str = ""
    location: str = ""
    withheld: bool = False
    tweet_count: int = 0


@dataclass(slots=True)
class Place:
    id: str
    name: str
    full_name: str
    country: str
    country_code: str
    place_type: str


@dataclass(slots=True)
class StoredPost:
    id: int
    text: str
    author_id: str
    created_at: datetime
    conversation_id: int
    lang: str
    in_reply_to_user_id: str | None = None
    referenced: tuple[tuple[str, int], ...] = ()
    mentions: tuple[tuple[int, int, str], ...] = ()
    hashtags: tuple[tuple[int, int, str], ...] = ()
    urls: tuple[tuple[int, int, str], ...] = ()
    place_id: str | None = None
    media_keys: tuple[str, ...] = ()
    deleted: bool = False
    doc: SearchDoc | None = None


@dataclass(slots=True)
class NewPost:
    """A post to add in bulk; `reply_to_index` points at an earlier post of the same batch."""

    author_username: str
    text: str
    author_name: str | None = None
    lang: str = "es"
    created_at: datetime | None = None
    reply_to: str | None = None
    reply_to_index: int | None = None
    place: str | None = None
    media: int = 0


@dataclass(slots=True)
class Fields:
    """What a request asked to see: `tweet.fields`, `expansions` and the others."""

    tweet: frozenset[str] = DEFAULT_TWEET_FIELDS
    user: frozenset[str] = frozenset()
    place: frozenset[str] = frozenset()
    media: frozenset[str] = frozenset()
    expansions: frozenset[str] = frozenset()


@dataclass(slots=True)
class Page:
    """The posts of one timeline page, newest first, and where the next page starts."""

    posts: list[StoredPost]
    next_max_id: int | None  # the next page holds ids <= this; None when nothing is left
    extra: dict[str, Any] = field(default_factory=dict)


def x_time(moment: datetime) -> str:
    """X's timestamp format: 2026-11-25T08:01:02.000Z (UTC, milliseconds)."""
    moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def _utc(moment: datetime | None, now: Callable[[], datetime]) -> datetime:
    if moment is None:
        return now()
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


class PostStore:
    """In-memory posts with mention and id indexes; callers hold the server's lock."""

    def __init__(
        self,
        *,
        town_user_id: str,
        town_handle: str,
        town_name: str,
        now: Callable[[], datetime],
    ) -> None:
        self._now = now
        self.posts: list[StoredPost] = []  # index = id - FIRST_POST_ID
        self.users: dict[str, User] = {}
        self._by_username: dict[str, str] = {}
        self._mentions: dict[str, list[int]] = {}  # lower-case username -> ascending ids
        self.places: dict[str, Place] = {}
        self._place_by_name: dict[str, str] = {}
        self._media_count = 0
        self.reply_counts: dict[int, int] = {}
        self.town = self._new_user(town_user_id, town_handle, town_name)
        self.town.description = "Cuenta oficial del Ayuntamiento. Escríbenos: te atendemos aquí."
        self.town.location = "Jun, Granada"

    # -- users, places ------------------------------------------------------------------

    def _new_user(self, user_id: str, username: str, name: str) -> User:
        if not USERNAME.fullmatch(username):
            raise ValueError(f"not a valid X username (1-15 of A-Z a-z 0-9 _): {username!r}")
        if username.lower() in self._by_username:
            raise ValueError(f"username already taken: {username!r}")
        user = User(user_id, username, name or username, self._now() - timedelta(days=900))
        self.users[user_id] = user
        self._by_username[username.lower()] = user_id
        return user

    def add_user(self, username: str, name: str | None = None) -> str:
        existing = self._by_username.get(username.lower())
        if existing is not None:
            return existing
        user_id = str(FIRST_USER_ID + len(self.users))
        return self._new_user(user_id, username, name or username).id

    def user_by_name(self, username: str) -> User | None:
        user_id = self._by_username.get(username.lower().lstrip("@"))
        return None if user_id is None else self.users[user_id]

    def place_id(self, place: str) -> str:
        """The id of a place given by id or name; an unknown name becomes a new city."""
        if place in self.places:
            return place
        known = self._place_by_name.get(place.lower())
        if known is not None:
            return known
        place_id = hashlib.sha1(place.encode()).hexdigest()[:16]
        full_name = place if "," in place else f"{place}, España"
        name = place.split(",")[0].strip()
        self.places[place_id] = Place(place_id, name, full_name, "España", "ES", "city")
        self._place_by_name[place.lower()] = place_id
        return place_id

    # -- posts ----------------------------------------------------------------------------

    def get(self, post_id: int | str) -> StoredPost | None:
        try:
            index = int(post_id) - FIRST_POST_ID
        except ValueError:
            return None
        if 0 <= index < len(self.posts):
            return self.posts[index]
        return None

    def add(
        self,
        author_username: str,
        text: str,
        *,
        author_name: str | None = None,
        lang: str = "es",
        reply_to: StoredPost | None = None,
        quote_of: StoredPost | None = None,
        created_at: datetime | None = None,
        place: str | None = None,
        media: int = 0,
        media_keys: tuple[str, ...] = (),
    ) -> StoredPost:
        """`media` placeholder photos are made up; `media_keys` are uploaded ones."""
        author_id = self.add_user(author_username, author_name)
        post_id = FIRST_POST_ID + len(self.posts)
        mentions: list[tuple[int, int, str]] = []
        hashtags: list[tuple[int, int, str]] = []
        urls: list[tuple[int, int, str]] = []
        for match in _ENTITY.finditer(text):
            kind = match.lastgroup
            value = match.group(kind or 0)
            if kind == "mention":
                mentions.append((match.start(), match.end(), value))
            elif kind == "tag":
                hashtags.append((match.start(), match.end(), value))
            else:
                urls.append((match.start(), match.end(), value))
        referenced: list[tuple[str, int]] = []
        conversation_id = post_id
        in_reply_to_user_id = None
        if reply_to is not None:
            referenced.append(("replied_to", reply_to.id))
            conversation_id = reply_to.conversation_id
            in_reply_to_user_id = reply_to.author_id
            self.reply_counts[reply_to.id] = self.reply_counts.get(reply_to.id, 0) + 1
        if quote_of is not None:
            referenced.append(("quoted", quote_of.id))
        if media:
            media_keys = (*media_keys, *(f"3_{self.new_media_id()}" for _ in range(media)))
        post = StoredPost(
            id=post_id,
            text=text,
            author_id=author_id,
            created_at=_utc(created_at, self._now),
            conversation_id=conversation_id,
            lang=lang,
            in_reply_to_user_id=in_reply_to_user_id,
            referenced=tuple(referenced),
            mentions=tuple(mentions),
            hashtags=tuple(hashtags),
            urls=tuple(urls),
            place_id=None if place is None else self.place_id(place),
            media_keys=media_keys,
        )
        self.posts.append(post)
        self.users[author_id].tweet_count += 1
        for username in {m[2].lower() for m in mentions}:
            self._mentions.setdefault(username, []).append(post_id)
        return post

    def new_media_id(self) -> int:
        """The next media id; a photo's media key is "3_<id>"."""
        media_id = FIRST_MEDIA_ID + self._media_count
        self._media_count += 1
        return media_id

    def add_bulk(self, batch: Iterable[NewPost]) -> list[str]:
        ids: list[str] = []
        added: list[StoredPost] = []
        for new in batch:
            parent = None
            if new.reply_to_index is not None:
                parent = added[new.reply_to_index]
            elif new.reply_to is not None:
                parent = self.get(new.reply_to)
                if parent is None:
                    raise ValueError(f"reply to an unknown post {new.reply_to}")
            post = self.add(
                new.author_username,
                new.text,
                author_name=new.author_name,
                lang=new.lang,
                reply_to=parent,
                created_at=new.created_at,
                place=new.place,
                media=new.media,
            )
            added.append(post)
            ids.append(str(post.id))
        return ids

    def mentions_town(self, post: StoredPost) -> bool:
        town = self.town.username.lower()
        return any(m[2].lower() == town for m in post.mentions)

    def search_doc(self, post: StoredPost) -> SearchDoc:
        if post.doc is None:
            author = self.users[post.author_id].username.lower()
            reply_to_user = ""
            if post.in_reply_to_user_id is not None:
                reply_to_user = self.users[post.in_reply_to_user_id].username.lower()
            post.doc = SearchDoc.build(
                post.text,
                author=author,
                mentions=frozenset(m[2].lower() for m in post.mentions),
                hashtags=frozenset(fold(h[2]) for h in post.hashtags),
                lang=post.lang,
                reply_to_user=reply_to_user,
                is_quote=any(kind == "quoted" for kind, _ in post.referenced),
                has_media=bool(post.media_keys),
                has_links=bool(post.urls),
                has_geo=post.place_id is not None,
                conversation_id=str(post.conversation_id),
            )
        return post.doc

    # -- timelines ------------------------------------------------------------------------

    def mention_ids(self, user: User, reach: int) -> list[int]:
        """Ascending ids of the posts mentioning `user`; only the newest `reach` count."""
        ids = self._mentions.get(user.username.lower(), [])
        return ids[-reach:] if len(ids) > reach else ids

    def page_from_ids(
        self,
        ids: list[int],
        *,
        max_results: int,
        since_id: int | None,
        max_id: int | None,
        start_time: datetime | None,
        end_time: datetime | None,
        end_inclusive: bool,
    ) -> Page:
        """Walk ascending `ids` newest first within the bounds; one page and its follow-on."""
        stop = len(ids) if max_id is None else bisect.bisect_right(ids, max_id)
        found: list[StoredPost] = []
        for position in range(stop - 1, -1, -1):
            post_id = ids[position]
            if since_id is not None and post_id <= since_id:
                break
            post = self.posts[post_id - FIRST_POST_ID]
            if post.deleted or not _in_time(post, start_time, end_time, end_inclusive):
                continue
            if len(found) == max_results:
                return Page(found, found[-1].id - 1)
            found.append(post)
        return Page(found, None)

    def search_page(
        self,
        test: Callable[[SearchDoc], bool],
        *,
        max_results: int,
        since_id: int | None,
        max_id: int | None,
        start_time: datetime | None,
        end_time: datetime | None,
    ) -> Page:
        last = len(self.posts) - 1
        if max_id is not None:
            last = min(last, max_id - FIRST_POST_ID)
        found: list[StoredPost] = []
        for index in range(last, -1, -1):
            post = self.posts[index]
            if since_id is not None and post.id <= since_id:
                break
            if post.deleted or not _in_time(post, start_time, end_time, False):
                continue
            if not test(self.search_doc(post)):
                continue
            if len(found) == max_results:
                return Page(found, found[-1].id - 1)
            found.append(post)
        return Page(found, None)

    # -- rendering ------------------------------------------------------------------------

    def render_tweet(
        self, post: StoredPost, fields: frozenset[str], base_url: str
    ) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": str(post.id),
            "text": post.text,
            "edit_history_tweet_ids": [str(post.id)],
        }
        if "author_id" in fields:
            out["author_id"] = post.author_id
        if "created_at" in fields:
            out["created_at"] = x_time(post.created_at)
        if "conversation_id" in fields:
            out["conversation_id"] = str(post.conversation_id)
        if "in_reply_to_user_id" in fields and post.in_reply_to_user_id is not None:
            out["in_reply_to_user_id"] = post.in_reply_to_user_id
        if "referenced_tweets" in fields and post.referenced:
            out["referenced_tweets"] = [{"type": t, "id": str(i)} for t, i in post.referenced]
        if "lang" in fields:
            out["lang"] = post.lang
        if "entities" in fields:
            entities = self._entities(post)
            if entities:
                out["entities"] = entities
        if "geo" in fields and post.place_id is not None:
            out["geo"] = {"place_id": post.place_id}
        if "attachments" in fields and post.media_keys:
            out["attachments"] = {"media_keys": list(post.media_keys)}
        if "possibly_sensitive" in fields:
            out["possibly_sensitive"] = False
        if "reply_settings" in fields:
            out["reply_settings"] = "everyone"
        if "public_metrics" in fields:
            replies = self.reply_counts.get(post.id, 0)
            out["public_metrics"] = {
                "retweet_count": 0,
                "reply_count": replies,
                "like_count": 0,
                "quote_count": 0,
                "bookmark_count": 0,
                "impression_count": 40 + 7 * replies + post.id % 97,
            }
        if "edit_controls" in fields:
            out["edit_controls"] = {
                "edits_remaining": 5,
                "is_edit_eligible": True,
                "editable_until": x_time(post.created_at + timedelta(hours=1)),
            }
        return out

    def _entities(self, post: StoredPost) -> dict[str, Any]:
        entities: dict[str, Any] = {}
        if post.mentions:
            mentions = []
            for start, end, username in post.mentions:
                entry: dict[str, Any] = {"start": start, "end": end, "username": username}
                user = self.user_by_name(username)
                if user is not None:
                    entry["id"] = user.id
                mentions.append(entry)
            entities["mentions"] = mentions
        if post.hashtags:
            entities["hashtags"] = [
                {"start": start, "end": end, "tag": tag} for start, end, tag in post.hashtags
            ]
        if post.urls:
            entities["urls"] = [
                {
                    "start": start,
                    "end": end,
                    "url": url,
                    "expanded_url": url,
                    "display_url": url.split("://", 1)[1][:26],
                }
                for start, end, url in post.urls
            ]
        return entities

    def render_user(self, user: User, fields: frozenset[str], base_url: str) -> dict[str, Any]:
        out: dict[str, Any] = {"id": user.id, "name": user.name, "username": user.username}
        if "created_at" in fields:
            out["created_at"] = x_time(user.created_at)
        if "description" in fields:
            out["description"] = user.description
        if "location" in fields and user.location:
            out["location"] = user.location
        if "profile_image_url" in fields:
            out["profile_image_url"] = f"{base_url}/media/u{user.id}.png"
        if "protected" in fields:
            out["protected"] = False
        if "verified" in fields:
            out["verified"] = user is self.town
        if "verified_type" in fields:
            out["verified_type"] = "government" if user is self.town else "none"
        if "public_metrics" in fields:
            out["public_metrics"] = {
                "followers_count": 3100 if user is self.town else 40 + int(user.id) % 300,
                "following_count": 120 + int(user.id) % 200,
                "tweet_count": user.tweet_count,
                "listed_count": 0,
                "like_count": 0,
            }
        return out

    def render_place(self, place: Place, fields: frozenset[str]) -> dict[str, Any]:
        out: dict[str, Any] = {"id": place.id, "full_name": place.full_name}
        if "name" in fields:
            out["name"] = place.name
        if "country" in fields:
            out["country"] = place.country
        if "country_code" in fields:
            out["country_code"] = place.country_code
        if "place_type" in fields:
            out["place_type"] = place.place_type
        if "geo" in fields:
            out["geo"] = {
                "type": "Feature",
                "bbox": [-3.6106, 37.2081, -3.5802, 37.2306],  # around Jun, Granada
                "properties": {},
            }
        return out

    def render_media(self, key: str, fields: frozenset[str], base_url: str) -> dict[str, Any]:
        out: dict[str, Any] = {"media_key": key, "type": "photo"}
        if "url" in fields:
            out["url"] = f"{base_url}/media/{key}.png"
        if "width" in fields:
            out["width"] = 1200
        if "height" in fields:
            out["height"] = 900
        if "alt_text" in fields:
            out["alt_text"] = "Foto enviada por un vecino"
        return out

    def render_page(
        self, posts: list[StoredPost], fields: Fields, base_url: str
    ) -> tuple[list[dict[str, Any]], dict[str, Any], list[dict[str, Any]]]:
        """Data, includes and partial errors for these posts, as X expands them."""
        data = [self.render_tweet(post, fields.tweet, base_url) for post in posts]
        expansions = fields.expansions
        user_ids: dict[str, str] = {}  # id -> the parameter that asked for it
        tweet_ids: list[int] = []
        place_ids: list[str] = []
        media_keys: list[str] = []
        errors: list[dict[str, Any]] = []

        def want_user(user_id: str | None, parameter: str) -> None:
            if user_id is not None and user_id not in user_ids:
                user_ids[user_id] = parameter

        for post in posts:
            if "author_id" in expansions:
                want_user(post.author_id, "author_id")
            if "in_reply_to_user_id" in expansions:
                want_user(post.in_reply_to_user_id, "in_reply_to_user_id")
            if "entities.mentions.username" in expansions:
                for _, _, username in post.mentions:
                    user = self.user_by_name(username)
                    if user is not None:
                        want_user(user.id, "entities.mentions.username")
            if "referenced_tweets.id" in expansions:
                tweet_ids.extend(i for _, i in post.referenced if i not in tweet_ids)
            if "geo.place_id" in expansions and post.place_id and post.place_id not in place_ids:
                place_ids.append(post.place_id)
            if "attachments.media_keys" in expansions:
                media_keys.extend(post.media_keys)

        tweets = []
        for tweet_id in tweet_ids:
            ref = self.get(tweet_id)
            if ref is None or ref.deleted:
                errors.append(not_found_entry("tweet", "referenced_tweets.id", str(tweet_id)))
                continue
            tweets.append(self.render_tweet(ref, fields.tweet, base_url))
            if "referenced_tweets.id.author_id" in expansions:
                want_user(ref.author_id, "referenced_tweets.id.author_id")
            if "referenced_tweets.id.attachments.media_keys" in expansions:
                media_keys.extend(ref.media_keys)

        users = []
        for user_id, parameter in user_ids.items():
            user = self.users[user_id]
            if user.withheld:
                errors.append(not_found_entry("user", parameter, user_id))
            else:
                users.append(self.render_user(user, fields.user, base_url))

        includes: dict[str, Any] = {}
        if users:
            includes["users"] = users
        if tweets:
            includes["tweets"] = tweets
        if place_ids:
            includes["places"] = [
                self.render_place(self.places[p], fields.place) for p in place_ids
            ]
        if media_keys:
            includes["media"] = [
                self.render_media(key, fields.media, base_url) for key in dict.fromkeys(media_keys)
            ]
        return data, includes, errors

    def full_fields(self) -> Fields:
        return Fields(
            tweet=frozenset(
                {
                    "id",
                    "text",
                    "edit_history_tweet_ids",
                    "author_id",
                    "created_at",
                    "conversation_id",
                    "in_reply_to_user_id",
                    "referenced_tweets",
                    "lang",
                    "entities",
                    "geo",
                    "attachments",
                }
            )
        )


def _in_time(
    post: StoredPost, start: datetime | None, end: datetime | None, end_inclusive: bool
) -> bool:
    if start is not None and post.created_at < start:
        return False
    if end is not None:
        if end_inclusive:
            return post.created_at <= end
        return post.created_at < end
    return True
