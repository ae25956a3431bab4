"""Every command, declared once: its name, how it is used, who may run it, what it does (help
text), and the core function that runs it.

The Telegram handlers, the command menus, /help, the console and `factbot admin` all read this
table; adding a command is one entry here and its function. Two entry points run commands:

- `answer(base, text, lang)`: what a reader typed — a reader command, or else a question;
- `run_admin_command(admin, call)`: an admin command from a verified sender, its permission
  checked here, once, from the entry's `access`.

Reader commands' help and usage are translated (bot.i18n); admin commands answer in English.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from typing import Literal

from rapidfuzz import fuzz, process

from bot import answering, answers, bulk, changes, forms, roles
from bot.calls import Call, MissingArguments, Misused, parse
from bot.factbase import FactBase
from bot.forms import ADD_FORMS
from bot.i18n import N_, Language, _, speaking
from bot.results import Answer, Suggestion, echo
from bot.roles import Admin
from bot.tipline import Tipline

Access = Literal["anyone", "editor", "owner"]
Takes = Literal["text", "user"]
FileUse = Literal["none", "optional", "required"]
Reader = Callable[[FactBase, str], Answer]
Writer = Callable[[Admin, int, Call], Awaitable[Answer | bytes]]
Personal = Callable[[Tipline, int, str, Language], Awaitable[Answer]]


@dataclass(frozen=True)
class Command:
    """One command. `description` and `usage` of a reader command are catalog keys (marked with
    `N_`; `describe` and `usage_of` translate them). A reader command has `read`, an admin
    command `write`; `takes="user"`: a user id, given or the author of the message the command
    replies to; `file`: whether a file comes with it (in Telegram, attached or replied to)."""

    name: str
    description: str
    usage: str
    example: str = ""
    access: Access = "anyone"
    read: Reader | None = None
    write: Writer | None = None
    act: Personal | None = None
    """For a command that acts for the reader who sends it (bot.tipline), so it works only in
    Telegram: its function, given the reader's user id, the arguments and their language."""
    takes: Takes = "text"
    file: FileUse = "none"


def _start(base: FactBase, args: str) -> Answer:
    payload = args.strip()
    if payload:
        command, _dash, argument = payload.partition("-")
        if command in READER_COMMANDS and command != "start":
            return run_reader(base, Call(command, argument.replace("_", " ")))
    story = next(iter(base.sources.values()), None)
    about = _("The story: {title} ({source}).", title=story.title,
              source=story.label) if story else ""
    return Answer(
        title=_("Hi! I answer questions about the news from a curated, source-cited fact base."),
        status="help",
        body=tuple(filter(None, (
            about,
            _("Every answer cites the article it comes from, and /source shows the exact "
              "sentences behind it."),
            _("Try /demands, /quote kellogg, /timeline or /who stent, or just type a question."),
            _("/help lists every command."),
        ))),
        suggestions=(
            Suggestion(_("Russia’s demands"), "/demands"),
            Suggestion(_("Timeline"), "/timeline"),
            Suggestion(_("Quotes"), "/quotes"),
            Suggestion(_("Help"), "/help"),
        ),
    )


def _help(base: FactBase, args: str) -> Answer:
    lines = [f"{usage_of(spec)} — {describe(spec)}"
             for spec in (*READER_COMMANDS.values(), *TIPLINE_COMMANDS.values())]
    lines.append(_("Or just type a question, e.g. “what did Kellogg say about Istanbul”."))
    return Answer(title=_("What I can do"), status="help", body=tuple(lines))


def _form(name: str) -> Command:
    form = ADD_FORMS[name]
    return Command(name, f"add a {form.kind}", f"/{name} {form.usage}", form.example,
                   access="editor", write=forms.add_from,
                   file="optional" if form.kind == "source" else "none")


