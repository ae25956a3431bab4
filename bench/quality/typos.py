"""`python -m bench.quality.typos`: how well factbot survives one typo.

Every English question of the tuned split that factbot answers right (a labelled item in its
first five) is asked again with one typo in one of its words of five letters or more: a letter
dropped, added or changed, or two neighbouring letters swapped (three variants a question,
seeded). Prints how many variants still find a right item in the first five.
"""

from __future__ import annotations

import random
import string
import sys

from bench.quality.questions import load_split
from bench.quality.systems import System, open_systems
from bot.text import STOPWORDS

SEED = 7
VARIANTS = 3
"""Typo variants made of each question."""
SHORTEST = 5
"""Shortest word a typo is put in."""
CATEGORIES = frozenset({"natural", "paraphrase", "keyword", "name"})


def typo(word: str, rng: random.Random) -> str:
    """`word` with one letter dropped, added or changed, or two neighbours swapped (never
    the first letter)."""
    at = rng.randrange(1, len(word) - 1)
    kind = rng.choice(("swap", "drop", "add", "change"))
    if kind == "swap":
        return word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    if kind == "drop":
        return word[:at] + word[at + 1 :]
    letter = rng.choice(string.ascii_lowercase)
    return word[:at] + letter + word[at + (kind == "change") :]


def found(system: System, text: str, answers: tuple[str, ...]) -> bool:
    """Whether a labelled item is among the first five `system` gives for `text`."""
    return any(item_id in answers for item_id in system.ask(text).ids[:5])


def main() -> int:
    """Print the share of typo variants still answered right."""
    rng = random.Random(SEED)
    kept = asked = 0
    with open_systems(["factbot"]) as (_, systems):
        factbot = systems[0]
        for question in load_split("tuned"):
            if (question.category not in CATEGORIES or question.lang != "en"
                    or not found(factbot, question.text, question.answers)):
                continue
            typed = question.text.split()
            places = [place for place, word in enumerate(typed)
                      if len(word) >= SHORTEST and word.isalpha() and word not in STOPWORDS]
            for _ in range(VARIANTS if places else 0):
                place = rng.choice(places)
                variant = [*typed[:place], typo(typed[place], rng), *typed[place + 1 :]]
                asked += 1
                kept += found(factbot, " ".join(variant), question.answers)
    print(f"{kept} of {asked} one-typo variants still find a right item"
          f" ({kept / max(asked, 1):.0%})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
