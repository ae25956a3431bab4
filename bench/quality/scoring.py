"""Scores: each system's replies against the labels, per category and split."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from bench.quality.questions import Question
from bench.quality.systems import Reply, System

CATEGORY_ORDER = ("natural", "paraphrase", "typo", "cyrillic", "keyword", "name", "command")
"""The categories in the order reports list them; others follow alphabetically."""


@dataclass(frozen=True)
class Outcome:
    """One question put to one system."""

    question: Question
    reply: Reply

    @property
    def rank(self) -> int | None:
        """The position (from 1) of the first right item among the reply's ids, if any."""
        expected = set(self.question.answers)
        return next((place for place, item_id in enumerate(self.reply.ids, 1)
                     if item_id in expected), None)

    def hit(self, depth: int) -> bool:
        """Whether a right item is among the first `depth` ids."""
        rank = self.rank
        return rank is not None and rank <= depth


@dataclass(frozen=True)
class Figures:
    """hit@1, hit@5 and MRR (shares, 0-1) over a set of answerable questions."""

    questions: int
    hit1: float
    hit5: float
    mrr: float

    @classmethod
    def of(cls, outcomes: Sequence[Outcome]) -> Figures:
        """The figures of `outcomes` (all of them answerable)."""
        if not outcomes:
            return cls(0, 0.0, 0.0, 0.0)
        count = len(outcomes)
        reciprocal = sum(1 / rank for rank in (outcome.rank for outcome in outcomes) if rank)
        return cls(count, sum(outcome.hit(1) for outcome in outcomes) / count,
                   sum(outcome.hit(5) for outcome in outcomes) / count, reciprocal / count)


@dataclass(frozen=True)
class SystemScore:
    """One system on one split."""

    system: str
    outcomes: tuple[Outcome, ...]
    categories: Mapping[str, Figures]
    answerable: Figures
    unanswerable: int
    unanswerable_answered: int

    @property
    def unanswerable_rate(self) -> float:
        """The share (0-1) of unanswerable questions it answered anyway."""
        return self.unanswerable_answered / self.unanswerable if self.unanswerable else 0.0


@dataclass(frozen=True)
class SplitScore:
    """Every system on one split, factbot first."""

    split: str
    questions: int
    systems: tuple[SystemScore, ...]

    def of(self, system: str) -> SystemScore:
        """The score of the system named `system`."""
        return next(score for score in self.systems if score.system == system)


def categories(questions: Iterable[Question]) -> list[str]:
    """The categories of the answerable `questions`, in report order."""
    present = {question.category for question in questions if question.answerable}
    known = [category for category in CATEGORY_ORDER if category in present]
    return known + sorted(present - set(known))


def score(system: str, outcomes: Sequence[Outcome]) -> SystemScore:
    """Figures per category and over all answerable questions; unanswerable ones answered."""
    answerable = [outcome for outcome in outcomes if outcome.question.answerable]
    unanswerable = [outcome for outcome in outcomes if not outcome.question.answerable]
    return SystemScore(
        system=system,
        outcomes=tuple(outcomes),
        categories={category: Figures.of([outcome for outcome in answerable
                                          if outcome.question.category == category])
                    for category in categories(outcome.question for outcome in outcomes)},
        answerable=Figures.of(answerable),
        unanswerable=len(unanswerable),
        unanswerable_answered=sum(outcome.reply.answered for outcome in unanswerable),
    )


def evaluate(splits: Mapping[str, Sequence[Question]],
             systems: Sequence[System]) -> list[SplitScore]:
    """Every question of every split put to every system."""
    return [SplitScore(split, len(questions), tuple(
        score(system.name, [Outcome(question, system.ask(question.text))
                            for question in questions])
        for system in systems)) for split, questions in splits.items()]
