"""The scores as Markdown tables, as JSON, and factbot's misses as a list."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from bench.quality.scoring import Figures, SplitScore, SystemScore

SHOWN = 5
"""How many returned ids a listed miss shows."""


def _cell(figures: Figures) -> str:
    return f"{figures.hit1:.0%} · {figures.hit5:.0%} · {figures.mrr:.2f}"


def _answered(score: SystemScore) -> str:
    return f"{score.unanswerable_rate:.0%} ({score.unanswerable_answered})"


def table(split: SplitScore) -> str:
    """One split as a Markdown table: a row per category, a column per system."""
    systems = split.systems
    first = systems[0]
    lines = [f"### {split.split} ({split.questions} questions)", "",
             "Each cell: hit@1 · hit@5 · MRR, over the answerable questions.", "",
             "| category | questions | " + " | ".join(score.system for score in systems) + " |",
             "| --- | ---: |" + " ---: |" * len(systems)]
    for category, figures in first.categories.items():
        cells = " | ".join(_cell(score.categories[category]) for score in systems)
        lines.append(f"| {category} | {figures.questions} | {cells} |")
    cells = " | ".join(f"**{_cell(score.answerable)}**" for score in systems)
    lines.append(f"| **all answerable** | {first.answerable.questions} | {cells} |")
    cells = " | ".join(_answered(score) for score in systems)
    lines.append(f"| unanswerable answered | {first.unanswerable} | {cells} |")
    return "\n".join(lines)


def _figures(figures: Figures) -> dict[str, Any]:
    return {"questions": figures.questions, "hit@1": round(figures.hit1, 4),
            "hit@5": round(figures.hit5, 4), "mrr": round(figures.mrr, 4)}


def as_json(splits: Sequence[SplitScore]) -> str:
    """Every figure of every split and system, as one JSON object."""
    return json.dumps({"splits": {split.split: {
        "questions": split.questions,
        "systems": {score.system: {
            "categories": {category: _figures(figures)
                           for category, figures in score.categories.items()},
            "all_answerable": _figures(score.answerable),
            "unanswerable": {"questions": score.unanswerable,
                             "answered": score.unanswerable_answered,
                             "answered_rate": round(score.unanswerable_rate, 4)},
        } for score in split.systems},
    } for split in splits}}, indent=2)


def failures(score: SystemScore) -> str:
    """The questions `score`'s system got wrong: no right item in its top 5, or an answer to
    a question the sources cannot answer."""
    lines = []
    for outcome in score.outcomes:
        question, reply = outcome.question, outcome.reply
        if outcome.hit(SHOWN) or (not question.answerable and not reply.answered):
            continue
        returned = ", ".join(reply.ids[:SHOWN]) or "nothing"
        if len(reply.ids) > SHOWN:
            returned += f", … ({len(reply.ids)} in all"
            returned += f"; first right one at {outcome.rank})" if outcome.rank else ")"
        lines += [f"- [{question.category}] {question.id}: {question.text}",
                  f"  expected: {', '.join(question.answers) or 'no answer'}",
                  f"  returned: {returned}"]
    return "\n".join(lines) or "none"
