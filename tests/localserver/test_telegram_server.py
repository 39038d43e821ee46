"""The local Telegram Bot API server: its answers are what python-telegram-bot's models
read (nothing unknown, nothing missing), and it keeps the Bot API's rules."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import telegram

from jundesk.localserver.telegram import TelegramServer

JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 200


@pytest.fixture
def server() -> Iterator[TelegramServer]:
    with TelegramServer() as running:
        yield running


def call(server: TelegramServer, method: str, **params: Any) -> tuple[int, dict[str, Any]]:
    response = httpx.post(f"{server.base_url}/bot{server.token}/{method}", json=params, timeout=10)
    return response.status_code, response.json()


def unknown_fields(obj: Any, where: str = "") -> list[str]:
    """Every field PTB did not know (it keeps them in `api_kwargs`), anywhere in `obj`."""
    found: list[str] = []
    if isinstance(obj, telegram.TelegramObject):
        found += [f"{where}.{name}" for name in obj.api_kwargs]
        slots = {n for cls in type(obj).__mro__ for n in getattr(cls, "__slots__", ())}
        for name in sorted(slots):
            if not name.startswith("_"):
                found += unknown_fields(getattr(obj, name, None), f"{where}.{name}")
    elif isinstance(obj, tuple | list):
        for i, item in enumerate(obj):
            found += unknown_fields(item, f"{where}[{i}]")
    return found


def test_updates_are_read_whole_by_ptbs_models(server: TelegramServer) -> None:
    bot = telegram.Bot(server.token)
    root = server.add_citizen_post(
        "pepe",
        "Pepe Pérez",
        "Farola rota",
        private=True,
        entities=[{"type": "bold", "offset": 0, "length": 6}],
    )
    server.add_citizen_post("pepe", "Pepe Pérez", "sigue igual", private=True, in_reply_to=root)
    server.add_citizen_post("ana", "Ana", "Basura", photo=JPEG)
    server.add_citizen_post("ana", "Ana", "", location=(37.1, -3.2))
    status, body = call(server, "getUpdates")
    assert status == 200 and body["ok"] is True
    updates = [telegram.Update.de_json(item, bot) for item in body["result"]]
    assert [unknown_fields(u) for u in updates] == [[], [], [], []]
    text, reply, photo, place = (u.message for u in updates)
    assert text.text == "Farola rota" and text.chat.type == "private"
    assert text.entities[0].type == "bold" and text.from_user.username == "pepe"
    assert reply.reply_to_message.message_id == text.message_id
    assert photo.caption == "Basura" and len(photo.photo) == 3
    assert photo.chat.type == "supergroup"
    assert (place.location.latitude, place.location.longitude) == (37.1, -3.2)


def test_sent_messages_files_and_the_bot_are_read_whole_by_ptbs_models(
    server: TelegramServer,
) -> None:
    bot = telegram.Bot(server.token)
    sid = server.add_citizen_post("pepe", "Pepe", "Farola rota", photo=JPEG, private=True)
    chat, message = (int(x) for x in sid.split(":"))
    _, me = call(server, "getMe")
    user = telegram.User.de_json(me["result"], bot)
    assert unknown_fields(user) == [] and user.is_bot and user.username == server.town_handle
    _, sent = call(
        server,
        "sendMessage",
        chat_id=chat,
        text="Gracias",
        reply_parameters={"message_id": message},
    )
    answer = telegram.Message.de_json(sent["result"], bot)
    assert unknown_fields(answer) == []
    assert answer.reply_to_message.message_id == message and answer.from_user.is_bot
    _, updates = call(server, "getUpdates")
    file_id = updates["result"][0]["message"]["photo"][-1]["file_id"]
    _, found = call(server, "getFile", file_id=file_id)
    file = telegram.File.de_json(found["result"], bot)
    assert unknown_fields(file) == [] and file.file_size == len(JPEG)
    download = httpx.get(f"{server.base_url}/file/bot{server.token}/{found['result']['file_path']}")
    assert download.content == JPEG
    _, info = call(server, "getWebhookInfo")
    assert unknown_fields(telegram.WebhookInfo.de_json(info["result"], bot)) == []


def test_errors_have_the_bot_apis_shape(server: TelegramServer) -> None:
    status, body = call(server, "sendMessage", chat_id=42, text="hola")
    assert status == 400
    assert body == {"ok": False, "error_code": 400, "description": "Bad Request: chat not found"}
    response = httpx.post(f"{server.base_url}/bot1:wrong/getMe")
    assert response.status_code == 401 and response.json()["description"] == "Unauthorized"
    server.rate_limit(7)
    status, body = call(server, "getMe")
    assert status == 429 and body["parameters"] == {"retry_after": 7}


def test_the_offset_confirms_for_good_and_methods_take_any_case(server: TelegramServer) -> None:
    for i in range(5):
        server.add_citizen_post("v", "Vecino", f"aviso {i}")
    _, first = call(server, "getupdates", limit=2)
    ids = [u["update_id"] for u in first["result"]]
    assert len(ids) == 2
    _, again = call(server, "GETUPDATES")  # nothing confirmed yet: from the first again
    assert [u["update_id"] for u in again["result"]][:2] == ids
    _, after = call(server, "getUpdates", offset=ids[-1] + 1)
    assert [u["message"]["text"] for u in after["result"]] == ["aviso 2", "aviso 3", "aviso 4"]
    _, back = call(server, "getUpdates", offset=ids[0])  # an older offset can't undo it
    assert len(back["result"]) == 3


def test_form_and_multipart_parameters_as_ptb_sends_them(server: TelegramServer) -> None:
    sid = server.add_citizen_post("pepe", "Pepe", "Farola", private=True)
    chat, message = sid.split(":")
    form = httpx.post(
        f"{server.base_url}/bot{server.token}/sendMessage",
        data={
            "chat_id": chat,
            "text": "Hola",
            "reply_parameters": json.dumps({"message_id": int(message)}),
        },
    )
    assert form.json()["result"]["reply_to_message"]["message_id"] == int(message)
    multipart = httpx.post(
        f"{server.base_url}/bot{server.token}/sendPhoto",
        data={"chat_id": chat, "caption": "Arreglada"},
        files={"photo": ("a.jpg", JPEG, "image/jpeg")},
    )
    assert multipart.json()["result"]["caption"] == "Arreglada"
    assert [r["photo"] for r in server.replies_created()] == [False, True]


def test_updates_nobody_fetched_for_24_hours_are_dropped() -> None:
    now = [1_800_000_000.0]
    with TelegramServer(clock=lambda: now[0]) as server:
        server.add_citizen_post("v", "Vecino", "viejo")
        now[0] += 23 * 3600
        server.add_citizen_post("v", "Vecino", "reciente")
        now[0] += 2 * 3600
        _, body = call(server, "getUpdates")
        assert [u["message"]["text"] for u in body["result"]] == ["reciente"]


def test_a_second_long_poll_terminates_the_first_with_409(server: TelegramServer) -> None:
    answers: list[tuple[int, dict[str, Any]]] = []
    first = threading.Thread(target=lambda: answers.append(call(server, "getUpdates", timeout=5)))
    first.start()
    time.sleep(0.3)
    call(server, "getUpdates")
    first.join(5)
    status, body = answers[0]
    assert status == 409 and "terminated by other getUpdates request" in body["description"]
    server.set_webhook("https://example.org/hook")
    status, body = call(server, "getUpdates")
    assert status == 409 and "webhook is active" in body["description"]


def test_long_text_unknown_replies_and_blocked_bots_are_refused(server: TelegramServer) -> None:
    sid = server.add_citizen_post("pepe", "Pepe", "Farola", private=True)
    chat = int(sid.split(":")[0])
    status, body = call(server, "sendMessage", chat_id=chat, text="a" * 4097)
    assert status == 400 and body["description"] == "Bad Request: message is too long"
    status, body = call(
        server, "sendMessage", chat_id=chat, text="hola", reply_parameters={"message_id": 999}
    )
    assert status == 400 and "message to be replied not found" in body["description"]
    server.block_bot("pepe")
    status, body = call(server, "sendMessage", chat_id=chat, text="hola")
    assert status == 403 and body["description"] == "Forbidden: bot was blocked by the user"
