"""Reading an untrusted JSON document within bounds, checked before the full parse.

`json.loads` builds the whole document at once: a file of millions of `{}` takes hundreds of
megabytes, deep nesting overflows the recursion limit, and a number of thousands of digits
costs quadratic time. `load_bounded` first scans the raw bytes (C-speed passes: strings blanked
out, brackets counted and their nesting measured), then parses with hooks that refuse
oversized numbers and non-standard constants. Every refusal is one line.
"""

from __future__ import annotations

import json
import re
from itertools import accumulate
from typing import Any

MAX_DEPTH = 32
MAX_CONTAINERS = 1_000_000
"""Objects and lists in one document: a 100,000-item export holds about 300,000."""
MAX_NUMBER_CHARS = 40

_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")
_DEPTH_STEP = {ord("["): 1, ord("{"): 1, ord("]"): -1, ord("}"): -1}


class JSONRefused(ValueError):  # noqa: N818 - a refusal, not an error of the program
    """The document is not JSON, or goes beyond one of the bounds; the message says which."""


def _number(text: str, convert: type[int] | type[float]) -> int | float:
    if len(text) > MAX_NUMBER_CHARS:
        raise JSONRefused(f"a number has {len(text)} characters; at most {MAX_NUMBER_CHARS}")
    return convert(text)


def _constant(name: str) -> Any:
    raise JSONRefused(f"{name} is not a JSON value")


def load_bounded(data: bytes) -> Any:
    """The document in `data`, parsed only if it keeps within the bounds above."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise JSONRefused(f"it is not UTF-8 text ({error.reason} at byte {error.start})"
                          ) from None
    brackets = _STRING.sub(b'""', data).translate(None, _NOT_BRACKETS)
    containers = (len(brackets) + 1) // 2
    if containers > MAX_CONTAINERS:
        raise JSONRefused(f"it holds about {containers:,} objects and lists; at most"
                          f" {MAX_CONTAINERS:,}")
    depth = max(accumulate(map(_DEPTH_STEP.__getitem__, brackets)), default=0)
    if depth > MAX_DEPTH:
        raise JSONRefused(f"it is nested {depth} levels deep; at most {MAX_DEPTH}")
    try:
        return json.loads(text, parse_int=lambda s: _number(s, int),
                          parse_float=lambda s: _number(s, float), parse_constant=_constant)
    except json.JSONDecodeError as error:
        raise JSONRefused(f"it is not valid JSON: {error}") from None
