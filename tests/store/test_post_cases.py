"""A post's case is read from its case_posts links: after merges (which link the merged
case's posts to the case kept too) it is still the case the post came in with, and the
lookups that follow merges still end in the case kept."""

from __future__ import annotations

from collections.abc import Callable

from jundesk.core.events import make_event
from jundesk.core.model import Actor, Event, EventKind, Post
from jundesk.store import Store
from jundesk.store.column_types import id_to_stored
from jundesk.store.post_cases import home_cases

DESK = Actor("front_desk", "Lola")
Ingest = Callable[..., tuple[str, Post]]


def _merge(other_id: str, keep_id: str, post_ids: list[str]) -> list[Event]:
    """The events of merging `other_id` into `keep_id`, as actions.merge writes them."""
    return [
        make_event(other_id, EventKind.MERGED, DESK, into=keep_id),
        make_event(keep_id, EventKind.ABSORBED, DESK, source_case=other_id, post_ids=post_ids),
    ]


def test_a_merged_case_s_posts_keep_their_own_case_and_lead_to_the_kept_one(
    store: Store, ingest: Ingest, make_post: Callable[..., Post]
) -> None:
    first, first_post = ingest("La farola de la calle Real está rota")
    second, second_post = ingest("Farola rota en la calle Real", handle="otra")
    third, third_post = ingest("Sigue la farola rota", handle="tercera")
    store.append_events(_merge(third, second, [third_post.id]))
    store.append_events(_merge(second, first, [second_post.id, third_post.id]))
    loose = make_post("Un perro suelto en el parque", handle="paseante")
    with store.unit() as uow:
        uow.add_posts([loose], [None])

    # The kept case lists every post; each post still names the case it came in with.
    assert [p.id for p in store.case_posts(first)] == [first_post.id, second_post.id, third_post.id]
    assert [p.id for p in store.case_posts(third)] == [third_post.id]
    assert [(p.id, case) for p, case in store.unpushed_posts(10)] == [
        (first_post.id, first),
        (second_post.id, second),
        (third_post.id, third),
        (loose.id, None),
    ]
    assert [(p.id, case) for p, case in store.posts_by_author("otra")] == [(second_post.id, second)]
    assert [(p.id, case) for p, case in store.posts_by_author("paseante")] == [(loose.id, None)]
    assert store.posts_of_source_ids("x", [third_post.source_id, loose.source_id]) == {
        third: [third_post.id]
    }
    # Intake's lookups follow the merges to the case kept.
    with store.unit() as uow:
        assert uow.cases_for_source_ids(
            "x", [first_post.source_id, third_post.source_id, loose.source_id]
        ) == {first_post.source_id: first, third_post.source_id: first}
        assert uow.cases_for_conversations("x", [third_post.conversation_id]) == {
            third_post.conversation_id: first
        }


def test_a_half_known_merge_names_the_oldest_case(store: Store, ingest: Ingest) -> None:
    """The case kept absorbed the post, but the merged case's own event hasn't come (from
    the hub): the older case row stands in until it does."""
    first, _ = ingest()
    second, second_post = ingest("Otra farola rota")
    store.append_events(
        [make_event(first, EventKind.ABSORBED, DESK, source_case=second, post_ids=[second_post.id])]
    )
    [(_, named)] = [(p, c) for p, c in store.unpushed_posts(10) if p.id == second_post.id]
    assert named == first
    store.append_events([make_event(second, EventKind.MERGED, DESK, into=first)])
    [(_, named)] = [(p, c) for p, c in store.unpushed_posts(10) if p.id == second_post.id]
    assert named == second


def test_home_cases_answers_for_the_posts_asked_for(store: Store, ingest: Ingest) -> None:
    ingest()
    case_id, post = ingest("Otra farola rota")

    def ask(post_pks: list[int]) -> dict[int, str]:
        return store.read_measures(lambda conn: home_cases(conn, post_pks))

    pk = store.read_measures(
        lambda conn: conn.exec_driver_sql(
            "SELECT pk FROM posts WHERE id = ?", (id_to_stored(post.id),)
        )
    ).scalar_one()
    assert ask([pk, pk, pk + 100]) == {pk: case_id}
    assert ask([]) == {}
