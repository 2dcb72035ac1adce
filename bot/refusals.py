"""The one family of domain refusals: a change that is not accepted, and nothing was changed.

A domain function raises a subclass with a code and parameters; the adapter (chat handler or
command line) renders it from the catalogue with `key` in the person's language. Each family
names its catalogue prefix, so `MeetingRefused("past")` is the text `meeting-refused-past`.
"""


class Refused(Exception):
    """A refusal whose reason is the catalogue text `prefix + code`, with `params` filled in."""

    prefix = ""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params

    @property
    def key(self) -> str:
        """The catalogue key of the reason, e.g. `meeting-refused-past`."""
        return self.prefix + self.code
