"""The `factbot` command: the offline console, fact-base maintenance, and running the bot.

    factbot ask "/quote kellogg"   one answer, as plain text (--lang ru|uk: in that language)
    factbot chat                   an interactive console over the same answers (--lang too)
    factbot check                  validate facts/ and seeds/
    factbot load                   fill or refresh the database from facts/
    factbot export [-o FILE]       the whole base as JSON
    factbot picture timeline [year|topic] [-o FILE]   the timeline as a chart (PNG)
    factbot picture quote ID [-o FILE]                a quote as a square card (PNG)
    factbot admin --as ID "/addfact ..."   an admin command, acting as that Telegram user id
    factbot run                    the Telegram bot
    factbot status                 whether the bot is up (exit code 0), and when it last heard
                                   from Telegram
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from pydantic import ValidationError

from bot import exits
from bot.commands import answer
from bot.config import Settings
from bot.control import Outcome, Request, send
from bot.curated import CurationError, describe_validation_error, load_curated
from bot.evidence import uncheckable, verify
from bot.factbase import FactBase
from bot.glossary import Glossary, GlossaryError, meaningless
from bot.i18n import LANGUAGES, Language, _, speaking
from bot.index import SearchIndex
from bot.layout import PLAIN, render_all
from bot.lock import DatabaseBusyError, holder_of
from bot.maintenance import curation_failure, failure, perform
from bot.status import describe, read_status, status_path
from bot.storage import DatabaseError
from bot.store import FactStore
from bot.tipline import Tipline

RUN = "factbot run"


def open_factbase(settings: Settings, command: str) -> FactBase:
    """The fact base at the configured path, for reading: filled from the curated files if new;
    read as the running bot last confirmed it while the bot holds it."""
    return FactBase.open(settings.db_path, settings.facts_dir, settings.seeds_dir, write=False,
                         command=f"factbot {command}")


def reply_text(base: FactBase, text: str, lang: Language = "en") -> str:
    """What the console prints for one line a user typed, the bot's words in `lang`."""
    return render_all(answer(base, text, lang), PLAIN)


def _ask(settings: Settings, args: argparse.Namespace) -> int:
    base = open_factbase(settings, "ask")
    try:
        print(reply_text(base, " ".join(args.text), args.lang))
    finally:
        base.close()
    return exits.OK


def _chat(settings: Settings, args: argparse.Namespace, stdin: TextIO = sys.stdin) -> int:
    base = open_factbase(settings, "chat")
    interactive = stdin.isatty()
    if interactive:
        with speaking(args.lang):
            print(_("factbot console: type a command such as /demands or a question; /help"
                    " lists all, Ctrl-D quits."))
    try:
        while True:
            if interactive:
                print("› ", end="", flush=True)
            line = stdin.readline()
            if not line:
                break
            if not line.strip():
                continue
            if interactive and line.strip().lower() in {"quit", "exit", "/quit", "/exit"}:
                break
            print(reply_text(base, line.rstrip("\n"), args.lang))
            print()
    except KeyboardInterrupt:
        print()
    finally:
        base.close()
    return exits.OK


def _check(settings: Settings, args: argparse.Namespace) -> int:
    base = load_curated(settings.facts_dir, settings.seeds_dir)
    counts: dict[str, int] = {}
    for item in base.items:
        counts[item.KIND] = counts.get(item.KIND, 0) + 1
    plural = {"person": "people and organisations"}
    listing = ", ".join(f"{number} {plural.get(kind, kind + 's')}"
                        for kind, number in counts.items())
    try:
        glossary = Glossary.load(settings.facts_dir)
    except GlossaryError as error:
        print(error, file=sys.stderr)
        return exits.PROBLEM
    index = SearchIndex(glossary)
    index.build(base.items)
    problems = meaningless(glossary, index.knows)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return exits.PROBLEM
    print(f"OK: {len(base.sources)} source(s), {len(base.items)} items ({listing});"
          " every evidence sentence is verbatim in its source;"
          f" {len(glossary.entries)} glossary entries, each meaning words of the fact base.")
    return _check_database(settings)


