"""The answer-quality evaluation on the real question set: every label names a real item, the
two splits are reported apart, each system's figures follow from its replies, and factbot's
answers do not get worse than they were."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from bench.quality.__main__ import main
from bench.quality.questions import SPLITS, Question, load_split
from bench.quality.scoring import SplitScore, SystemScore, evaluate
from bench.quality.systems import DEPTH, SYSTEMS, open_systems, search_text
from bot.commands import answer
from bot.factbase import FactBase

HIT5_FLOORS = {"tuned": 0.945, "heldout": 0.93}
"""factbot's least hit@5 over the answerable questions of each split: as last measured, less
2 points (the held-out split holds sets nobody tuned on: `hb` to `hf`). Raise them as
the search improves."""
HIT1_FLOORS = {"tuned": 0.89, "heldout": 0.88}
"""factbot's least hit@1 likewise: a ranking turned upside down keeps much of hit@5."""
UNANSWERED_CEILINGS = {"tuned": 0.06, "heldout": 0.065}
"""The largest share of unanswerable questions factbot may answer anyway, as last measured plus
2 points. Lower them as the search gets more honest."""


@dataclass
class Run:
    base: FactBase
    questions: dict[str, list[Question]]
    scores: dict[str, SplitScore]


@pytest.fixture(scope="module")
def run() -> Iterator[Run]:
    questions = {split: load_split(split) for split in SPLITS}
    with open_systems() as (base, systems):
        scores = {score.split: score for score in evaluate(questions, systems)}
        yield Run(base, questions, scores)


def test_every_labelled_answer_is_an_item_of_the_fact_base(run: Run) -> None:
    live = {item_id for item_id, item in run.base.items.items() if not item.deleted}
    for questions in run.questions.values():
        for question in questions:
            assert set(question.answers) <= live, (question.id, set(question.answers) - live)


def test_the_two_splits_are_distinct_and_both_have_unanswerable_questions(run: Run) -> None:
    tuned, heldout = ({question.id for question in run.questions[split]} for split in SPLITS)
    assert tuned
    assert heldout
    assert not tuned & heldout
    for questions in run.questions.values():
        assert any(not question.answerable for question in questions)


Figures = tuple[int, float, float, float]
"""Questions, hit@1, hit@5, MRR."""


def _recomputed(score: SystemScore, questions: list[Question]) -> tuple[dict[str, Figures], int]:
    """hit@1, hit@5, MRR per category and overall, and unanswerable answered, from the labels
    and the ids the system returned, question by question."""
    assert [outcome.question for outcome in score.outcomes] == questions
    rows: dict[str, list[tuple[bool, bool, float]]] = {}
    answered = 0
    for question, outcome in zip(questions, score.outcomes, strict=True):
        ids = list(outcome.reply.ids)
        if not question.answers:
            answered += outcome.reply.answered
            continue
        places = [ids.index(item_id) + 1 for item_id in question.answers if item_id in ids]
        first = min(places, default=0)
        row = (first == 1, 0 < first <= 5, 1 / first if first else 0.0)
        for key in (question.category, "all"):
            rows.setdefault(key, []).append(row)
    figures = {key: (len(row), *(sum(column) / len(row) for column in zip(*row, strict=True)))
               for key, row in rows.items()}
    return figures, answered


@pytest.mark.parametrize("split", SPLITS)
@pytest.mark.parametrize("system", list(SYSTEMS))
def test_each_systems_figures_follow_from_its_replies(run: Run, split: str, system: str) -> None:
    score = run.scores[split].of(system)
    expected, answered = _recomputed(score, run.questions[split])
    reported: dict[str, Figures] = {
        category: (figures.questions, figures.hit1, figures.hit5, figures.mrr)
        for category, figures in score.categories.items()}
    overall = score.answerable
    reported["all"] = (overall.questions, overall.hit1, overall.hit5, overall.mrr)
    assert reported.keys() == expected.keys()
    for key, figures in expected.items():
        assert reported[key] == pytest.approx(figures), key
    assert score.unanswerable_answered == answered
    assert score.unanswerable == sum(not q.answers for q in run.questions[split])


@pytest.mark.parametrize("split", SPLITS)
def test_factbots_replies_are_what_users_get(run: Run, split: str) -> None:
    for outcome in run.scores[split].of("factbot").outcomes:
        reply = answer(run.base, outcome.question.text)
        assert outcome.reply.ids == tuple(entry.item_id for entry in reply.entries)[:DEPTH]
        if reply.status == "not_found":
            assert not outcome.reply.answered


@pytest.mark.parametrize("split", SPLITS)
def test_factbot_stays_above_its_floors(run: Run, split: str) -> None:
    factbot = run.scores[split].of("factbot")
    assert factbot.answerable.hit5 >= HIT5_FLOORS[split]
    assert factbot.answerable.hit1 >= HIT1_FLOORS[split]
    assert factbot.unanswerable_rate <= UNANSWERED_CEILINGS[split]


def test_the_command_reports_both_splits_apart(capsys: pytest.CaptureFixture[str],
                                               run: Run) -> None:
    assert main(["--json"]) == 0
    reported = json.loads(capsys.readouterr().out)["splits"]
    assert list(reported) == list(SPLITS)
    for split, questions in run.questions.items():
        assert reported[split]["questions"] == len(questions)
        systems = reported[split]["systems"]
        assert list(systems) == list(SYSTEMS)
        factbot = systems["factbot"]
        assert factbot["all_answerable"]["hit@5"] == pytest.approx(
            run.scores[split].of("factbot").answerable.hit5, abs=1e-4)
        assert factbot["all_answerable"]["questions"] + factbot["unanswerable"]["questions"] \
            == len(questions)
    assert main(["--split", "heldout", "--systems", "fts5,factbot"]) == 0
    table = capsys.readouterr().out
    assert "### heldout (" in table
    assert "### tuned" not in table
    assert "| category | questions | factbot | fts5 |" in table


def test_failures_list_factbots_tuned_misses_and_never_a_heldout_question(
        capsys: pytest.CaptureFixture[str], run: Run) -> None:
    assert main(["--failures"]) == 0
    listed = capsys.readouterr().out.split("factbot's misses in the tuned split:", 1)[1]
    shown = {line.split("] ", 1)[1].split(":", 1)[0]
             for line in listed.splitlines() if line.startswith("- [")}
    missed = {outcome.question.id for outcome in run.scores["tuned"].of("factbot").outcomes
              if not outcome.hit(5) and (outcome.question.answerable or outcome.reply.answered)}
    assert shown == missed
    assert missed
    heldout = {question.id for question in run.questions["heldout"]}
    assert not shown & heldout
    assert main(["--split", "heldout", "--failures"]) == 0
    assert "misses" not in capsys.readouterr().out


def test_baselines_search_a_commands_arguments() -> None:
    assert search_text("/timeline@factbot invasion") == "invasion"
    assert search_text("/demands") == "demands"
    assert search_text("what does russia want") == "what does russia want"
