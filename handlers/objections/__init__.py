"""/objection (异议): a park files one against a published assessment; admins answer it."""

from handlers.objections import answering, filing


def handlers() -> list:
    """The filing wizard and the admins' answer wizard."""
    return [*answering.handlers(), *filing.handlers()]