def _check_database(settings: Settings) -> int:
    """Verify the stored base, if there is one: every live item, curated or added, against
    its source's stored text, and each text against its SHA-256."""
    if not settings.db_path.exists():
        return exits.OK
    store = FactStore(settings.db_path, read_only=True)
    try:
        sources = {source.id: source for source in store.sources()}
        texts = store.texts()
        items = [item for item in store.items() if not item.deleted]
    finally:
        store.close()
    problems = verify(sources, texts, items, str(settings.db_path))
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return exits.PROBLEM
    unverified = sum(1 for item in items if not item.verified)
    missing = uncheckable(texts, items)
    print(f"OK: {settings.db_path}: {len(items) - unverified - missing} items checked against"
          f" {len(texts)} source text(s), each text as stored (SHA-256); {unverified} added as"
          " unverified" + (f"; {missing} whose source has no stored text (`factbot load` stores"
                           " the curated ones)" if missing else "") + ".")
    return exits.OK


def _export(settings: Settings, args: argparse.Namespace) -> int:
    base = open_factbase(settings, "export")
    try:
        text = json.dumps(base.store.export(), ensure_ascii=False, indent=2)
    finally:
        base.close()
    if args.output:
        Path(args.output).write_text(text + "\n", encoding="utf-8")
        print(f"Wrote {args.output}")
    else:
        print(text)
    return exits.OK


def _picture(settings: Settings, args: argparse.Namespace) -> int:
    from bot import pictures

    problem = pictures.missing()
    if problem is not None:
        print(f"factbot: {problem}", file=sys.stderr)
        return exits.PROBLEM
    base = open_factbase(settings, "picture")
    try:
        if args.what == "timeline":
            topic = " ".join(args.topic)
            picture = pictures.timeline_picture(base, topic, args.lang)
            missed = f"/timeline {topic}".strip()
        else:
            picture = pictures.quote_picture(base, args.id, args.lang)
            missed = f"/source {args.id}"
        if picture is None:
            other = args.what == "quote" and args.id.strip().lower() in base.items
            print(f"factbot: {args.id} is not a quote: `factbot ask /quotes` lists them" if other
                  else reply_text(base, missed, args.lang), file=sys.stderr)
            return exits.PROBLEM
    finally:
        base.close()
    try:
        Path(args.output).write_bytes(picture.drawing.png)
    except OSError as error:
        print(f"factbot: cannot write {args.output}: {error.strerror}", file=sys.stderr)
        return exits.PROBLEM
    drawing = picture.drawing
    print(f"Wrote {args.output} ({drawing.width}×{drawing.height} pixels). Caption:")
    print(pictures.caption_text(picture, PLAIN))
    return exits.OK


def _maintain(settings: Settings, request: Request) -> Outcome:
    """Run a maintenance command: through the running bot if one serves the database, else here,
    holding the database; waits up to FACTBOT_LOCK_WAIT for another writer to finish."""
    from bot.roles import Admin

    deadline = time.monotonic() + settings.lock_wait
    while True:
        forwarded = send(settings.db_path, request)
        if forwarded is not None:
            return forwarded
        try:
            base = FactBase.open(settings.db_path, settings.facts_dir, settings.seeds_dir,
                                 command=f"factbot {request.command}")
        except DatabaseBusyError:
            if time.monotonic() >= deadline:
                raise
            time.sleep(0.1)
            continue
        try:
            tipline = Tipline(base, channel=settings.channel_id,
                              digest_delay=settings.digest_seconds)
            admin = Admin(base, settings.owner_ids, settings.facts_dir, settings.seeds_dir,
                          tipline=tipline)
            return asyncio.run(perform(admin, request))
        finally:
            base.close()


def _print(outcome: Outcome) -> int:
    sys.stdout.write(outcome.out)
    sys.stderr.write(outcome.err)
    return outcome.code


def _load(settings: Settings, args: argparse.Namespace) -> int:
    return _print(_maintain(settings, Request("load")))


def _read_file(name: str) -> bytes | str:
    try:
        return Path(name).read_bytes()
    except OSError as error:
        return f"factbot: cannot read the file {name}: {error.strerror}"


def _admin(settings: Settings, args: argparse.Namespace) -> int:
    file = None
    if args.file:
        data = _read_file(args.file)
        if isinstance(data, str):
            print(data, file=sys.stderr)
            return exits.USAGE
        file = data
    text = " ".join(args.text).strip()
    return _print(_maintain(settings, Request("admin", args.actor, text, file)))


def _run(settings: Settings, args: argparse.Namespace) -> int:
    from bot.telegram.app import api_unreachable, read_token, run_bot, token_problem

    token = read_token(settings)
    if token is None:
        print(f"factbot: {token_problem(settings)}", file=sys.stderr)
        return exits.USAGE
    unreachable = api_unreachable(settings)
    if unreachable is not None:
        print(f"factbot: {unreachable}", file=sys.stderr)
        return exits.API_UNREACHABLE
    holder = holder_of(settings.db_path)
    wait = 0.0 if holder is not None and holder.command == RUN else settings.lock_wait
    base = FactBase.open(settings.db_path, settings.facts_dir, settings.seeds_dir, command=RUN,
                         wait=wait)
    try:
        return run_bot(settings, base, token)
    finally:
        base.close()


