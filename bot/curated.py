"""Reads the curated fact base (`facts/`) and its source articles (`seeds/`), and checks them.

`load_curated` returns the validated base or raises `CurationError` listing every problem: each
names the file, the item id and the field, so a curator can fix them all in one pass.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from bot.evidence import evidence_problems, text_problems
from bot.models import ITEM_MODELS, Item, Person, Quote, Source, Statement

FACT_FILES: dict[str, str] = {
    "person": "people.json",
    "demand": "demands.json",
    "quote": "quotes.json",
    "statement": "statements.json",
    "event": "timeline.json",
    "fact": "facts.json",
}
"""The file in `facts/` that holds each kind of item."""

SOURCES_FILE = "sources.json"


class CurationError(Exception):
    """The curated files have problems; `problems` holds one line for each."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class CuratedBase:
    """The validated sources, their texts, and every curated item."""

    sources: list[Source] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)
    items: list[Item] = field(default_factory=list)


def describe_validation_error(where: str, error: ValidationError) -> list[str]:
    """One line per problem: where, the field, and what is expected."""
    lines = []
    for problem in error.errors():
        location = ".".join(str(part) for part in problem["loc"]) or "item"
        message = problem["msg"].removeprefix("Value error, ")
        lines.append(f"{where}: field '{location}': {message}")
    return lines


def _read_json_list(path: Path, problems: list[str]) -> list[Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        problems.append(f"{path}: file is missing")
        return []
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        problems.append(f"{path}: cannot be read as JSON: {error}")
        return []
    if not isinstance(data, list):
        problems.append(f"{path}: must hold a JSON list of items")
        return []
    return data


def _validate(
    model: type[Source] | type[Item], raw: object, path: Path, index: int, problems: list[str]
) -> Source | Item | None:
    item_id = raw.get("id") if isinstance(raw, dict) else None
    where = f"{path}: item '{item_id}'" if item_id else f"{path}: item #{index + 1}"
    try:
        return model.model_validate(raw)
    except ValidationError as error:
        problems.extend(describe_validation_error(where, error))
        return None


def _load_sources(seeds_dir: Path, problems: list[str]) -> tuple[list[Source], dict[str, str]]:
    path = seeds_dir / SOURCES_FILE
    sources: list[Source] = []
    texts: dict[str, str] = {}
    for index, raw in enumerate(_read_json_list(path, problems)):
        source = _validate(Source, raw, path, index, problems)
        if not isinstance(source, Source):
            continue
        sources.append(source)
        if source.file is None:
            continue
        try:
            texts[source.id] = (seeds_dir / source.file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            problems.append(f"{path}: source '{source.id}': field 'file': cannot be read: {error}")
            continue
        problems.extend(text_problems(source, texts[source.id], f"{seeds_dir / source.file}"))
    return sources, texts


def _check_references(base: CuratedBase, files: dict[str, Path], problems: list[str]) -> None:
    """Unique ids, known sources and speakers, and evidence verbatim in its source's text."""
    seen: dict[str, str] = {}
    sources = {source.id: source for source in base.sources}
    source_ids = set(sources)
    person_ids = {item.id for item in base.items if isinstance(item, Person)}
    for item in base.items:
        where = f"{files[item.KIND]}: item '{item.id}'"
        if item.id in seen:
            problems.append(f"{where}: field 'id': already used by a {seen[item.id]}")
        seen[item.id] = item.KIND
        if item.source not in source_ids:
            problems.append(f"{where}: field 'source': no source '{item.source}' in seeds/")
        if isinstance(item, Quote | Statement) and item.speaker not in person_ids:
            problems.append(f"{where}: field 'speaker': no person '{item.speaker}' in people.json")
        if item.source in base.texts:
            problems.extend(evidence_problems(item, sources, base.texts, where))


def load_curated(facts_dir: Path, seeds_dir: Path) -> CuratedBase:
    """Read and validate every curated file; raise `CurationError` listing all problems."""
    problems: list[str] = []
    sources, texts = _load_sources(seeds_dir, problems)
    base = CuratedBase(sources=sources, texts=texts)
    files = {kind: facts_dir / name for kind, name in FACT_FILES.items()}
    for kind, path in files.items():
        for index, raw in enumerate(_read_json_list(path, problems)):
            item = _validate(ITEM_MODELS[kind], raw, path, index, problems)
            if isinstance(item, Item):
                base.items.append(item)
    _check_references(base, files, problems)
    if problems:
        raise CurationError(problems)
    return base
