"""Pieces every `parkbot` sub-command uses: errors, exit codes, services.

Imported on every call, `--help` included, so it imports nothing heavy at module level.
"""

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from bot.refusals import Refused
    from bot.services import Services
    from bot.settings import Settings

# Exit codes; the README's table lists them.
EXIT_FAILURE = 1
EXIT_USAGE = 2
EXIT_ALREADY_RUNNING = 3
EXIT_INVALID_TOKEN = 4
EXIT_BOT_API_UNREACHABLE = 5
EXIT_DATABASE_UNREACHABLE = 6
EXIT_NOT_SQLITE = 7  # backup/restore on PostgreSQL: its pg_dump/pg_restore lines are printed
EXIT_UNEXPECTED = 70  # EX_SOFTWARE: a bug; the traceback (without the token) follows


class CliError(Exception):
    """A failure to report in one line; `code` is the process exit status."""

    def __init__(self, message: str, code: int = EXIT_FAILURE) -> None:
        super().__init__(message)
        self.code = code


def catalogue_text(settings: "Settings") -> Callable[..., str]:
    """Catalogue lookup in the operator's language (PARKBOT_LANGUAGE), without Services."""
    from bot.i18n import Catalogue

    catalogue = Catalogue()
    return lambda key, **args: catalogue.text(settings.language, key, **args)


def migrated_services(settings: "Settings") -> "Services":
    """Services over a database brought up to date."""
    from bot import migrate
    from bot.db import Database
    from bot.i18n import Catalogue
    from bot.services import Services

    db = Database.from_url(settings.database_url)
    migrate.upgrade(db.engine)
    return Services(settings=settings, db=db, catalogue=Catalogue())


def texts(services: "Services") -> Callable[..., str]:
    """Catalogue lookup in the operator's language (PARKBOT_LANGUAGE)."""
    language = services.settings.language
    return lambda key, **args: services.catalogue.text(language, key, **args)


def refusal_text(services: "Services", refused: "Refused", **args: object) -> str:
    """A domain refusal's reason in the operator's language; `args` add to its parameters."""
    return texts(services)(refused.key, **{**refused.params, **args})


def api_host(settings: "Settings") -> str:
    """The Bot API server as host[:port]; the base URL never holds the token (PTB appends it)."""
    return urlsplit(settings.telegram_base_url).netloc or settings.telegram_base_url


def invalid_token(settings: "Settings") -> CliError:
    """The Bot API refused the token (401/404)."""
    return CliError(
        catalogue_text(settings)("cli-invalid-token", api=api_host(settings)), EXIT_INVALID_TOKEN
    )


def bot_api_unreachable(settings: "Settings", error: BaseException) -> CliError:
    """No answer from the Bot API; `error` is a telegram NetworkError."""
    reason = _first_line(error) or type(error).__name__
    return CliError(
        catalogue_text(settings)("cli-bot-api-unreachable", api=api_host(settings), reason=reason),
        EXIT_BOT_API_UNREACHABLE,
    )


def database_failure(error: BaseException, settings: "Settings") -> CliError | None:
    """A one-line CliError if `error` means the database cannot be reached or opened."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError, InterfaceError, OperationalError

    if not isinstance(error, OperationalError | InterfaceError | ArgumentError):
        return None
    t = catalogue_text(settings)
    try:
        url = make_url(settings.database_url).render_as_string(hide_password=True)
    except ArgumentError:
        url = "DATABASE_URL"
    reason = _first_line(getattr(error, "orig", None) or error)
    sqlite_file = settings.sqlite_path()
    if sqlite_file is not None and not sqlite_file.absolute().parent.is_dir():
        # SQLite says only "unable to open database file".
        reason = t("cli-directory-missing", path=str(sqlite_file.absolute().parent))
    return CliError(
        t("cli-database-unreachable", url=url, reason=reason), EXIT_DATABASE_UNREACHABLE
    )


def file_failure(error: OSError, path: Path, settings: "Settings") -> CliError:
    """The actual cause of a file that cannot be read or written, as one line."""
    t = catalogue_text(settings)
    if isinstance(error, FileNotFoundError):
        parent = path.absolute().parent
        if not parent.is_dir():
            return CliError(t("cli-directory-missing", path=str(parent)))
        return CliError(t("cli-file-missing", path=str(path)))
    if isinstance(error, PermissionError):
        return CliError(t("cli-permission-denied", path=str(path)))
    if isinstance(error, IsADirectoryError):
        return CliError(t("cli-is-directory", path=str(path)))
    return CliError(t("cli-file-error", path=str(path), reason=error.strerror or str(error)))


def require_suffix(path: Path, suffix: str, settings: "Settings") -> None:
    """Refuses an output path whose extension is not `suffix` (what is written is `suffix`)."""
    if path.suffix.lower() != suffix:
        raise CliError(
            catalogue_text(settings)(
                "cli-wrong-extension", path=str(path), suffix=suffix, stem=path.stem or "ledger"
            ),
            EXIT_USAGE,
        )


def _first_line(error: object) -> str:
    text = str(error).strip()
    return text.splitlines()[0].strip() if text else ""
