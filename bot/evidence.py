"""Evidence in a source's text: its sentences, a quotation found verbatim, the sentences closest
to a paraphrase, and the check that every item's evidence is still word for word in its text.

A quotation is found however its quotation marks are written (curly or straight) and however
its spaces are spread; what is kept as evidence is always the article's own text, so it is a
substring of the source, as the curated evidence is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process, utils

from bot.documents import digest
from bot.models import MAX_EVIDENCE_TOTAL, Item, Source

OPENING = "“„«"
CLOSING = "”»"
MAX_SENTENCE = 1200
"""Longest sentence kept as evidence (the models' limit for one piece of evidence)."""
_ABBREVIATION = re.compile(r"(?:\b[A-Z]\.|\b(?:Mr|Mrs|Ms|Dr|Gen|Sen|Rep|Gov|St|Jr|Sr|No|vs"
                           r"|Lt|Col|Capt|Adm|Prof|Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec)\.)$")
_QUOTE_MARKS = str.maketrans(dict.fromkeys('“”„‟«»"', '"') | dict.fromkeys("‘’‚‛`", "'"))
_OUTER = "\"'“”‘’«»„ \t\n,"


@dataclass(frozen=True)
class Span:
    """A passage of a text, from `start` to `end`."""

    start: int
    end: int

    def of(self, text: str) -> str:
        """The passage itself."""
        return text[self.start:self.end]


@dataclass(frozen=True)
class Located:
    """A quotation found in a text: its own words there, and the sentences holding it."""

    quote: str
    evidence: str
    span: Span


def sentences(text: str) -> list[Span]:
    """The sentences of `text`, in order: a line is split after `.`, `!` or `?` (and any closing
    quotation mark) before a capital or an opening quotation mark, but never inside a quotation
    or after an abbreviation such as "U.S." or "Gen."."""
    found: list[Span] = []
    offset = 0
    for line in text.split("\n"):
        start, depth, straight = 0, 0, False
        for position, char in enumerate(line):
            if char in OPENING:
                depth += 1
            elif char in CLOSING:
                depth = max(0, depth - 1)
            elif char == '"':
                straight = not straight
            if char not in ".!?":
                continue
            end, open_after, straight_after = position + 1, depth, straight
            while end < len(line) and line[end] in "”»’\")":
                if line[end] in CLOSING:
                    open_after = max(0, open_after - 1)
                elif line[end] == '"':
                    straight_after = not straight_after
                end += 1
            if open_after or straight_after:
                continue
            depth, straight = open_after, straight_after
            rest = line[end:]
            if not rest.startswith(" ") or not re.match(r" +[A-Z0-9“\"‘(]", rest):
                continue
            if char == "." and _ABBREVIATION.search(line[start:position + 1]):
                continue
            found.append(Span(offset + start, offset + end))
            start = end + len(rest) - len(rest.lstrip(" "))
        if line[start:].strip():
            found.append(Span(offset + start, offset + len(line.rstrip())))
        offset += len(line) + 1
    return found


def _folded(text: str) -> tuple[str, list[int]]:
    """`text` with quotation marks made straight and runs of space made one, and for each of
    its characters the position it came from."""
    chars: list[str] = []
    origin: list[int] = []
    for position, char in enumerate(text.translate(_QUOTE_MARKS)):
        if char.isspace():
            if chars and chars[-1] == " ":
                continue
            char = " "
        chars.append(char)
        origin.append(position)
    return "".join(chars), origin


def covering(text: str, span: Span) -> Span:
    """The whole sentences of `text` that hold `span`."""
    chosen = [s for s in sentences(text) if s.start < span.end and span.start < s.end]
    if not chosen:
        return span
    return Span(chosen[0].start, chosen[-1].end)


def locate(text: str, quote: str) -> Located | None:
    """Where `quote` is in `text`, word for word but for its quotation marks and spaces (the
    marks around it and a trailing comma left out); None when it is not there."""
    wanted, _ = _folded(quote.strip(_OUTER))
    wanted = wanted.strip()
    if len(wanted) < 2:
        return None
    folded, origin = _folded(text)
    at = folded.find(wanted)
    if at < 0:
        return None
    span = Span(origin[at], origin[at + len(wanted) - 1] + 1)
    whole = covering(text, span)
    if text[whole.start] in OPENING + '"':
        before = [s for s in sentences(text) if s.end <= whole.start]
        if before and "\n" not in text[before[-1].end:whole.start]:
            whole = Span(before[-1].start, whole.end)
    evidence = whole.of(text)
    if len(evidence) > MAX_SENTENCE:
        evidence = span.of(text)
    return Located(quote=span.of(text), evidence=evidence, span=span)


def closest(text: str, wanted: str, limit: int = 5, *, passage: bool = False) -> list[Span]:
    """The sentences of `text` closest in wording to `wanted`, best first: by their words, or
    (`passage`) by the stretch of a sentence that reads most like it."""
    spans = [span for span in sentences(text) if len(span.of(text)) <= MAX_SENTENCE]
    choices = [span.of(text) for span in spans]
    scorer = fuzz.partial_ratio if passage else fuzz.token_set_ratio
    found = process.extract(wanted, choices, scorer=scorer, limit=limit,
                            processor=utils.default_process)
    return [spans[index] for _choice, _score, index in found]


def closest_passage(text: str, quote: str, size: int = 160) -> str:
    """The passage of `text` that comes closest to `quote`, for a refusal to show."""
    spans = closest(text, quote, limit=1, passage=True)
    if not spans:
        return ""
    sentence = spans[0].of(text)
    if len(sentence) <= size:
        return sentence
    alignment = fuzz.partial_ratio_alignment(quote, sentence, processor=utils.default_process)
    start = max(0, alignment.dest_start - 20) if alignment is not None else 0
    return ("…" if start else "") + sentence[start:start + size].rstrip() + "…"


def evidence_at(text: str, numbers: list[int]) -> tuple[str, ...] | None:
    """The sentences of `text` with these numbers (from 1), as evidence; None if any is not
    there or together they are too long."""
    spans = sentences(text)
    if not numbers or any(not 1 <= number <= len(spans) for number in numbers):
        return None
    chosen = tuple(spans[number - 1].of(text) for number in dict.fromkeys(numbers))
    if sum(map(len, chosen)) > MAX_EVIDENCE_TOTAL or max(map(len, chosen)) > MAX_SENTENCE:
        return None
    return chosen


def evidence_problems(item: Item, sources: dict[str, Source], texts: dict[str, str],
                      where: str) -> list[str]:
    """One line for each of `item`'s evidence sentences that is not verbatim in its source's
    text (evidence of a source without a text cannot be checked: see `uncheckable`)."""
    if not item.evidence:
        return []
    text = texts.get(item.source)
    if text is None:
        return [] if item.source in sources else [
            f"{where}: field 'source': no source '{item.source}'"]
    return [f"{where}: field 'evidence.{number}': not verbatim in source '{item.source}':"
            f" {sentence[:60]!r}"
            for number, sentence in enumerate(item.evidence) if sentence not in text]


def text_problems(source: Source, text: str, where: str) -> list[str]:
    """A line when `text` is not the text `source` was stored with (its SHA-256 differs)."""
    if source.sha256 is not None and digest(text) != source.sha256:
        return [f"{where}: source '{source.id}': its text has changed since it was added"
                f" (SHA-256 {digest(text)[:12]}…, expected {source.sha256[:12]}…)"]
    return []


def uncheckable(texts: dict[str, str], items: list[Item]) -> int:
    """How many items have evidence but a source without a stored text to check it against."""
    return sum(1 for item in items if item.evidence and item.source not in texts)


def verify(sources: dict[str, Source], texts: dict[str, str], items: list[Item],
           where: str) -> list[str]:
    """Every problem of a stored base's evidence: texts changed since they were stored, and
    live items whose evidence is not verbatim in their source's text."""
    problems: list[str] = []
    for source_id, text in texts.items():
        source = sources.get(source_id)
        if source is not None:
            problems.extend(text_problems(source, text, where))
    for item in items:
        if not item.deleted:
            problems.extend(evidence_problems(item, sources, texts,
                                              f"{where}: {item.KIND} '{item.id}'"))
    return problems
