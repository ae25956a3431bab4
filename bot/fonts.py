"""The fonts pictures are drawn in, and text fitted to a width in them.

DejaVu Sans and Serif cover Latin, Cyrillic and Greek; they ship with matplotlib (under its
licence file `LICENSE_DEJAVU`), so the `pictures` extra brings them and nothing is downloaded.
Needs the `pictures` extra (Pillow and matplotlib).
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import matplotlib
from PIL import ImageFont

FONT_DIR = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
SANS = "DejaVuSans.ttf"
SANS_BOLD = "DejaVuSans-Bold.ttf"
SERIF = "DejaVuSerif.ttf"
ELLIPSIS = "…"
_SENTENCE_END = re.compile(r"(?<=[.!?…])[”’\"')\]]*\s+")


@functools.lru_cache(maxsize=128)
def font(name: str, size: int) -> ImageFont.FreeTypeFont:
    """The font file `name` at `size` pixels."""
    return ImageFont.truetype(str(FONT_DIR / name), size)


@functools.lru_cache(maxsize=4)
def covered(name: str) -> frozenset[int]:
    """The code points the font file `name` has glyphs for."""
    from matplotlib.ft2font import FT2Font

    return frozenset(FT2Font(str(FONT_DIR / name)).get_charmap())


def width(text: str, face: ImageFont.FreeTypeFont) -> float:
    """How wide `text` is in `face`, in pixels."""
    return face.getlength(text)


def cut(text: str, face: ImageFont.FreeTypeFont, limit: float) -> str:
    """`text`, or as many of its words as fit in `limit` pixels followed by "…"."""
    if width(text, face) <= limit:
        return text
    words = text.split()
    while words and width(" ".join(words) + ELLIPSIS, face) > limit:
        words.pop()
    if not words:
        shown = text
        while shown and width(shown + ELLIPSIS, face) > limit:
            shown = shown[:-1]
        return shown + ELLIPSIS
    return " ".join(words).rstrip(",;:—–-") + ELLIPSIS


def wrap(text: str, face: ImageFont.FreeTypeFont, limit: float) -> list[str]:
    """`text` broken into lines of at most `limit` pixels at spaces (a word longer than a line
    is cut to fit)."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if width(candidate, face) <= limit:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = word if width(word, face) <= limit else cut(word, face, limit)
    if line:
        lines.append(line)
    return lines


def sentences(text: str) -> list[str]:
    """`text` split after each sentence's end (the spaces kept with the sentence before)."""
    parts: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        parts.append(text[start:match.end()])
        start = match.end()
    if start < len(text):
        parts.append(text[start:])
    return parts
