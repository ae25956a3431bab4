"""Synthetic fact bases: sentences from the article's vocabulary, people with aliases, dated
events, in the proportions of the curated base. Deterministic for a given size and seed."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path

from bot.models import Demand, Event, Fact, Item, Person, Quote, Source, Statement

SEED_TEXT = (Path(__file__).resolve().parent.parent / "seeds"
             / "reuters-2025-03-13-russia-demands.txt")
SOURCE = Source(id="bench", title="Synthetic benchmark source", outlet="bench", origin="admin")
SYLLABLES = ["ka", "lo", "vin", "ster", "mar", "ko", "ri", "dan", "bel", "tor", "nes", "quil",
             "ash", "pe", "ru", "zan", "mil", "ov", "ette", "gard"]
TITLES = ["President", "General", "Minister", "Ambassador", "Senator", "Envoy", "Analyst"]


@dataclass
class Base:
    """A synthetic base and what queries can be made of it."""

    items: list[Item]
    surnames: list[str]
    years: list[str]
    texts: list[str]


def vocabulary() -> list[str]:
    """The article's words of three letters or more."""
    words = re.findall(r"[A-Za-z][A-Za-z'’-]{2,}", SEED_TEXT.read_text(encoding="utf-8"))
    return sorted(set(words))


def _name(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def _sentence(rng: random.Random, words: list[str]) -> str:
    return " ".join(rng.choice(words) for _ in range(rng.randint(10, 24))).capitalize() + "."


def generate(size: int, seed: int = 13) -> Base:
    """`size` items: 5% people, 25% quotes, 15% statements, 10% demands, 20% events, 25% facts."""
    rng = random.Random(seed)
    words = vocabulary()
    common = {"source": SOURCE.id, "origin": "admin"}
    people: list[Person] = []
    surnames: list[str] = []
    for number in range(max(10, size // 20)):
        first, last = _name(rng), _name(rng)
        title = rng.choice(TITLES)
        surnames.append(last)
        people.append(Person(id=f"p{number}", name=f"{first} {last}",
                             role=f"{title} of {_name(rng)}",
                             aliases=(last, first, f"{title} {last}"), **common))
    items: list[Item] = list(people)
    years: set[str] = set()
    while len(items) < size:
        number = len(items)
        roll = rng.random()
        speaker = rng.choice(people).id
        text = _sentence(rng, words)
        if roll < 0.27:
            items.append(Quote(id=f"q{number}", speaker=speaker, text=text, **common))
        elif roll < 0.43:
            items.append(Statement(id=f"s{number}", speaker=speaker, text=text, **common))
        elif roll < 0.54:
            items.append(Demand(id=f"d{number}", text=text, period=rng.choice(
                ["current", "earlier", "biden", "istanbul"]), **common))
        elif roll < 0.75:
            date = f"{rng.randint(1990, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            years.add(date[:4])
            items.append(Event(id=f"e{number}", date=date, text=text, **common))
        else:
            items.append(Fact(id=f"f{number}", topic=rng.choice(words), text=text, **common))
    texts = [getattr(item, "text", "") or getattr(item, "name", "") for item in items]
    return Base(items[:size], surnames, sorted(years), texts)


def typo(word: str, rng: random.Random) -> str:
    """`word` with one letter dropped or two swapped (words of five letters or more)."""
    if len(word) < 5:
        return word
    position = rng.randint(1, len(word) - 2)
    if rng.random() < 0.5:
        return word[:position] + word[position + 1 :]
    return word[:position] + word[position + 1] + word[position] + word[position + 2 :]
