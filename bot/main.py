"""The `parkbot` console script: the CLI adapter's commands, plus `run`, wired here.

`run` builds the Application (bot.app), so it belongs to the composition root rather than to
bot/cli/, which may not import the layer above it. Everything heavy is imported by the command
that needs it, so `parkbot --help` answers at once.
"""

import argparse
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from bot.cli import main as cli
from bot.cli.common import EXIT_ALREADY_RUNNING, CliError, catalogue_text, invalid_token

if TYPE_CHECKING:
    from bot.serve import Running
    from bot.settings import Settings


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `parkbot` console script."""
    return cli.main(argv)


def run(args: argparse.Namespace, settings: "Settings") -> int:
    """`parkbot run`: lock, migrate, serve the bot and the web server until SIGTERM."""
    from bot.telegram import logs

    local = settings.uses_local_messenger()
    token = None if local else cli.require_token(settings)
    logs.configure(settings.log_level, token or "")
    import asyncio

    from telegram.error import InvalidToken

    from bot import migrate
    from bot.db import Database
    from bot.instance_lock import AlreadyRunning, single_instance
    from bot.serve import serve
    from bot.services import Services

    services = Services(settings=settings, db=Database.from_url(settings.database_url))
    try:
        # Lock first, so a second process neither migrates nor polls.
        with single_instance(services.db.engine, "local" if token is None else token.split(":")[0]):
            migrate.upgrade(services.db.engine)
            asyncio.run(serve(services, started=_announce))
    except AlreadyRunning as held:
        raise CliError(
            catalogue_text(settings)("cli-already-running", lock=str(held)), EXIT_ALREADY_RUNNING
        ) from None
    except InvalidToken:
        raise invalid_token(settings) from None
    except OSError as error:
        # The SQLite lock file sits beside the database: its directory is the database's.
        if error.filename is None:
            raise
        raise cli.database_os_failure(error, settings) from None
    return 0


def demo(args: argparse.Namespace, settings: "Settings") -> int:
    """`parkbot demo [--port N] [--keep DIR]`: the demo in a throwaway database, served locally."""
    import asyncio
    import contextlib
    import tempfile
    from pathlib import Path

    from bot.cli import demo as cli_demo
    from bot.instance_lock import AlreadyRunning, single_instance
    from bot.serve import bind, serve
    from bot.telegram import logs

    logs.configure(settings.log_level, "")
    t = catalogue_text(settings)
    kept = args.keep is not None
    with contextlib.ExitStack() as stack:
        if kept:
            directory = Path(args.keep)
            directory.mkdir(parents=True, exist_ok=True)
        else:
            # Removed on the way out, Ctrl-C included.
            directory = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="parkbot-")))
        local = cli_demo.demo_settings(settings, directory.absolute(), args.port)
        try:
            # Bound before the demo is loaded: a busy port is said at once, in one line.
            sock = bind(local.web_host, args.port)
        except OSError as error:
            reason = error.strerror or str(error)
            where = f"{local.web_host}:{args.port}"
            raise CliError(t("cli-demo-port-busy", address=where, reason=reason)) from None
        stack.callback(sock.close)
        services, invites = cli_demo.prepare(local)

        def announce(running: "Running") -> None:
            # Printed once the server listens: with --port 0 the port is known only now.
            base = local.model_copy(update={"web_port": running.port}).web_url()
            print(cli_demo.links_text(services, invites, base), flush=True)

        try:
            with single_instance(services.db.engine, "local"):
                asyncio.run(serve(services, sock=sock, started=announce))
        except AlreadyRunning as held:
            raise CliError(t("cli-already-running", lock=str(held)), EXIT_ALREADY_RUNNING) from None
        finally:
            services.db.engine.dispose()
    print(t("cli-demo-kept" if kept else "cli-demo-removed", path=str(directory)), flush=True)
    return 0


def _announce(running: "Running") -> None:
    """The one line that says where to open the web chat (or that the bot is on Telegram)."""
    settings = running.services.settings
    t = catalogue_text(settings)
    if running.messenger is not None:
        print(t("cli-run-local", url=settings.web_url()), flush=True)
    else:
        print(t("cli-run-telegram", username=running.application.bot.username), flush=True)


if __name__ == "__main__":
    sys.exit(main())
