"""Callback data: at most 64 bytes, long payloads remembered, forgeries and expiry rejected."""

from __future__ import annotations

from bot.telegram.callbacks import Callback, CallbackCodec, refers_to_kept


def test_short_payloads_travel_in_the_button() -> None:
    codec = CallbackCodec()
    data = codec.encode("page", "/search ceasefire", 2)
    assert data == "p|2|/search ceasefire"
    assert codec.decode(data) == Callback("page", "/search ceasefire", 2)


def test_long_payloads_are_remembered_and_fit_in_64_bytes() -> None:
    codec = CallbackCodec()
    payload = "/search " + "日本語" * 40
    data = codec.encode("run", payload)
    assert len(data.encode("utf-8")) <= 64
    assert codec.decode(data) == Callback("run", payload, 0)


def test_a_payload_that_looks_like_a_key_is_not_confused_with_one() -> None:
    codec = CallbackCodec()
    data = codec.encode("run", "#abc")
    assert codec.decode(data) == Callback("run", "#abc", 0)


def test_only_a_button_carrying_a_kept_payload_refers_to_the_table() -> None:
    """A reply kept as rendered must not hold buttons whose payload the table may forget."""
    codec = CallbackCodec()
    assert refers_to_kept(codec.encode("run", "/search " + "x" * 100))
    assert not refers_to_kept(codec.encode("page", "/search ceasefire", 2))
    assert refers_to_kept(codec.encode("run", "#abc"))  # one that looks like a key is kept


def test_forged_data_is_rejected() -> None:
    codec = CallbackCodec()
    for data in (None, "", "x", "p", "p|", "p|1", "q|1|/help", "p|-1|/help", "p|99999|/x",
                 "p|1|#0000000000000000"):
        assert codec.decode(data) is None, data


def test_remembered_payloads_expire_oldest_first() -> None:
    codec = CallbackCodec(capacity=2)
    first = codec.encode("run", "x" * 100)
    codec.encode("run", "y" * 100)
    codec.encode("run", "z" * 100)
    assert codec.decode(first) is None


def test_a_lone_surrogate_in_a_payload_travels_by_key() -> None:
    """Regression (deep fuzzing): `/demands \\ud800` crashed encoding its page buttons."""
    codec = CallbackCodec()
    data = codec.encode("page", "/demands \ud800", 1)
    data.encode("utf-8")
    assert codec.decode(data) == Callback("page", "/demands \ud800", 1)


def test_non_ascii_digits_in_a_page_are_rejected() -> None:
    """Regression (deep fuzzing): "p|²|/help" passed str.isdigit() and crashed int()."""
    assert CallbackCodec().decode("p|²|/help") is None
