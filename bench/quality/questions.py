"""The labelled questions: what users type, and the ids of the items that answer it."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel, ConfigDict

QUESTIONS_DIR = Path(__file__).resolve().parent.parent / "questions"
SPLITS = ("tuned", "heldout")
"""`tuned` may guide changes to the search; `heldout` is only measured."""


class Question(BaseModel):
    """One question; no answers means the sources cannot answer it."""

    model_config = ConfigDict(frozen=True)

    id: str
    category: str
    lang: str
    text: str
    answers: tuple[str, ...]

    @property
    def answerable(self) -> bool:
        """Whether some item answers it."""
        return bool(self.answers)


def load_split(split: str, directory: Path = QUESTIONS_DIR) -> list[Question]:
    """The questions of one split, in file order."""
    data = json.loads((directory / f"{split}.json").read_text(encoding="utf-8"))
    return [Question.model_validate(entry) for entry in data]
