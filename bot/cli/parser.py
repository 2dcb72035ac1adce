"""The `parkbot` argument parser, with its help in the operator's language.

Building it must stay cheap (`parkbot --help` answers in well under half a second), so this
module imports only the standard library and the Fluent catalogue loader: each command names
its action as "module:function", imported only when the command runs.
"""

import argparse
import functools
import os
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import NoReturn

from bot.i18n import DEFAULT_LANGUAGE, Catalogue, normalize_language

# The help texts live in their own catalogue file, so that help parses one small file.
HELP_FILE = "cli_help.ftl"
EXIT_USAGE = 2

Text = Callable[..., str]


def help_language(environ: dict[str, str] | None = None) -> str:
    """PARKBOT_LANGUAGE from the environment, else from .env, else the default (zh_CN)."""
    environ = os.environ if environ is None else environ
    value = environ.get("PARKBOT_LANGUAGE")
    if value is None:
        # Read the way pydantic-settings reads .env, without paying for importing it.
        from dotenv import dotenv_values

        value = dotenv_values(".env").get("PARKBOT_LANGUAGE")
    return normalize_language(value) or DEFAULT_LANGUAGE


def help_texts(language: str) -> Text:
    """Lookup of the help texts in `language`."""
    catalogue = Catalogue(pattern=HELP_FILE)
    return lambda key, **args: catalogue.text(language, key, **args).replace("%", "%%")


