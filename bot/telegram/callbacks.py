"""Callback data for inline buttons, always within Telegram's 64 bytes.

A button carries an action and a payload, such as `p|2|/search ceasefire` (page 2 of that
answer) or `k|0|kellogg-something-new` (that quote's card). A payload too long to fit is kept
in a bounded table (kept across restarts with the bot's other data) and the button carries its
key instead; once the table has forgotten it, the button reports itself as expired.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from dataclasses import dataclass
from typing import Literal

MAX_CALLBACK_BYTES = 64
Action = Literal["page", "run", "evidence", "noop", "chart", "card"]

_CODES: dict[Action, str] = {"page": "p", "run": "r", "evidence": "e", "noop": "n",
                             "chart": "c", "card": "k"}
_ACTIONS: dict[str, Action] = {code: action for action, code in _CODES.items()}
_KEY_MARK = "#"


@dataclass(frozen=True)
class Callback:
    """A decoded button press: what to do, on which page, with which command or item."""

    action: Action
    payload: str = ""
    page: int = 0


def _fits(data: str) -> bool:
    """Whether `data` can travel as callback_data: valid UTF-8 of at most 64 bytes."""
    try:
        return len(data.encode("utf-8")) <= MAX_CALLBACK_BYTES
    except UnicodeEncodeError:
        return False


def refers_to_kept(data: str) -> bool:
    """Whether callback `data` carries the key of a payload the codec keeps (for a while
    only, so a button made once and shown again might outlive it)."""
    return data.partition("|")[2].partition("|")[2].startswith(_KEY_MARK)


class CallbackCodec:
    """Encodes and decodes callback data, remembering long payloads for a while."""

    def __init__(self, capacity: int = 4096, remembered: dict[str, str] | None = None) -> None:
        self._long: OrderedDict[str, str] = OrderedDict(remembered or {})
        self._capacity = capacity

    def remembered(self) -> dict[str, str]:
        """The long payloads remembered, by key, oldest first."""
        return dict(self._long)

    def encode(self, action: Action, payload: str = "", page: int = 0) -> str:
        """Callback data of at most 64 bytes for this button."""
        prefix = f"{_CODES[action]}|{page}|"
        data = prefix + payload
        if _fits(data) and not payload.startswith(_KEY_MARK):
            return data
        return f"{prefix}{_KEY_MARK}{self.keep(payload)}"

    def keep(self, payload: str) -> str:
        """Remember `payload` for a while; the key (16 hex digits) that `recall` takes."""
        key = hashlib.blake2b(payload.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()
        self._long[key] = payload
        self._long.move_to_end(key)
        while len(self._long) > self._capacity:
            self._long.popitem(last=False)
        return key

    def recall(self, key: str) -> str | None:
        """The payload `keep` gave `key` to, while it is remembered."""
        return self._long.get(key)

    def decode(self, data: str | None) -> Callback | None:
        """The button press `data` stands for; None when it is forged, malformed or expired."""
        if not data:
            return None
        code, _, rest = data.partition("|")
        page_text, separator, payload = rest.partition("|")
        action = _ACTIONS.get(code)
        if (action is None or not separator or not page_text.isascii()
                or not page_text.isdigit() or len(page_text) > 4):
            return None
        if payload.startswith(_KEY_MARK):
            remembered = self._long.get(payload[1:])
            if remembered is None:
                return None
            payload = remembered
        return Callback(action, payload, int(page_text))
