"""Draws a quote card (`CardSpec`) with Pillow: a square with the quotation, the speaker, their
role, the date and the source.

The quotation takes the largest type size at which it fits its box; a quotation too long for
the smallest size is cut after its last whole sentence that fits, with "…" (the caption
carries the full text). DejaVu Serif and Sans cover Latin and Cyrillic. Needs the `pictures`
extra.
"""

from __future__ import annotations

import io

from PIL import Image, ImageDraw, ImageFont

from bot import fonts
from bot.drawing import CardSpec, Drawing, Label

SIDE = 1080
MARGIN = 96
TEXT_TOP = 250
TEXT_BOTTOM = 730
LARGEST = 60
SMALLEST = 30
LEADING = 1.32
PAPER = "#f6f3ec"
INK = "#1f2933"
MUTED = "#52606d"
ACCENT = "#2458a6"


def _lines_at(text: str, size: int) -> list[str] | None:
    """`text` wrapped at `size`, or None if it does not fit the quotation's box."""
    face = fonts.font(fonts.SERIF, size)
    lines = fonts.wrap(text, face, SIDE - 2 * MARGIN)
    return lines if len(lines) * size * LEADING <= TEXT_BOTTOM - TEXT_TOP else None


def fit(text: str) -> tuple[int, list[str]]:
    """The type size and lines the quotation is set in: the largest size that holds all of it,
    or at the smallest, its whole sentences that fit, followed by "…"."""
    for size in range(LARGEST, SMALLEST - 1, -2):
        lines = _lines_at(text, size)
        if lines is not None:
            return size, lines
    kept = ""
    for sentence in fonts.sentences(text):
        candidate = kept + sentence
        if _lines_at(candidate.rstrip() + " " + fonts.ELLIPSIS, SMALLEST) is None:
            break
        kept = candidate
    if kept:
        return SMALLEST, fonts.wrap(kept.rstrip() + " " + fonts.ELLIPSIS,
                                    fonts.font(fonts.SERIF, SMALLEST), SIDE - 2 * MARGIN)
    face = fonts.font(fonts.SERIF, SMALLEST)
    most = int((TEXT_BOTTOM - TEXT_TOP) // (SMALLEST * LEADING))
    lines = fonts.wrap(text, face, SIDE - 2 * MARGIN)[:most]
    lines[-1] = fonts.cut(f"{lines[-1]} {fonts.ELLIPSIS}", face, SIDE - 2 * MARGIN)
    return SMALLEST, lines


def draw(spec: CardSpec) -> Drawing:
    """The card as a PNG, with where each piece of text was drawn."""
    image = Image.new("RGB", (SIDE, SIDE), PAPER)
    pen = ImageDraw.Draw(image)
    labels: list[Label] = []

    def write(role: str, xy: tuple[float, float], text: str, face: ImageFont.FreeTypeFont,
              fill: str) -> None:
        pen.text(xy, text, font=face, fill=fill)
        labels.append(Label(role, text, pen.textbbox(xy, text, font=face), spec.item_id))

    pen.rectangle((0, 0, 18, SIDE), fill=ACCENT)
    pen.text((MARGIN - 12, 40), "“", font=fonts.font(fonts.SERIF, 260), fill=ACCENT)
    size, lines = fit(spec.text)
    face = fonts.font(fonts.SERIF, size)
    for number, line in enumerate(lines):
        write("quote", (MARGIN, TEXT_TOP + number * size * LEADING), line, face, INK)
    pen.rectangle((MARGIN, 770, MARGIN + 120, 774), fill=ACCENT)
    width = SIDE - 2 * MARGIN
    name_face = fonts.font(fonts.SANS_BOLD, 40)
    write("speaker", (MARGIN, 796), fonts.cut(spec.speaker, name_face, width), name_face, INK)
    role_face = fonts.font(fonts.SANS, 26)
    roles = fonts.wrap(spec.role, role_face, width)
    if len(roles) > 2:
        roles = [roles[0], fonts.cut(" ".join(roles[1:]), role_face, width)]
    for number, line in enumerate(roles):
        write("role", (MARGIN, 856 + number * 36), line, role_face, MUTED)
    footer_face = fonts.font(fonts.SANS, 24)
    footer = " · ".join(part for part in (spec.when, spec.source) if part)
    write("footer", (MARGIN, 985), fonts.cut(footer, footer_face, width), footer_face, MUTED)
    png = io.BytesIO()
    image.save(png, "PNG", compress_level=6)
    return Drawing(png.getvalue(), SIDE, SIDE, tuple(labels))