COMMANDS: dict[str, Command] = {
    spec.name: spec
    for spec in (
        Command("start", N_("welcome and examples"), "/start", "/start", read=_start),
        Command("demands", N_("Russia’s demands, by when they were raised"),
                N_("/demands [filter]"), "/demands istanbul", read=answers.demands),
        Command("quote", N_("what someone said, word for word"), N_("/quote [who]"),
                "/quote kellogg", read=answers.quote),
        Command("quotes", N_("every direct quotation"), "/quotes", "/quotes",
                read=answers.quotes),
        Command("timeline", N_("events in order"), N_("/timeline [year|topic]"),
                "/timeline 2022", read=answers.timeline),
        Command("who", N_("who someone is"), N_("/who <name>"), "/who stent", read=answers.who),
        Command("search", N_("search every fact"), N_("/search <words>"), "/search ceasefire",
                read=answers.search),
        Command("source", N_("an item with its evidence and source"), N_("/source <id>"),
                "/source kellogg-something-new", read=answers.source),
        Command("about", N_("the sources behind the facts"), "/about", "/about",
                read=answers.about),
        Command("help", N_("this list"), "/help", "/help", read=_help),
        Command("ask", N_("send a question to the editors"), N_("/ask <question>"),
                "/ask Has Russia answered the ceasefire proposal?", act=Tipline.ask),
        Command("follow", N_("get news about a person, a topic or words"),
                N_("/follow <person | topic | words>"), "/follow kellogg", act=Tipline.follow),
        Command("following", N_("what you follow"), "/following", "/following",
                act=Tipline.following),
        Command("unfollow", N_("stop following"), N_("/unfollow [what | all]"),
                "/unfollow kellogg", act=Tipline.unfollow),
        Command("forgetme", N_("delete everything I keep about you"), "/forgetme",
                "/forgetme", act=Tipline.forgetme),
        *(_form(name) for name in ADD_FORMS),
        Command("synonym", "teach search what readers' words mean",
                "/synonym <what readers type> | <words of the fact base>", access="editor",
                write=changes.synonym),
        Command("extract", "quotes and dated events a source holds, to add",
                "/extract <source id>", access="editor", write=forms.extract),
        Command("accept", "add extracted candidates with their evidence",
                "/accept <source id> <numbers|all>", access="editor", write=forms.accept),
        Command("inbox", "readers' open questions", "/inbox", access="editor",
                write=answering.inbox),
        Command("pick", "answer a question with an item: choose it", "/pick <question>",
                access="editor", write=answering.pick),
        Command("answer", "answer a question with an item", "/answer <question> <item id>",
                access="editor", write=answering.answer),
        Command("addanswer", "answer a question by adding a fact",
                "/addanswer <question> [fact]", access="editor", write=answering.add_answer),
        Command("reply", "answer a question in words", "/reply <question> [words]",
                access="editor", write=answering.reply),
        Command("dismiss", "close a question, telling nobody", "/dismiss <question>",
                access="editor", write=answering.dismiss),
        Command("quiet", "keep a new item out of the channel digest", "/quiet <id>",
                access="editor", write=answering.quiet),
        Command("edit", "change one field of an item", "/edit <id> <field> <value>",
                access="editor", write=changes.edit),
        Command("delete", "hide an item (restorable)", "/delete <id>", access="editor",
                write=changes.delete),
        Command("restore", "bring back a deleted item", "/restore <id>", access="editor",
                write=changes.restore),
        Command("undo", "take back your own last change", "/undo", access="editor",
                write=changes.undo),
        Command("history", "who changed what", "/history [id]", access="editor",
                write=changes.history),
        Command("export", "the whole base as a JSON file", "/export", access="editor",
                write=bulk.export),
        Command("import", "apply a JSON file, all or nothing",
                "/import (with, or in reply to, a JSON file)", access="editor",
                write=bulk.import_file, file="required"),
        Command("reload", "re-read the curated files", "/reload", access="editor",
                write=bulk.reload),
        Command("stats", "what users look up, and what they miss", "/stats", access="editor",
                write=roles.lookups),
        Command("admins", "owners and editors", "/admins", access="editor", write=roles.admins),
        Command("grant", "make someone an editor", "/grant <user id> (or in reply)",
                access="owner", write=roles.grant, takes="user"),
        Command("revoke", "take editing rights away", "/revoke <user id> (or in reply)",
                access="owner", write=roles.revoke, takes="user"),
    )
}
"""Every command, in the order /help and the command menus list them: the reader commands,
then the admin commands."""

READER_COMMANDS = {name: spec for name, spec in COMMANDS.items() if spec.read is not None}
"""The commands anyone may send that look something up."""
TIPLINE_COMMANDS = {name: spec for name, spec in COMMANDS.items() if spec.act is not None}
"""The commands that act for the reader who sends them (bot.tipline), in Telegram only."""
ADMIN_COMMANDS = {name: spec for name, spec in COMMANDS.items() if spec.write is not None}
"""The commands that change or inspect the fact base, for owners and editors."""
FILE_COMMANDS = tuple(name for name, spec in ADMIN_COMMANDS.items() if spec.file != "none")
"""The commands that come with a file (in Telegram, as a document's caption)."""
FORM_COMMANDS = tuple(ADD_FORMS)
"""The add commands: sent without arguments, each starts a guided dialogue."""


def describe(spec: Command) -> str:
    """What a command does: in the current language for a reader command, in English for an
    admin command."""
    return _(spec.description) if spec.access == "anyone" else spec.description


def usage_of(spec: Command) -> str:
    """How a command is used, in the current language for a reader command."""
    return _(spec.usage) if spec.access == "anyone" else spec.usage


