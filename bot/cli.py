"""The `factbot` command: the offline console, fact-base maintenance, and running the bot.

    factbot ask "/quote kellogg"   one answer, as plain text (--lang ru|uk: in that language)
    factbot chat                   an interactive console over the same answers (--lang too)
    factbot check                  validate facts/ and seeds/
    factbot load                   fill or refresh the database from facts/
    factbot export [-o FILE]       the whole base as JSON
    factbot admin --as ID "/addfact ..."   an admin command, acting as that Telegram user id
    factbot run                    the Telegram bot
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from pydantic import ValidationError

from bot.answers import answer
from bot.config import Settings
from bot.curated import CurationError, describe_validation_error, load_curated
from bot.factbase import FactBase
from bot.i18n import LANGUAGES, Language, _, speaking
from bot.layout import PLAIN, render_all
from bot.storage import DatabaseError

EXIT_PROBLEM = 1
EXIT_USAGE = 2


def open_factbase(settings: Settings) -> FactBase:
    """The fact base at the configured path, filled from the curated files if new."""
    return FactBase.open(settings.db_path, settings.facts_dir, settings.seeds_dir)


def reply_text(base: FactBase, text: str, lang: Language = "en") -> str:
    """What the console prints for one line a user typed, the bot's words in `lang`."""
    return render_all(answer(base, text, lang), PLAIN)


def _ask(settings: Settings, args: argparse.Namespace) -> int:
    base = open_factbase(settings)
    try:
        print(reply_text(base, " ".join(args.text), args.lang))
    finally:
        base.close()
    return 0


def _chat(settings: Settings, args: argparse.Namespace, stdin: TextIO = sys.stdin) -> int:
    base = open_factbase(settings)
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
    return 0


def _check(settings: Settings, args: argparse.Namespace) -> int:
    base = load_curated(settings.facts_dir, settings.seeds_dir)
    counts: dict[str, int] = {}
    for item in base.items:
        counts[item.KIND] = counts.get(item.KIND, 0) + 1
    plural = {"person": "people and organisations"}
    listing = ", ".join(f"{number} {plural.get(kind, kind + 's')}"
                        for kind, number in counts.items())
    print(f"OK: {len(base.sources)} source(s), {len(base.items)} items ({listing});"
          " every evidence sentence is verbatim in its source.")
    return 0


def _load(settings: Settings, args: argparse.Namespace) -> int:
    curated = load_curated(settings.facts_dir, settings.seeds_dir)
    base = open_factbase(settings)
    try:
        report = base.load(curated)
    finally:
        base.close()
    print(f"Loaded into {settings.db_path}: {report.summary()}")
    return 0


def _export(settings: Settings, args: argparse.Namespace) -> int:
    base = open_factbase(settings)
    try:
        text = json.dumps(base.store.export(), ensure_ascii=False, indent=2)
    finally:
        base.close()
    if args.output:
        Path(args.output).write_text(text + "\n", encoding="utf-8")
        print(f"Wrote {args.output}")
    else:
        print(text)
    return 0


FAILED = frozenset({"refused", "usage", "not_found", "ambiguous"})


def _admin(settings: Settings, args: argparse.Namespace) -> int:
    from bot.admin import ADMIN_COMMANDS, Admin

    base = open_factbase(settings)
    admin = Admin(base, settings.owner_ids, settings.facts_dir, settings.seeds_dir)
    text = " ".join(args.text).strip()
    head, _space, rest = text.partition(" ")
    command = head.lstrip("/").split("@", 1)[0].lower()
    try:
        if command not in ADMIN_COMMANDS:
            print(f"factbot: /{command} is not an admin command; they are: "
                  + ", ".join(f"/{name}" for name in ADMIN_COMMANDS), file=sys.stderr)
            return EXIT_USAGE
        if command == "export":
            exported = asyncio.run(admin.export_json(args.actor))
            if isinstance(exported, bytes):
                sys.stdout.write(exported.decode("utf-8") + "\n")
                return 0
            result = exported
        elif command == "import":
            if not args.file:
                print("factbot: /import needs --file FILE (a JSON file as /export writes it)",
                      file=sys.stderr)
                return EXIT_USAGE
            result = asyncio.run(admin.import_json(args.actor, Path(args.file).read_bytes()))
        else:
            result = asyncio.run(admin.run(args.actor, command, rest))
    finally:
        base.close()
    print(render_all(result, PLAIN))
    return EXIT_PROBLEM if result.status in FAILED else 0


def _run(settings: Settings, args: argparse.Namespace) -> int:
    from bot.telegram.app import read_token, run_bot, token_problem

    token = read_token(settings)
    if token is None:
        print(f"factbot: {token_problem(settings)}", file=sys.stderr)
        return EXIT_USAGE
    base = open_factbase(settings)
    try:
        return run_bot(settings, base, token)
    finally:
        base.close()


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
    admin = commands.add_parser("admin", help="run an admin command as a Telegram user id")
    admin.add_argument("--as", dest="actor", type=int, required=True, metavar="USER_ID",
                       help="the owner's or editor's Telegram user id to act as")
    admin.add_argument("--file", help="the JSON file for /import")
    admin.add_argument("text", nargs="+", help='e.g. "/addfact The talks resume on Monday"')
    admin.set_defaults(handler=_admin)
    commands.add_parser("run", help="run the Telegram bot").set_defaults(handler=_run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one `factbot` command; problems are reported in plain lines, never a traceback."""
    args = build_parser().parse_args(argv)
    handler: Callable[[Settings, argparse.Namespace], int] = args.handler
    try:
        settings = Settings()
    except ValidationError as error:
        for line in describe_validation_error("settings", error):
            print(f"factbot: {line}", file=sys.stderr)
        return EXIT_USAGE
    try:
        return handler(settings, args)
    except CurationError as error:
        print(f"factbot: the curated files have {len(error.problems)} problem(s):",
              file=sys.stderr)
        for problem in error.problems:
            print(f"  {problem}", file=sys.stderr)
        return EXIT_PROBLEM
    except DatabaseError as error:
        print(f"factbot: {error}", file=sys.stderr)
        return EXIT_PROBLEM


if __name__ == "__main__":
    sys.exit(main())
