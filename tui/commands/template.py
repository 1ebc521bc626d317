"""`offer-tui template TEMPLATE_ID [--offer OFFER_ID] [--to PERSON] [--name NAME]`: print a
call script or email filled in from the offer, signed with `my_name` and `sign_off` from the
settings (`--name` overrides the name). What the offer does not know yet shows as a
marker like `[hiring manager's name]`, listed on stderr."""

from __future__ import annotations

import argparse
import difflib

from tui.commands.checklist import EXIT_OK, EXIT_USAGE, load_offer
from tui.commands.output import emit, error
from tui.content.message import Message, Signature, render
from tui.content.templates import Template, TemplateKind, load_templates
from tui.model import Contact, Offer


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "template",
        help="print a call script or email filled in from an offer",
        description="Fill a message template from an offer's details. Without --offer, the "
        "template is shown with a marker for every value to fill in.",
    )
    parser.add_argument("template_id", metavar="TEMPLATE_ID", help="e.g. decline-email")
    parser.add_argument("--offer", metavar="OFFER_ID", help="fill in from this offer")
    parser.add_argument(
        "--to", metavar="PERSON", help="address it to this contact (id or name) of the offer"
    )
    parser.add_argument(
        "--name", default="", help="your name, for {my_name} (default: my_name in config.toml)"
    )
    parser.set_defaults(func=run)


def _unknown_template(wanted: str, templates: dict[str, Template]) -> int:
    close = difflib.get_close_matches(wanted, list(templates), n=3, cutoff=0.5)
    close += [t for t in sorted(templates) if wanted in t and t not in close]
    message = f"no template with id {wanted!r}"
    if close:
        message += "; did you mean: " + ", ".join(close[:5])
    message += f"\navailable: {', '.join(sorted(templates))}"
    error(str(message))
    return EXIT_USAGE


def find_contact(offer: Offer, wanted: str) -> Contact | None:
    """A contact by id, else by full or first name (case-insensitive)."""
    found = offer.contact(wanted)
    if found is not None:
        return found
    folded = wanted.casefold().strip()
    for contact in offer.contacts:
        name = contact.name.casefold()
        if name == folded or (name.split() or [""])[0] == folded:
            return contact
    return None


def to_text(message: Message) -> str:
    body = message.body.strip("\n")
    if message.template.kind is TemplateKind.EMAIL:
        return f"Subject: {message.subject}\n\n{body}\n"
    return body + "\n"


def run(args: argparse.Namespace) -> int:
    data_dir = args.settings.data_dir
    loaded = load_templates(data_dir)
    for problem in loaded.problems:
        if problem.severity != "notice":
            error(str(problem))
    template = loaded.get(args.template_id)
    if template is None:
        return _unknown_template(args.template_id, loaded.items)
    offer = Offer(company="", role="", id="preview")
    if args.offer:
        found = load_offer(data_dir, args.offer)
        if isinstance(found, int):
            return found
        offer = found
    contact = None
    if args.to:
        contact = find_contact(offer, args.to)
        if contact is None:
            people = ", ".join(f"{c.name} ({c.id})" for c in offer.contacts) or "nobody yet"
            error(f"no contact {args.to!r} on this offer; its people: {people}")
            return EXIT_USAGE
    settings = args.settings
    signature = Signature(args.name or settings.my_name, settings.sign_off)
    message = render(template, offer, contact, signature)
    emit(to_text(message), end="")
    if message.missing:
        error("Fill in before sending: " + ", ".join(message.missing))
    for name in template.unknown_placeholders():
        error(f"{args.template_id}: unknown placeholder {{{name}}} left as [?{name}]")
    return EXIT_OK
