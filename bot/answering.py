"""Editors answering readers' questions (bot.tipline): /inbox, /pick, /answer, /addanswer,
/reply, /dismiss, and /quiet to keep a new item out of the channel digest.
"""

from __future__ import annotations

from bot.calls import Call, Misused
from bot.changes import find
from bot.forms import add, refused
from bot.results import Answer, echo
from bot.roles import Admin


async def inbox(admin: Admin, actor: int, call: Call) -> Answer:
    """/inbox: readers' open questions."""
    return admin.tipline.inbox.listing()


async def pick(admin: Admin, actor: int, call: Call) -> Answer:
    """/pick <question>: choose the item that answers a question."""
    if not call.args:
        raise Misused("Give the question's id, as /inbox shows it.")
    return admin.tipline.inbox.picker(admin.base, call.args.split()[0])


async def answer(admin: Admin, actor: int, call: Call) -> Answer:
    """/answer <question> <item id>: answer a question with an item."""
    parts = call.args.split()
    if len(parts) != 2:
        raise Misused("Give the question's id and the item's id.")
    item = find(admin, parts[1])
    if isinstance(item, Answer):
        return item
    if item.deleted:
        return refused(f"{item.id} is deleted: /restore it first, or choose another item.")
    return (await admin.tipline.inbox.answer(parts[0], item=item, by=actor)).answer


async def reply(admin: Admin, actor: int, call: Call) -> Answer:
    """/reply <question> [words]: answer a question in words."""
    question, _, words = call.args.partition(" ")
    if not question or not words.strip():
        raise Misused("Give the question's id and your answer.")
    return (await admin.tipline.inbox.answer(question, words=words, by=actor)).answer


async def add_answer(admin: Admin, actor: int, call: Call) -> Answer:
    """/addanswer <question> [fact]: answer a question by adding a fact."""
    question, _, fact = call.args.partition(" ")
    if not question or not fact.strip():
        raise Misused("Give the question's id and the fact that answers it.")
    found = admin.tipline.inbox.find(question)
    if isinstance(found, Answer):
        return found
    return await add(admin, actor, "addfact", [fact.strip()], answers=found["id"])


async def dismiss(admin: Admin, actor: int, call: Call) -> Answer:
    """/dismiss <question>: close a question, telling nobody."""
    if not call.args:
        raise Misused("Give the question's id.")
    return await admin.tipline.inbox.dismiss(call.args.split()[0])


async def quiet(admin: Admin, actor: int, call: Call) -> Answer:
    """/quiet <id>: keep a new item out of the channel digest."""
    if not call.args:
        raise Misused("Give the id of the item.")
    item_id = call.args.split()[0].lower()
    if await admin.tipline.outbox.withdraw(item_id):
        return Answer(title=f"{item_id} stays out of the channel")
    return Answer(title=f"No card for “{echo(item_id)}” is waiting for the channel",
                  status="not_found", body=("It was posted already, or never queued.",))
