"""`parkbot targets`: show, set (money as the report form reads it), bad input changes nothing."""

from decimal import Decimal

import pytest
from sqlmodel import select

from bot.cli import main as cli
from bot.db import Database
from models import AuditEntry, CampaignTarget
from tests.screens import say


@pytest.fixture
def operator(db: Database, monkeypatch: pytest.MonkeyPatch, tmp_path) -> Database:
    """The command line pointed at the test's database, in Chinese."""
    url = db.engine.url
    if url.get_backend_name() == "postgresql":
        # The test's engine sets its schema in connect_args, which the URL does not carry.
        with db.engine.connect() as connection:
            schema = connection.exec_driver_sql("SELECT current_schema()").scalar()
        url = url.update_query_dict({"options": f"-csearch_path={schema}"})
    monkeypatch.setenv("DATABASE_URL", url.render_as_string(hide_password=False))
    monkeypatch.setenv("PARKBOT_LANGUAGE", "zh_CN")
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    monkeypatch.chdir(tmp_path)  # no .env of the machine
    return db


def targets(db: Database) -> list[CampaignTarget]:
    with db.scope() as session:
        return list(session.exec(select(CampaignTarget)))


def test_set_then_show(operator: Database, capsys) -> None:
    assert cli.main(["targets", "--year", "2026"]) == 0
    assert say("cli-targets-none", year="2026") in capsys.readouterr().out
    argv = ["targets", "--year", "2026", "--new-starts", "50", "--in-production", "16"]
    assert cli.main([*argv, "--investment", "600亿"]) == 0
    out = capsys.readouterr().out
    shown = say(
        "cli-targets-show", year="2026", new_starts="50", in_production="16", investment="600.00"
    )
    assert shown in out
    [target] = targets(operator)
    assert (target.year, target.new_starts, target.in_production) == (2026, 50, 16)
    assert target.investment == Decimal(6_000_000)
    # Setting one figure keeps the others.
    assert cli.main(["targets", "--year", "2026", "--in-production", "17"]) == 0
    [target] = targets(operator)
    assert (target.new_starts, target.in_production) == (50, 17)
    with operator.scope() as session:
        actions = [entry.action for entry in session.exec(select(AuditEntry))]
    assert actions == ["targets-set", "targets-set"]


def _investment(reason_key: str, **args: object) -> str:
    return say("cli-targets-bad-investment", reason=say(reason_key, **args))


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["--investment", "六百亿"], _investment("parse-money-invalid", text="六百亿")),
        (["--investment", "-5"], _investment("parse-money-negative")),
        (
            ["--new-starts", "many"],
            say("cli-targets-bad-count", option="--new-starts", value="many"),
        ),
        (
            ["--in-production", "-1"],
            say("cli-targets-bad-count", option="--in-production", value="-1"),
        ),
        (["--year", "1999"], say("cli-targets-bad-year", value="1999")),
    ],
)
def test_bad_input_is_one_line_exit_2_nothing_written(operator, capsys, argv, expected) -> None:
    # A good figure beside the bad one: it is not written either.
    assert cli.main(["targets", "--in-production", "16", *argv]) == 2
    captured = capsys.readouterr()
    assert captured.err == f"parkbot: {expected}\n"
    assert "Traceback" not in captured.err and captured.out == ""
    assert targets(operator) == []
