"""Each item as one text for the baselines: every field a reader could search by."""

from __future__ import annotations

from collections.abc import Mapping

from bot.models import Item

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
_NOT_TEXT = frozenset({"id", "source", "evidence", "origin", "added_by", "added_at", "deleted"})
"""Bookkeeping fields; evidence is left out as factbot's search leaves it out."""
_DATES = frozenset({"date", "end"})
_SLUGS = frozenset({"period"})


def spoken_date(value: str) -> str:
    """`2025-03-06` as `6 March 2025`, `2025-03` as `March 2025`, a year as is."""
    parts = value.split("-")
    words = [_MONTHS[int(parts[1]) - 1], parts[0]] if len(parts) > 1 else [parts[0]]
    if len(parts) == 3:
        words.insert(0, str(int(parts[2])))
    return " ".join(words)


def item_text(item: Item, names: Mapping[str, str]) -> str:
    """Every text field of `item`: a quote's or statement's speaker by name (`names` maps
    person ids to names), dates as words, a demand's period as words."""
    parts: list[str] = []
    for field, value in item:
        if field in _NOT_TEXT or value is None:
            continue
        if field == "speaker":
            parts.append(names.get(value, value))
        elif field in _DATES:
            parts.append(spoken_date(value))
        elif field in _SLUGS:
            parts.append(value.replace("-", " "))
        elif isinstance(value, tuple):
            parts.extend(value)
        else:
            parts.append(str(value))
    return "\n".join(parts)
