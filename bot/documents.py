"""A source's article as text: read from the file an editor sends (plain text, Markdown or HTML,
HTML reduced to the article's own text), and fingerprinted so that tampering shows."""

from __future__ import annotations

import hashlib
import re

MAX_DOCUMENT_BYTES = 5 * 1024 * 1024
"""The largest article file accepted."""
_HTML = re.compile(rb"^\s*(?:<!doctype html|<html|<head|<body|<article|<p[ >]|<div)", re.I)
_SPACES = re.compile(r"[ \t\u00a0]+")


class DocumentError(ValueError):
    """The file cannot be read as an article; the message says why, in one line."""


def digest(text: str) -> str:
    """The SHA-256 of `text` as UTF-8, in hex."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def is_html(data: bytes) -> bool:
    """Whether `data` looks like an HTML page rather than plain text."""
    return _HTML.match(data[:2048]) is not None


def _from_html(data: bytes) -> str:
    import trafilatura

    text = trafilatura.extract(data.decode("utf-8", "replace"), include_comments=False,
                               include_tables=False, favor_precision=True)
    if not text:
        raise DocumentError("the HTML page holds no article text that could be found")
    return text


def read_document(data: bytes) -> str:
    """The article's text from a file's bytes: UTF-8 text as it is (line ends made `\\n`, a
    byte-order mark dropped), or the article of an HTML page. Raises `DocumentError`."""
    if len(data) > MAX_DOCUMENT_BYTES:
        raise DocumentError(f"the file is too large: at most {MAX_DOCUMENT_BYTES // 2**20} MB")
    html = is_html(data)
    if html:
        text = _from_html(data)
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise DocumentError(f"the file is not UTF-8 text (byte {error.start}): save it as"
                                " UTF-8, or send the page as HTML") from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        raise DocumentError("the file is not text (it holds NUL bytes)")
    if html:
        text = "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    text = text.strip("\n")
    if not text.strip():
        raise DocumentError("the file holds no text")
    return text