def menu(lang: Language, *, hidden: frozenset[str] = frozenset({"start"}),
         admin: bool = False) -> list[tuple[str, str]]:
    """The command menu as (name, description) pairs: the reader and tipline commands not
    `hidden`, described in `lang`, and with `admin` the admin commands too."""
    with speaking(lang):
        return [(name, describe(spec)) for name, spec in COMMANDS.items()
                if name not in hidden and (spec.read is not None or spec.act is not None
                                           or (admin and spec.write is not None))]


# Reader commands ---------------------------------------------------------------------------


def _needs(spec: Command, what: str) -> Answer:
    return Answer(
        title=_("/{command} needs {what}", command=spec.name, what=what),
        status="usage",
        body=(_("Usage: {usage}", usage=usage_of(spec)),
              _("Example: {example}", example=spec.example)),
        suggestions=(Suggestion(spec.example, spec.example),),
    )


def run_reader(base: FactBase, call: Call) -> Answer:
    """The answer to a reader command; an unknown command gets a short pointer to /help."""
    spec = READER_COMMANDS.get(call.key)
    if spec is not None and spec.read is not None:
        try:
            return spec.read(base, call.args)
        except MissingArguments as missing:
            return _needs(spec, missing.what)
    if call.key in TIPLINE_COMMANDS:
        return Answer(title=_("/{command} works in Telegram, in a private chat with the bot",
                              command=call.key), status="usage")
    near = process.extract(call.key, list(READER_COMMANDS), scorer=fuzz.ratio, limit=2,
                           score_cutoff=60)
    return Answer(
        title=_("I don’t know the command /{command}", command=echo(call.name)),
        status="not_found",
        note=_("Did you mean:") if near else _("Send /help for the list of commands."),
        suggestions=tuple(
            Suggestion(f"/{name}", f"/{name} {call.args}".strip())
            for name, _score, _position in near
        ),
    )


def answer(base: FactBase, text: str, lang: Language = "en") -> Answer:
    """The answer to what a user typed: a command, or else words to search for; the bot's
    words in `lang`."""
    with speaking(lang):
        call = parse(text)
        asked: str | None = None
        if call is not None:
            result = run_reader(base, call)
            if call.key == "search" and call.args.strip():
                asked = call.args.strip()
        elif not text.strip():
            result = _needs(COMMANDS["search"], _("some words to look for"))
        else:
            result = answers.ask(base, text)
            asked = text.strip()
        if asked is not None and result.status in ("ok", "not_found", "ambiguous"):
            result = replace(result, suggestions=(
                *result.suggestions, answers.ask_button(asked, result.status != "not_found")))
        return answers.localised(result, lang)


async def run_tipline_command(tipline: Tipline, user: int, call: Call, lang: Language) -> Answer:
    """A tipline command (`TIPLINE_COMMANDS`) sent by the verified `user`, answered in
    `lang`."""
    spec = TIPLINE_COMMANDS[call.key]
    if spec.act is None:
        raise KeyError(f"/{call.key} is not a tipline command")
    return answers.localised(await spec.act(tipline, user, call.args, lang), lang)


# Admin commands ----------------------------------------------------------------------------


def _permitted(admin: Admin, actor: int | None, name: str) -> tuple[Writer, int] | Answer:
    """The function `actor` may run as `/name`, or the refusal."""
    spec = ADMIN_COMMANDS.get(name)
    role = None if actor is None else admin.role(actor)
    if spec is None or spec.write is None or actor is None or role is None:
        return Answer(title=f"Only the bot's editors can use /{name}.", status="refused")
    if spec.access == "owner" and role != "owner":
        return Answer(title=f"Only the bot's owners can use /{name}.", status="refused")
    return spec.write, actor


def refusal(admin: Admin, actor: int | None, name: str) -> Answer | None:
    """Why `actor` may not run `/name`; None when they may."""
    permitted = _permitted(admin, actor, name)
    return permitted if isinstance(permitted, Answer) else None


async def run_admin_command(admin: Admin, call: Call) -> Answer | bytes:
    """Run an admin command as its verified sender `call.actor`: an answer, or the file that
    /export makes. The one place an admin command's permission is checked."""
    permitted = _permitted(admin, call.actor, call.key)
    if isinstance(permitted, Answer):
        return permitted
    write, actor = permitted
    spec = ADMIN_COMMANDS[call.key]
    call = replace(call, args=call.args.strip())
    if spec.takes == "user" and not call.args and call.reply_to is not None:
        if isinstance(call.reply_to, Answer):
            return call.reply_to
        call = replace(call, args=call.reply_to)
    try:
        return await write(admin, actor, call)
    except Misused as misused:
        return Answer(title=misused.line, status="usage", body=(f"Usage: {spec.usage}",))


def is_admin_command(text: str) -> bool:
    """Whether `text` is an admin command (a button may carry one)."""
    call = parse(text)
    return call is not None and call.key in ADMIN_COMMANDS