class _Formatter(argparse.HelpFormatter):
    """argparse's formatter with the usage prefix from the catalogue."""

    def __init__(self, prog: str, *, usage_prefix: str) -> None:
        super().__init__(prog, max_help_position=32)
        self._usage_prefix = usage_prefix

    def add_usage(self, usage, actions, groups, prefix=None) -> None:  # type: ignore[override]
        # argparse passes prefix= when it builds a sub-command's name from the usage.
        super().add_usage(usage, actions, groups, self._usage_prefix if prefix is None else prefix)


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose chrome (usage, sections, errors) speaks the catalogue language."""

    def __init__(self, *args, t: Text, **kwargs) -> None:
        kwargs.setdefault("add_help", False)
        kwargs.setdefault(
            "formatter_class",
            functools.partial(_Formatter, usage_prefix=t("cli-help-usage-prefix") + " "),
        )
        super().__init__(*args, **kwargs)
        self._t = t
        self._positionals.title = t("cli-help-positionals")
        self._optionals.title = t("cli-help-options")
        self.add_argument("-h", "--help", action="help", help=t("cli-help-help"))

    def error(self, message: str) -> NoReturn:
        """One line: what is wrong and where to read the usage."""
        self.exit(EXIT_USAGE, self._t("cli-usage-error", prog=self.prog, message=message) + "\n")


def build(language: str) -> argparse.ArgumentParser:
    """The whole command tree, every command and option documented in `language`."""
    examples = _examples(date.today())
    # Every text may quote the examples; Fluent ignores arguments a message does not use.
    t = functools.partial(help_texts(language), **examples)
    parser = Parser(prog="parkbot", description=t("cli-help-parkbot"), t=t)
    parser.set_defaults(group=parser)
    top = _group(parser, t)

    _command(top, "run", "bot.main:run", t)
    db = _group(_command(top, "db", None, t), t)
    _command(db, "upgrade", "bot.cli.main:db_upgrade", t, prefix="db")

    roster = _group(_command(top, "roster", None, t), t)
    roster_import = _command(roster, "import", "bot.cli.main:roster_import", t, prefix="roster")
    roster_import.add_argument(
        "file", type=Path, help=t("cli-help-roster-import-file"), metavar=t("cli-help-metavar-file")
    )
    roster_import.add_argument(
        "--deactivate-missing",
        action="store_true",
        help=t("cli-help-roster-import-deactivate-missing"),
    )
    _command(roster, "template", "bot.cli.main:roster_template", t, prefix="roster").add_argument(
        "file",
        type=Path,
        help=t("cli-help-roster-template-file"),
        metavar=t("cli-help-metavar-file"),
    )
    _command(top, "demo-data", "bot.cli.main:demo_data", t)
    demo = _command(top, "demo", "bot.main:demo", t)
    demo.add_argument(
        "--port", type=int, default=8080, metavar="PORT", help=t("cli-help-demo-port")
    )
    demo.add_argument(
        "--keep", type=Path, metavar=t("cli-help-metavar-dir"), help=t("cli-help-demo-keep")
    )
    invite = _command(top, "invite", "bot.cli.main:invite", t)
    invite.add_argument(
        "phones", nargs="*", help=t("cli-help-invite-phones"), metavar=t("cli-help-metavar-phone")
    )
    # One use at a time: issue (the default), --all, --rebind, --revoke or --list.
    mode = invite.add_mutually_exclusive_group()
    for option in ("all", "rebind", "revoke", "list"):
        mode.add_argument(f"--{option}", action="store_true", help=t(f"cli-help-invite-{option}"))

    person = _group(_command(top, "person", None, t), t)
    for name in ("deactivate", "reactivate", "unbind"):
        _command(person, name, f"bot.cli.access:person_{name}", t, prefix="person").add_argument(
            "phone",
            help=t(f"cli-help-person-{name}-phone"),
            metavar=t("cli-help-metavar-phone"),
        )

    audit = _command(top, "audit", "bot.cli.access:audit_list", t)
    audit.add_argument(
        "--person", metavar=t("cli-help-metavar-phone"), help=t("cli-help-audit-person")
    )
    audit.add_argument(
        "--since", metavar=t("cli-help-metavar-date"), help=t("cli-help-audit-since")
    )

    meeting = _group(_command(top, "meeting", None, t), t)
    add = _command(meeting, "add", "bot.cli.meetings:_add", t, prefix="meeting")
    _meeting_options(add, t, required=True)
    _command(meeting, "list", "bot.cli.meetings:_list", t, prefix="meeting")
    edit = _command(meeting, "edit", "bot.cli.meetings:_edit", t, prefix="meeting")
    edit.add_argument("id", type=int, help=t("cli-help-meeting-id"), metavar="ID")
    _meeting_options(edit, t, required=False)
    _command(meeting, "cancel", "bot.cli.meetings:_cancel", t, prefix="meeting").add_argument(
        "id", type=int, help=t("cli-help-meeting-id"), metavar="ID"
    )
    pack = _command(meeting, "pack", "bot.cli.meetings:_pack", t, prefix="meeting")
    pack.add_argument("id", type=int, help=t("cli-help-meeting-id"), metavar="ID")
    pack.add_argument(
        "--out",
        type=Path,
        default=Path("."),
        metavar=t("cli-help-metavar-dir"),
        help=t("cli-help-meeting-pack-out"),
    )
    pack.add_argument(
        "--format",
        choices=("pdf", "xlsx", "both"),
        default="both",
        help=t("cli-help-meeting-pack-format"),
    )
    # A held meeting's decisions (交办): the XLSX template, its import, and the list.
    for verb, action in (
        ("minutes-template", "_template"),
        ("minutes-import", "_import"),
        ("assignments", "_list"),
    ):
        sub = _command(meeting, verb, f"bot.cli.minutes:{action}", t, prefix="meeting")
        if verb == "assignments":  # without ID: the held meetings, to find the number
            sub.add_argument(
                "id", type=int, nargs="?", help=t("cli-help-meeting-held-id"), metavar="ID"
            )
        else:
            sub.add_argument("id", type=int, help=t("cli-help-meeting-id"), metavar="ID")
        if verb != "assignments":
            sub.add_argument(
                "file", type=Path, help=t(f"cli-help-meeting-{verb}-file"), metavar="FILE.xlsx"
            )

    leave = _group(_command(top, "leave", None, t), t)
    mark = _command(leave, "add", "bot.cli.meetings:_leave_add", t, prefix="leave")
    mark.add_argument("phone", help=t("cli-help-leave-phone"), metavar=t("cli-help-metavar-phone"))
    for option, dest in (("--from", "start"), ("--to", "end")):
        mark.add_argument(
            option,
            dest=dest,
            required=True,
            metavar=t("cli-help-metavar-date"),
            help=t(f"cli-help-leave{option[1:]}"),
        )
    _command(leave, "list", "bot.cli.meetings:_leave_list", t, prefix="leave")

    board_link = _command(top, "board-link", "bot.cli.board:board_link", t)
    board_link.add_argument(
        "--park", metavar=t("cli-help-metavar-name"), help=t("cli-help-board-link-park")
    )
    board_link.add_argument(
        "--days", type=int, default=30, metavar="N", help=t("cli-help-board-link-days")
    )
    board_link.add_argument(
        "--label",
        default="",
        metavar=t("cli-help-metavar-text"),
        help=t("cli-help-board-link-label"),
    )
    # Create (the default), --list or --revoke ID.
    link_mode = board_link.add_mutually_exclusive_group()
    link_mode.add_argument("--list", action="store_true", help=t("cli-help-board-link-list"))
    link_mode.add_argument("--revoke", type=int, metavar="ID", help=t("cli-help-board-link-revoke"))

    burden = _command(top, "burden", "bot.cli.burden:burden", t)
    burden.add_argument("--days", type=int, default=30, metavar="N", help=t("cli-help-burden-days"))

    export = _command(top, "export", "bot.cli.export:_export", t)
    export.add_argument("--period", metavar="YYYY-MM", help=t("cli-help-export-period"))
    export.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar=t("cli-help-metavar-file"),
        help=t("cli-help-export-output"),
    )

    targets = _command(top, "targets", "bot.cli.targets:targets", t)
    targets.add_argument("--year", metavar="YYYY", help=t("cli-help-targets-year"))
    for option in ("new-starts", "in-production"):
        targets.add_argument(f"--{option}", metavar="N", help=t(f"cli-help-targets-{option}"))
    targets.add_argument(
        "--investment", metavar=t("cli-help-metavar-amount"), help=t("cli-help-targets-investment")
    )

    assess = _group(_command(top, "assess", None, t), t)
    for name, action in (("template", "template"), ("import", "import_scheme")):
        _command(assess, name, f"bot.cli.assess:{action}", t, prefix="assess").add_argument(
            "file",
            type=Path,
            help=t(f"cli-help-assess-{name}-file"),
            metavar=t("cli-help-metavar-file"),
        )
    _command(assess, "show", "bot.cli.assess:show", t, prefix="assess").add_argument(
        "--version", metavar="N", help=t("cli-help-assess-show-version")
    )
    for name, action in (
        ("values-template", "values_template"),
        ("values-import", "values_import"),
    ):
        command = _command(assess, name, f"bot.cli.assess_values:{action}", t, prefix="assess")
        command.add_argument(
            "file",
            type=Path,
            help=t(f"cli-help-assess-{name}-file"),
            metavar=t("cli-help-metavar-file"),
        )
        command.add_argument(
            "--month", metavar="2025-03", required=True, help=t("cli-help-assess-values-month")
        )
    values = _command(assess, "values", "bot.cli.assess:values", t, prefix="assess")
    values.add_argument(
        "--period", metavar="2025-Q1", required=True, help=t("cli-help-assess-values-period")
    )
    values.add_argument(
        "--park", metavar=t("cli-help-metavar-name"), help=t("cli-help-assess-values-park")
    )
    _objection_commands(assess, t)

    assess_run = _command(assess, "run", "bot.cli.assess_runs:run", t, prefix="assess")
    assess_run.add_argument(
        "--xlsx", type=Path, metavar=t("cli-help-metavar-file"), help=t("cli-help-assess-run-xlsx")
    )
    assess_results = _command(assess, "results", "bot.cli.assess_runs:results", t, prefix="assess")
    assess_results.add_argument(
        "--park", metavar=t("cli-help-metavar-name"), help=t("cli-help-assess-results-park")
    )
    assess_publish = _command(assess, "publish", "bot.cli.assess_runs:publish", t, prefix="assess")
    assess_close = _command(assess, "close", "bot.cli.assess_runs:close", t, prefix="assess")
    assess_close.add_argument("--early", action="store_true", help=t("cli-help-assess-close-early"))
    assess_close.add_argument(
        "--reason", metavar=t("cli-help-metavar-text"), help=t("cli-help-assess-close-reason")
    )
    assess_export = _command(assess, "export", "bot.cli.assess_runs:export", t, prefix="assess")
    assess_export.add_argument(
        "file",
        type=Path,
        help=t("cli-help-assess-export-file"),
        metavar=t("cli-help-metavar-file"),
    )
    for command in (assess_run, assess_results, assess_publish, assess_close, assess_export):
        command.add_argument(
            "--period", metavar="2025-Q1", required=True, help=t("cli-help-assess-run-period")
        )
    for command in (assess_results, assess_publish, assess_export):
        command.add_argument("--version", metavar="N", help=t("cli-help-assess-run-version"))

    pairing = _group(_command(top, "pairing", None, t), t)
    show = _command(pairing, "show", "bot.cli.pairing:show", t, prefix="pairing")
    show.add_argument("--quarter", metavar="2025-Q1", help=t("cli-help-pairing-quarter"))
    show.add_argument("--published", action="store_true", help=t("cli-help-pairing-published"))
    pub = _command(pairing, "publish", "bot.cli.pairing:publish", t, prefix="pairing")
    pub.add_argument("--quarter", metavar="2025-Q1", help=t("cli-help-pairing-quarter"))
    out = _command(pairing, "export", "bot.cli.pairing:export", t, prefix="pairing")
    out.add_argument(
        "file",
        type=Path,
        help=t("cli-help-pairing-export-file"),
        metavar=t("cli-help-metavar-file"),
    )
    out.add_argument("--quarter", metavar="2025-Q1", help=t("cli-help-pairing-quarter"))

    backup = _command(top, "backup", "bot.cli.backup:backup", t)
    backup.add_argument(
        "file", type=Path, help=t("cli-help-backup-file"), metavar=t("cli-help-metavar-file")
    )
    backup.add_argument("--force", action="store_true", help=t("cli-help-backup-force"))
    _command(top, "restore", "bot.cli.backup:restore", t).add_argument(
        "file", type=Path, help=t("cli-help-restore-file"), metavar=t("cli-help-metavar-file")
    )
    return parser


def _objection_commands(assess: argparse._SubParsersAction, t: Text) -> None:
    """`assess objections` and `assess answer` (bot/cli/objections.py)."""
    listed = _command(
        assess, "objections", "bot.cli.objections:list_objections", t, prefix="assess"
    )
    listed.add_argument("--period", metavar="2025-Q1", help=t("cli-help-assess-objections-period"))
    listed.add_argument(
        "--status",
        choices=("pending", "accepted", "rejected"),
        help=t("cli-help-assess-objections-status"),
    )
    answer = _command(assess, "answer", "bot.cli.objections:answer", t, prefix="assess")
    answer.add_argument("id", type=int, metavar="ID", help=t("cli-help-assess-answer-id"))
    for flag in ("accept", "reject"):
        answer.add_argument(
            f"--{flag}", action="store_true", help=t(f"cli-help-assess-answer-{flag}")
        )
    for option in ("value", "base", "note", "reason"):
        answer.add_argument(f"--{option}", help=t(f"cli-help-assess-answer-{option}"))


def _examples(today: date) -> dict[str, str]:
    # Examples computed from today, so that they never describe a moment already past.
    ahead = (today.replace(day=1) + timedelta(days=32)).replace(day=15)
    return {
        "moment": f"{ahead:%Y-%m-%d} 09:00",
        "deadline": f"{ahead - timedelta(days=3):%Y-%m-%d} 18:00",
        "period": f"{today:%Y-%m}",
        "next_period": f"{ahead:%Y-%m}",
        "start": f"{ahead.month}.1",
        "end": f"{ahead.month}.15",
    }


def _group(parser: argparse.ArgumentParser, t: Text) -> argparse._SubParsersAction:
    """Sub-commands of `parser`; the group alone prints its own help."""
    parser.set_defaults(group=parser)
    return parser.add_subparsers(
        title=t("cli-help-commands"), metavar=t("cli-help-metavar-command"), parser_class=Parser
    )


def _command(
    parent: argparse._SubParsersAction, name: str, action: str | None, t: Text, prefix: str = ""
) -> argparse.ArgumentParser:
    """A sub-command documented by `cli-help-[prefix-]name`; `action` is "module:function"."""
    key = f"cli-help-{prefix + '-' if prefix else ''}{name}"
    sub = parent.add_parser(name, help=t(key), description=t(key), t=t)
    if action is not None:
        sub.set_defaults(action=action)
    return sub


def _meeting_options(command: argparse.ArgumentParser, t: Text, *, required: bool) -> None:
    """--at, --park, --place, --deadline, --period of `meeting add` and `meeting edit`."""
    verb = "add" if required else "edit"
    for option, metavar in (
        ("at", "cli-help-metavar-moment"),
        ("park", "cli-help-metavar-name"),
        ("place", "cli-help-metavar-text"),
    ):
        command.add_argument(
            f"--{option}",
            required=required,
            metavar=t(metavar),
            help=t(f"cli-help-meeting-{verb}-{option}"),
        )
    command.add_argument(
        "--deadline",
        metavar=t("cli-help-metavar-moment"),
        help=t(f"cli-help-meeting-{verb}-deadline"),
    )
    command.add_argument("--period", metavar="YYYY-MM", help=t(f"cli-help-meeting-{verb}-period"))