def _status(settings: Settings, args: argparse.Namespace) -> int:
    healthy, line = describe(read_status(status_path(settings.db_path)), time.time())
    print(line)
    return exits.OK if healthy else exits.PROBLEM


def build_parser() -> argparse.ArgumentParser:
    """The command-line interface."""
    parser = argparse.ArgumentParser(
        prog="factbot", description="A source-cited fact bot for Telegram, with an offline console."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    ask = commands.add_parser("ask", help="print the answer to one command or question")
    ask.add_argument("text", nargs="+", help='e.g. "/quote kellogg" or "ceasefire"')
    ask.set_defaults(handler=_ask)
    chat = commands.add_parser("chat", help="an interactive console")
    chat.set_defaults(handler=_chat)
    for console in (ask, chat):
        console.add_argument("--lang", choices=LANGUAGES, default="en",
                             help="the language of the bot's words (facts stay in English)")
    commands.add_parser("check", help="validate facts/ and seeds/").set_defaults(handler=_check)
    commands.add_parser("load", help="fill or refresh the database").set_defaults(handler=_load)
    export = commands.add_parser("export", help="write the whole base as JSON")
    export.add_argument("-o", "--output", help="a file to write instead of standard output")
    export.set_defaults(handler=_export)
    picture = commands.add_parser(
        "picture", help="draw the timeline or a quote card as a PNG (the pictures extra)")
    drawings = picture.add_subparsers(dest="what", required=True, metavar="WHAT")
    timeline = drawings.add_parser("timeline", help="the timeline as a chart")
    timeline.add_argument("topic", nargs="*", help="a year or words, as for /timeline")
    timeline.add_argument("-o", "--output", default="timeline.png", help="the PNG file to write")
    quote = drawings.add_parser("quote", help="a quote as a square card")
    quote.add_argument("id", help="the quote's id, e.g. kellogg-something-new")
    quote.add_argument("-o", "--output", default="card.png", help="the PNG file to write")
    for drawn in (timeline, quote):
        drawn.add_argument("--lang", choices=LANGUAGES, default="en",
                           help="the language of the picture's own words")
        drawn.set_defaults(handler=_picture)
    admin = commands.add_parser("admin", help="run an admin command as a Telegram user id")
    admin.add_argument("--as", dest="actor", type=int, required=True, metavar="USER_ID",
                       help="the owner's or editor's Telegram user id to act as")
    admin.add_argument("--file", help="the JSON file for /import; the article (.txt, .md or"
                       " .html) for /addsource")
    admin.add_argument("text", nargs="+", help='e.g. "/addfact The talks resume on Monday"')
    admin.set_defaults(handler=_admin)
    commands.add_parser("run", help="run the Telegram bot").set_defaults(handler=_run)
    commands.add_parser("status", help="whether the bot is up, and its last contact with"
                        " Telegram (exit code 0 when up)").set_defaults(handler=_status)
    return parser


def _settings() -> Settings | int:
    try:
        return Settings()
    except ValidationError as error:
        for line in describe_validation_error("settings", error):
            print(f"factbot: {line}", file=sys.stderr)
    except UnicodeDecodeError as error:
        print(f"factbot: the settings file .env is not UTF-8 text ({error.reason} at byte"
              f" {error.start}): save it as UTF-8", file=sys.stderr)
    except OSError as error:
        print(f"factbot: cannot read the settings file .env: {error.strerror}", file=sys.stderr)
    return exits.USAGE


def main(argv: Sequence[str] | None = None) -> int:
    """Run one `factbot` command; problems are reported in plain lines, never a traceback."""
    args = build_parser().parse_args(argv)
    handler: Callable[[Settings, argparse.Namespace], int] = args.handler
    settings = _settings()
    if isinstance(settings, int):
        return settings
    try:
        return handler(settings, args)
    except CurationError as error:
        return _print(curation_failure(error))
    except DatabaseError as error:
        return _print(failure(error))
    except GlossaryError as error:
        print(f"factbot: {error} (`factbot check` lists every problem)", file=sys.stderr)
        return exits.PROBLEM
    except BrokenPipeError:
        # Whoever read the output has gone (`factbot ask ... | head`): nothing left to say.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return exits.OK


if __name__ == "__main__":
    sys.exit(main())
