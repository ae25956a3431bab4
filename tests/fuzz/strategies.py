"""Hostile input: every Unicode category, markup metacharacters, tag look-alikes, sizes 0, 1
and over 4,096, whitespace only, and forged button data."""

from __future__ import annotations

from hypothesis import strategies as st

from tests.support.offline import BOT_USERNAME

PIECES = ["<", ">", "&", "*", "_", "`", "[", "]", "(", ")", "|", "\\", "/", "@", "#",
          "<b>", "</b>", "<i>x</i>", "<a href=\"javascript:x\">", "<tg-spoiler>", "&amp;",
          "&lt;", "&#0;", "&bogus;", "\u200f", "\u200e", "\u202e", "\u200b", "\ufeff", "\x00",
          "\x07", "\r", "\n", "\t", "\u0301", "e\u0301", "🇺🇦", "👨‍👩‍👧", "\ud800", "\udfff",
          "𝕎", "Zelenskiy", "kellogg", "2022", "2025-02-30", "NATO", " ", "\u3000", "\u00a0"]

unicode_text = st.text(st.characters(), max_size=60)
"""Any code point, lone surrogates included (JSON can carry them as escapes)."""
assembled = st.lists(st.sampled_from(PIECES), max_size=12).map("".join)
long_text = st.integers(4090, 5000).map(lambda size: "x<&>" * (size // 4))
whitespace = st.text(st.sampled_from([" ", "\t", "\u00a0", "\u3000", "\u2028"]), min_size=1,
                     max_size=8)
hostile = st.one_of(unicode_text, assembled, long_text, whitespace, st.just(""),
                    st.sampled_from(PIECES))
"""Text a user might send as a command's arguments, a search or an inline query."""

suffix = st.sampled_from(["", f"@{BOT_USERNAME}", f"@{BOT_USERNAME}@{BOT_USERNAME}",
                          "@other_bot", f"@{BOT_USERNAME.upper()}", "@", "@@"])

forged_callback = st.one_of(
    st.binary(max_size=80).map(lambda data: data.decode("latin-1")),
    st.text(max_size=70),
    st.builds(lambda page, command: f"p|{page}|{command}", st.integers(-3, 10**6),
              st.one_of(hostile, st.sampled_from(["/timeline", "/search ceasefire"]))),
    st.builds(lambda item: f"e|0|{item}", st.one_of(hostile, st.sampled_from(
        ["kellogg-something-new", "no-such-item", "invasion"]))),
    st.builds(lambda command: f"r|0|{command}", st.one_of(hostile, st.sampled_from(
        ["/addfact forged", "/delete invasion", "/grant 1001", "/quote kellogg"]))),
    st.builds(lambda key: f"p|0|#{key}", st.text("0123456789abcdef", min_size=16,
                                                  max_size=16)),
)
