"""HTML rendering: everything escaped, pages within the limit, buttons within 64 bytes."""

from __future__ import annotations

from bot.results import Answer, Citation, Entry, Suggestion
from bot.telegram.callbacks import CallbackCodec
from bot.telegram.render import render_reply
from tests.support.telegram_rules import check_call, parse_html

NASTY = "<b>not bold</b> & <script>alert(1)</script> &amp; 5 > 3 < 4 *x* _y_ `z` [a](b)"


def _entry(number: int, text: str = NASTY) -> Entry:
    return Entry(item_id=f"item-{number}", kind="fact", text=text, heading=f"<h{number}>",
                 details=("a & b",), citation=Citation(f"item-{number}", "Src <1>"))


def _check(text: str, keyboard: object) -> None:
    params = {"text": text, "parse_mode": "HTML",
              "reply_markup": keyboard.to_dict() if keyboard else None}  # type: ignore[attr-defined]
    assert check_call("sendMessage", params) == []


def test_markup_in_facts_is_shown_as_text() -> None:
    answer = Answer(title="Title <x> & y", note="note > z", entries=(_entry(1),))
    reply = render_reply(answer, "/search x", CallbackCodec())
    _check(reply.text, reply.keyboard)
    shown, _ = parse_html(reply.text)
    assert NASTY in shown
    assert "Title <x> & y" in shown
    assert "<h1>" in shown


def test_pages_stay_within_the_limit_and_every_entry_appears_once() -> None:
    entries = tuple(_entry(n, "long text " * 150) for n in range(40))
    answer = Answer(title="Many", entries=entries)
    codec = CallbackCodec()
    first = render_reply(answer, "/search many", codec)
    shown_ids = []
    for page in range(first.pages):
        reply = render_reply(answer, "/search many", codec, page)
        _check(reply.text, reply.keyboard)
        shown_ids += [f"item-{n}" for n in range(40) if f"· item-{n}\n" in parse_html(
            reply.text + "\n")[0]]
    assert shown_ids == [f"item-{n}" for n in range(40)]
    assert first.pages > 8


def test_a_page_past_the_end_shows_the_last_page() -> None:
    answer = Answer(title="Few", entries=(_entry(1), _entry(2)))
    reply = render_reply(answer, "/x", CallbackCodec(), page=99)
    assert reply.page == 0


def test_long_suggestions_and_commands_keep_callback_data_within_64_bytes() -> None:
    long_command = "/search " + "ü" * 300
    answer = Answer(title="t", suggestions=(Suggestion("é" * 90, long_command),),
                    entries=tuple(_entry(n) for n in range(12)))
    reply = render_reply(answer, long_command, CallbackCodec())
    _check(reply.text, reply.keyboard)
    labels = [b.text for row in reply.keyboard.inline_keyboard for b in row]  # type: ignore[union-attr]
    assert all(len(label) <= 40 for label in labels)
