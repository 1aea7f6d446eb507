"""A loopback stand-in of the Telegram Bot API, for the real python-telegram-bot client to talk to.

It answers getMe, deleteWebhook, getUpdates, sendMessage, sendPhoto, setMyCommands and friends,
lets a test inject updates (commands from users), and can answer 429 (flood control: a fixed
number of times, or beyond a messages-per-second limit) and 5xx on demand.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections import deque
from email.parser import BytesParser
from email.policy import default as email_policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

TOKEN = "123456:TEST-token-abcdefghijklmnopqrstuvwxyz"


class FakeBotAPI:
    def __init__(self, token: str = TOKEN) -> None:
        self.token = token
        self.lock = threading.Lock()
        self.updates: list[dict] = []
        self.next_update_id = 1
        self.next_message_id = 1
        self.sent: list[dict] = []  # every accepted sendMessage / sendPhoto
        self.calls: list[tuple[str, dict]] = []
        self.commands: list[dict] = []
        self.commands_by_lang: dict[str, list[dict]] = {}
        self.answered_queries: list[str] = []  # answerCallbackQuery ids  # language_code ("" = default) → the menu
        self.faults: deque[tuple[str, int, int]] = deque()  # (method, status, retry_after)
        self.rate_limit: float | None = None  # accepted sends per second, 429 beyond
        self.window: deque[float] = deque()
        self.blocked_chats: set[int] = set()
        self.migrated_chats: dict[int, int] = {}  # old group id → the supergroup it became
        self.chat_admins: set[tuple[int, int]] = set()  # (group chat id, user id) of group administrators
        self.send_delay = 0.0  # seconds before a send is accepted (to kill a sender mid-way)
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.server.handle_error = lambda request, address: None  # clients hanging up mid-poll are normal
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/bot"

    def __enter__(self) -> FakeBotAPI:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    # --- what tests do -------------------------------------------------------------------

    def command(
        self,
        text: str,
        *,
        chat_id: int = 1001,
        user_id: int | None = None,
        language_code: str = "en",
        chat_type: str = "private",
    ) -> None:
        """A user sends TEXT (a /command) to the bot."""
        with self.lock:
            command = text.split()[0]
            self.updates.append(
                {
                    "update_id": self.next_update_id,
                    "message": {
                        "message_id": self.next_message_id,
                        "date": int(time.time()),
                        "text": text,
                        "chat": {
                            "id": chat_id,
                            "type": chat_type,
                            **({"title": "group"} if chat_type != "private" else {}),
                        },
                        "from": {
                            "id": user_id or chat_id,
                            "is_bot": False,
                            "first_name": "User",
                            "language_code": language_code,
                        },
                        "entities": [{"type": "bot_command", "offset": 0, "length": len(command)}],
                    },
                }
            )
            self.next_update_id += 1
            self.next_message_id += 1

    def press(self, data: str, *, chat_id: int = 1001, message_id: int = 1, user_id: int | None = None) -> str:
        """A user presses the inline button with callback DATA under message MESSAGE_ID; returns the query id."""
        with self.lock:
            query_id = f"cq{self.next_update_id}"
            user = {"id": user_id or chat_id, "is_bot": False, "first_name": "User", "language_code": "en"}
            self.updates.append(
                {
                    "update_id": self.next_update_id,
                    "callback_query": {
                        "id": query_id,
                        "from": user,
                        "chat_instance": str(chat_id),
                        "data": data,
                        "message": {
                            "message_id": message_id,
                            "date": int(time.time()),
                            "chat": {"id": chat_id, "type": "private"},
                            "from": {"id": 42, "is_bot": True, "first_name": "pricewatch"},
                            "text": "an alert",
                        },
                    },
                }
            )
            self.next_update_id += 1
            return query_id

    def fail(self, method: str, status: int, times: int = 1, retry_after: int = 0) -> None:
        for _ in range(times):
            self.faults.append((method, status, retry_after))

    def texts_to(self, chat_id: int | str) -> list[str]:
        with self.lock:
            return [m["text"] for m in self.sent if str(m["chat_id"]) == str(chat_id) and "text" in m]

    def wait_for(self, predicate, timeout: float = 15.0) -> bool:  # noqa: ANN001
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if predicate():
                return True
            time.sleep(0.02)
        return False

    # --- the HTTP side -------------------------------------------------------------------

    def _answer(self, method: str, params: dict) -> tuple[int, dict]:
        with self.lock:
            self.calls.append((method, params))
            for i, (fault_method, status, retry_after) in enumerate(self.faults):
                if fault_method == method:
                    del self.faults[i]
                    return status, _error(status, retry_after)
            if method in ("sendMessage", "sendPhoto"):
                chat_id = int(params["chat_id"]) if str(params["chat_id"]).lstrip("-").isdigit() else params["chat_id"]
                if chat_id in self.migrated_chats:  # a group upgraded to a supergroup
                    return 400, {
                        "ok": False,
                        "error_code": 400,
                        "description": "Bad Request: group chat was upgraded to a supergroup chat",
                        "parameters": {"migrate_to_chat_id": self.migrated_chats[chat_id]},
                    }
                if chat_id in self.blocked_chats:
                    return 403, {
                        "ok": False,
                        "error_code": 403,
                        "description": "Forbidden: bot was blocked by the user",
                    }
                if self.rate_limit is not None:
                    now = time.monotonic()
                    while self.window and now - self.window[0] >= 1.0:
                        self.window.popleft()
                    if len(self.window) >= self.rate_limit:
                        return 429, _error(429, 1)
                    self.window.append(now)
                message = {
                    "message_id": self.next_message_id,
                    "date": int(time.time()),
                    "chat": {"id": chat_id if isinstance(chat_id, int) else -100123, "type": "private"},
                }
                self.next_message_id += 1
                record = {"chat_id": params["chat_id"], "message_id": message["message_id"]}
                if params.get("reply_markup"):
                    record["reply_markup"] = json.loads(params["reply_markup"])
                if params.get("reply_to_message_id") or params.get("reply_parameters"):
                    record["reply_to"] = params.get("reply_to_message_id") or params.get("reply_parameters")
                if method == "sendMessage":
                    message["text"] = record["text"] = params["text"]
                    record["parse_mode"] = params.get("parse_mode")
                else:
                    message["photo"] = [{"file_id": "f1", "file_unique_id": "u1", "width": 800, "height": 450}]
                    record["photo_bytes"] = params.get("photo_bytes", 0)
                self.sent.append(record)
                return 200, {"ok": True, "result": message}
            if method == "getChatMember":
                user_id = int(params["user_id"])
                user = {"id": user_id, "is_bot": False, "first_name": "User"}
                if (int(params["chat_id"]), user_id) not in self.chat_admins:
                    return 200, {"ok": True, "result": {"status": "member", "user": user}}
                rights = (
                    "can_be_edited is_anonymous can_manage_chat can_delete_messages can_manage_video_chats "
                    "can_restrict_members can_promote_members can_change_info can_invite_users can_post_stories "
                    "can_edit_stories can_delete_stories"
                )
                answer = {"status": "administrator", "user": user, **dict.fromkeys(rights.split(), True)}
                return 200, {"ok": True, "result": answer}
            if method == "answerCallbackQuery":
                self.answered_queries.append(params.get("callback_query_id"))
                return 200, {"ok": True, "result": True}
            if method == "getMe":
                return 200, {
                    "ok": True,
                    "result": {"id": 42, "is_bot": True, "first_name": "pricewatch", "username": "pricewatch_bot"},
                }
            if method == "setMyCommands":
                self.commands_by_lang[params.get("language_code") or ""] = json.loads(params.get("commands", "[]"))
                self.commands = self.commands_by_lang[""]  # the default menu
                return 200, {"ok": True, "result": True}
            if method == "getUpdates":
                offset = int(params.get("offset", 0) or 0)
                pending = [u for u in self.updates if u["update_id"] >= offset]
                return 200, {"ok": True, "result": pending}
            return 200, {"ok": True, "result": True}

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        api = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                pass

            def do_POST(self) -> None:  # noqa: N802
                prefix = f"/bot{api.token}/"
                if not self.path.startswith(prefix):
                    self._send(404, {"ok": False, "error_code": 404, "description": "Not Found"})
                    return
                method = self.path[len(prefix) :]
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                params = _params(self.headers.get("Content-Type", ""), body)
                if method == "getUpdates":
                    # Long polling, shortened: wait a little for an update rather than spin.
                    deadline = time.monotonic() + min(float(params.get("timeout", 0) or 0), 0.3)
                    offset = int(params.get("offset", 0) or 0)
                    while time.monotonic() < deadline and not any(u["update_id"] >= offset for u in api.updates):
                        time.sleep(0.02)
                if method in ("sendMessage", "sendPhoto") and api.send_delay:
                    time.sleep(api.send_delay)
                    if _client_gone(self.connection):
                        return  # the sender died before Telegram took the message: nothing was sent
                status, answer = api._answer(method, params)
                self._send(status, answer)

            def _send(self, status: int, answer: dict) -> None:
                data = json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        return Handler


def _client_gone(connection: socket.socket) -> bool:
    try:
        return connection.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT) == b""
    except BlockingIOError:
        return False
    except OSError:
        return True


def _error(status: int, retry_after: int) -> dict:
    if status == 429:
        return {
            "ok": False,
            "error_code": 429,
            "description": f"Too Many Requests: retry after {retry_after}",
            "parameters": {"retry_after": retry_after},
        }
    return {
        "ok": False,
        "error_code": status,
        "description": "Internal Server Error" if status >= 500 else "Bad Request",
    }


def _params(content_type: str, body: bytes) -> dict:
    if content_type.startswith("multipart/form-data"):
        message = BytesParser(policy=email_policy).parsebytes(f"Content-Type: {content_type}\r\n\r\n".encode() + body)
        params = {}
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            payload = part.get_payload(decode=True) or b""
            if part.get_filename():
                params[f"{name}_bytes"] = len(payload)
                params[name] = "attach"
            else:
                params[name] = payload.decode("utf-8", "replace")
        return params
    if content_type.startswith("application/json"):
        return json.loads(body or b"{}")
    return {k: v[0] for k, v in parse_qs(body.decode("utf-8")).items()}


def pending_alerts(count: int, chat_base: int = 5000) -> None:
    """COUNT alerts waiting in the outbox of the current DATABASE_URL, one per chat, about one stored price cut."""
    from decimal import Decimal

    from storage.engine import new_session
    from storage.models import Event, OutboxMessage

    with new_session() as session:
        event = Event(
            kind="price_cut",
            source_id="s",
            vendor="alibaba",
            model="qwen-long",
            price_type="input",
            old_price=Decimal(20),
            new_price=Decimal("0.5"),
            currency="CNY",
            change_pct=-97.5,
        )
        session.add(event)
        session.flush()
        for i in range(count):
            session.add(OutboxMessage(group_key="crawl:s:1", chat_id=str(chat_base + i), event_ids=str(event.id)))
        session.commit()
