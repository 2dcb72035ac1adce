"""The `parkbot` command as an operator uses it: import, invite, run against the emulator."""

import argparse
import re
import signal
import socket
import threading
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlmodel import select

from bot.cli import main as cli
from bot.cli import parser as cli_parser
from bot.db import Database
from models import Person, Project
from tests.e2e.conftest import BOT_USERNAME, TOKEN
from tests.e2e.process import operator_env, parkbot, start_parkbot
from tests.emulator.server import BotApiEmulator

DATA = Path(__file__).resolve().parents[1] / "data"
ROSTER_CSV = (DATA / "roster_ok.csv").read_text(encoding="utf-8")
BAD_CSV = (DATA / "roster_bad.csv").read_text(encoding="utf-8")


@pytest.fixture
def workdir(tmp_path: Path, emulator) -> tuple[Path, dict[str, str]]:
    """An operator's working directory with a SQLite database and the emulator configured."""
    return tmp_path, operator_env(tmp_path, emulator)


def test_missing_token_is_one_clear_line_and_exit_code_2(workdir):
    _, env = workdir
    del env["TELEGRAM_BOT_TOKEN"]
    result = parkbot(env, "run")
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert "TELEGRAM_BOT_TOKEN" in result.stderr and "Traceback" not in result.stderr


def test_placeholder_token_is_refused(workdir):
    _, env = workdir
    env["TELEGRAM_BOT_TOKEN"] = "123456789:replace-with-your-token"
    result = parkbot(env, "run")
    assert result.returncode == 2 and "仍是示例值" in result.stderr


def test_bad_roster_lists_every_bad_row_and_writes_nothing(workdir):
    path, env = workdir
    roster = path / "bad.csv"
    roster.write_text(BAD_CSV, encoding="utf-8")
    result = parkbot(env, "roster", "import", str(roster))
    assert result.returncode == 1
    assert "第 2 行" in result.stderr and "第 3 行" in result.stderr
    db = Database.from_url(env["DATABASE_URL"])
    with db.scope() as session:
        assert session.exec(select(Project)).all() == []
        assert session.exec(select(Person)).all() == []
    db.dispose()


def test_import_invite_and_run_serves_start_with_token(workdir, emulator):
    path, env = workdir
    roster = path / "roster.csv"
    roster.write_bytes(ROSTER_CSV.encode("gb18030"))
    imported = parkbot(env, "roster", "import", str(roster))
    assert imported.returncode == 0, imported.stderr
    again = parkbot(env, "roster", "import", str(roster))
    assert again.returncode == 0 and again.stdout != imported.stdout

    invited = parkbot(env, "invite", "139-0000-0011")
    assert invited.returncode == 0, invited.stderr
    link = re.search(rf"https://t\.me/{BOT_USERNAME}\?start=(\S+)", invited.stdout)
    assert link and "李敏" in invited.stdout

    bot = start_parkbot(env)
    try:
        user = emulator.add_user(424242, "Min")
        user.send_command("start", link.group(1))
        greeting = user.wait_message(timeout=20)
        assert "李敏" in greeting["text"]
        assert "中联起重机械" in greeting["text"] and "美华尼龙四期" in greeting["text"]
    finally:
        bot.send_signal(signal.SIGTERM)
        _, stderr = bot.communicate(timeout=20)
    assert bot.returncode == 0, stderr
    assert TOKEN not in stderr


# --- the token and start-up failures --------------------------------------------------------

WRONG_TOKEN = "999999:AAEwrongTokenForParkbotTests_xyz"


def _closed_port() -> int:
    """A loopback port nothing listens on (bound once, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _leaf_commands(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()) -> set[tuple]:
    """Every runnable command path of the parser, e.g. ("meeting", "add")."""
    subparsers = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not subparsers:
        return {path}
    return {
        leaf
        for name, sub in subparsers[0].choices.items()
        for leaf in _leaf_commands(sub, (*path, name))
    }


def _every_command(tmp_path: Path) -> list[list[str]]:
    """One call of every command but `run` and `demo` (tested as processes)."""
    moment = (datetime.now() + timedelta(days=40)).strftime("%Y-%m-%d 09:00")
    template = str(tmp_path / "template.xlsx")
    return [
        ["db", "upgrade"],
        ["demo-data"],
        ["roster", "template", template],
        ["roster", "import", template],
        ["invite", "--list"],
        ["invite", "--revoke", "13900000021"],
        ["person", "deactivate", "13900000021"],
        ["person", "reactivate", "13900000021"],
        ["person", "unbind", "13900000021"],
        ["audit", "--since", "3.1"],
        ["invite", "--all"],
        ["meeting", "add", "--at", moment, "--park", "常德经开区", "--place", "三楼会议室"],
        ["meeting", "list"],
        ["meeting", "pack", "2", "--out", str(tmp_path)],
        ["meeting", "edit", "1", "--place", "二楼会议室"],
        ["meeting", "cancel", "1"],
        ["meeting", "minutes-template", "1", str(tmp_path / "minutes.xlsx")],
        ["meeting", "minutes-import", "1", str(tmp_path / "minutes.xlsx")],
        ["meeting", "assignments", "1"],
        ["leave", "add", "13900000021", "--from", "3.1", "--to", "3.15"],
        ["leave", "list"],
        ["export", "-o", str(tmp_path / "ledger.xlsx")],
        ["burden", "--days", "7"],
        ["board-link", "--park", "常德经开区", "--label", "wall"],
        ["board-link", "--list"],
        ["board-link", "--revoke", "1"],
        ["targets", "--year", "2026", "--new-starts", "50", "--investment", "600亿"],
        ["assess", "template", str(tmp_path / "scheme.xlsx")],
        ["assess", "import", str(tmp_path / "scheme.xlsx")],
        ["assess", "show"],
        ["assess", "values", "--period", "2025-Q1"],
        ["assess", "run", "--period", "2025-Q1", "--xlsx", str(tmp_path / "run.xlsx")],
        ["assess", "results", "--period", "2025-Q1"],
        ["assess", "publish", "--period", "2025-Q1"],
        ["assess", "close", "--period", "2025-Q1", "--early", "--reason", "rehearsal"],
        ["assess", "export", "--period", "2025-Q1", str(tmp_path / "result.xlsx")],
        ["assess", "values-template", str(tmp_path / "values.xlsx"), "--month", "2025-03"],
        ["assess", "values-import", str(tmp_path / "values.xlsx"), "--month", "2025-03"],
        ["assess", "objections", "--status", "pending"],
        ["assess", "answer", "1", "--reject", "--reason", "以统计局数据为准"],
        ["pairing", "show"],
        ["pairing", "export", str(tmp_path / "pairing.xlsx")],
        ["pairing", "publish", "--quarter", "2025-Q1"],
        ["backup", str(tmp_path / "copy.db")],
        ["restore", str(tmp_path / "copy.db")],
    ]


def _break(env: dict[str, str], emulator: BotApiEmulator, fault: str) -> None:
    """Makes the Bot API answer start-up with 401, 404, or not at all."""
    if fault == "wrong-token":
        env["TELEGRAM_BOT_TOKEN"] = WRONG_TOKEN  # the emulator answers 401
    elif fault == "not-found":
        # A wrong path (a mistyped TELEGRAM_BASE_URL, a proxy in front): 404 Not Found.
        env["TELEGRAM_BASE_URL"] = f"http://127.0.0.1:{emulator.port}/api/bot"
        env["TELEGRAM_BASE_FILE_URL"] = f"http://127.0.0.1:{emulator.port}/api/file/bot"
    else:
        env["TELEGRAM_BASE_URL"] = f"http://127.0.0.1:{_closed_port()}/bot"


@pytest.mark.parametrize("fault", ["wrong-token", "not-found", "unreachable"])
def test_no_command_ever_prints_the_token(fault, workdir, emulator, monkeypatch, capsys):
    path, env = workdir
    _break(env, emulator, fault)
    token = env["TELEGRAM_BOT_TOKEN"]
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    monkeypatch.chdir(path)
    calls = _every_command(path)
    parser = cli_parser.build("zh_CN")
    assert {tuple(c[: len(leaf)]) for c in calls for leaf in _leaf_commands(parser)} >= (
        _leaf_commands(parser) - {("run",), ("demo",)}  # they serve: tests/web/test_demo.py
    ), "a command is missing from this test"
    outputs = []
    for argv in calls:
        code = cli.main(argv)
        out, err = capsys.readouterr()
        outputs.append((argv, code, out, err))
        assert token not in out + err, argv
        assert "Traceback" not in err, (argv, err)
    codes = {argv[0]: code for argv, code, _, _ in outputs}
    invite_code = 5 if fault == "unreachable" else 4
    assert codes["invite"] == invite_code  # --all, the last: it needs the bot's username
    invite_err = next(err for argv, _, _, err in outputs if argv == ["invite", "--all"])
    assert invite_err.strip().count("\n") == 0
    cause = "无法连接 Bot API" if fault == "unreachable" else "拒绝了 TELEGRAM_BOT_TOKEN"
    assert cause in invite_err


@pytest.mark.parametrize("level", ["INFO", "DEBUG"])
@pytest.mark.parametrize("fault", ["wrong-token", "not-found"])
def test_run_with_a_rejected_token_is_one_line_exit_4(fault, level, workdir, emulator):
    _, env = workdir
    _break(env, emulator, fault)
    env["PARKBOT_LOG_LEVEL"] = level
    token = env["TELEGRAM_BOT_TOKEN"]
    result = parkbot(env, "run")
    assert result.returncode == 4, result.stderr
    assert token not in result.stdout + result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("parkbot:")]
    assert len(lines) == 1 and "TELEGRAM_BOT_TOKEN" in lines[0]
    assert "Traceback" not in result.stderr and "InvalidToken" not in result.stderr


@pytest.mark.parametrize("database", ["sqlite-missing-directory", "postgresql-closed-port"])
def test_run_with_an_unreachable_database_is_one_line_exit_6(database, workdir, tmp_path):
    _, env = workdir
    env["DATABASE_URL"] = (
        f"sqlite:///{tmp_path / 'gone' / 'parkbot.db'}"
        if database.startswith("sqlite")
        else f"postgresql+psycopg://parkbot:secret@127.0.0.1:{_closed_port()}/parkbot"
    )
    result = parkbot(env, "run")
    assert result.returncode == 6, result.stderr
    assert result.stderr.strip().count("\n") == 0, result.stderr
    assert "无法连接数据库" in result.stderr and "secret" not in result.stderr
    if database.startswith("sqlite"):
        assert f"目录不存在：{tmp_path / 'gone'}" in result.stderr


class _Refuser:
    """A loopback listener that accepts and drops every connection, counting them."""

    def __init__(self) -> None:
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.connections = 0
        self.changed = threading.Condition()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while True:
            try:
                connection, _ = self.server.accept()
            except OSError:
                return
            connection.close()
            with self.changed:
                self.connections += 1
                self.changed.notify_all()

    def close(self) -> None:
        self.server.close()
        self._thread.join(5)


class _Lines:
    """Collects a process's stderr lines as they come."""

    def __init__(self, stream) -> None:
        self.lines: list[str] = []
        self.changed = threading.Condition()
        self._thread = threading.Thread(target=self._read, args=(stream,), daemon=True)
        self._thread.start()

    def _read(self, stream) -> None:
        for line in stream:
            with self.changed:
                self.lines.append(line)
                self.changed.notify_all()

    def wait_for(self, predicate, timeout: float = 30) -> None:
        with self.changed:
            assert self.changed.wait_for(lambda: predicate(self.lines), timeout), self.lines

    def join(self) -> str:
        self._thread.join(10)
        return "".join(self.lines)


def test_run_waits_for_an_unreachable_bot_api_and_reports_it_once(workdir):
    _, env = workdir
    refuser = _Refuser()
    env["PARKBOT_BOT_API_RETRY_SECONDS"] = "0.2"  # 0.2 s, 0.4 s, ...: the same steps, sooner
    env["TELEGRAM_BASE_URL"] = f"http://127.0.0.1:{refuser.port}/bot"
    env["TELEGRAM_BASE_FILE_URL"] = f"http://127.0.0.1:{refuser.port}/file/bot"
    bot = start_parkbot(env)
    stderr = _Lines(bot.stderr)
    try:
        with refuser.changed:  # several attempts, with backoff
            assert refuser.changed.wait_for(lambda: refuser.connections >= 3, 30)
        stderr.wait_for(lambda lines: any("unreachable" in line for line in lines))
        assert bot.poll() is None, "run gave up instead of retrying"
        refuser.close()
        with BotApiEmulator(token=TOKEN, bot_username=BOT_USERNAME, port=refuser.port) as api:
            api.wait_until(lambda: api.polls_started > 0, timeout=30)
            stderr.wait_for(lambda lines: any("parkbot started" in line for line in lines))
            bot.send_signal(signal.SIGTERM)
            bot.wait(20)
    finally:
        refuser.close()
        if bot.poll() is None:
            bot.kill()
    text = stderr.join()
    assert bot.returncode == 0, text
    assert sum("unreachable" in line for line in text.splitlines()) == 1, text
    assert "Traceback" not in text and TOKEN not in text
    assert "parkbot stopped" in text


# --- one-line file errors -------------------------------------------------------------------


def test_file_errors_name_their_cause_in_one_line(workdir, monkeypatch, capsys):
    path, env = workdir
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    monkeypatch.chdir(path)
    (path / "folder.csv").mkdir()
    nodir = f"目录不存在：{path / 'nodir'}"
    cases = [
        (["export", "--period", "2026-12", "-o", "nodir/x.xlsx"], 1, nodir),
        (["export", "-o", "ledger.csv"], 2, "只能写成 .xlsx 文件"),
        (["roster", "template", "nodir/t.xlsx"], 1, "目录不存在"),
        (["roster", "template", "t.csv"], 2, "只能写成 .xlsx 文件"),
        (["roster", "import", "missing.csv"], 1, "文件不存在：missing.csv"),
        (["roster", "import", "folder.csv"], 1, "这是一个目录"),
    ]
    for argv, code, expected in cases:
        assert cli.main(argv) == code, argv
        _, err = capsys.readouterr()
        assert expected in err and err.count("\n") == 1, (argv, err)
        assert "damaged" not in err and "损坏" not in err
    assert not (path / "ledger.csv").exists() and not (path / "t.csv").exists()


def test_a_run_logs_its_start_and_stop_and_no_library_chatter(workdir, emulator):
    _, env = workdir
    bot = start_parkbot(env)
    try:
        user = emulator.add_user(515151, "Lin")
        user.send_command("help")
        user.wait_message(timeout=20)
    finally:
        bot.send_signal(signal.SIGTERM)
        _, stderr = bot.communicate(timeout=20)
    assert bot.returncode == 0, stderr
    assert "parkbot started as @" in stderr and "parkbot stopped" in stderr
    assert "apscheduler" not in stderr and "Adding job tentatively" not in stderr, stderr
    assert " INFO httpx" not in stderr and " INFO telegram" not in stderr


# --- access: invites, people, the audit log ---------------------------------------------------


def test_access_commands_refuse_bound_people_revoke_and_are_audited(workdir, monkeypatch, capsys):
    path, env = workdir
    env["TELEGRAM_BOT_USERNAME"] = BOT_USERNAME  # no getMe needed
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    monkeypatch.chdir(path)
    monkeypatch.setattr("getpass.getuser", lambda: "alice")
    roster = path / "roster.csv"
    roster.write_text(ROSTER_CSV, encoding="utf-8")

    def run(*argv: str) -> tuple[int, str, str]:
        code = cli.main(list(argv))
        out, err = capsys.readouterr()
        return code, out, err

    assert run("roster", "import", str(roster))[0] == 0
    code, out, _ = run("invite", "13900000011")
    token = re.search(r"start=(\S+)", out).group(1)
    code, out, _ = run("invite", "--list")
    assert code == 0 and "李敏" in out and token not in out
    db = Database.from_url(env["DATABASE_URL"])
    with db.scope() as session:
        person = session.exec(select(Person).where(Person.phone == "13900000011")).one()
        person.telegram_user_id = 5001
    # Bound: a plain invite is refused (and nothing is written), a re-bind invite is not.
    code, _, err = run("invite", "13900000011")
    assert code == 1 and "--rebind" in err
    code, out, _ = run("invite", "--rebind", "13900000011")
    assert code == 0 and "start=" in out
    code, out, _ = run("invite", "--revoke", "13900000011")
    assert code == 0 and "1" in out
    assert run("invite", "--list")[1].strip() == "目前没有未使用的邀请链接。"
    code, out, _ = run("person", "deactivate", "13900000011")
    assert code == 0 and "已停用" in out
    assert run("person", "deactivate", "13900000011")[0] == 1
    assert run("person", "reactivate", "13900000011")[0] == 0
    assert run("person", "unbind", "13900000011")[0] == 0
    assert run("export", "-o", str(path / "ledger.xlsx"))[0] == 0
    code, out, _ = run("audit", "--person", "13900000011")
    lines = out.strip().splitlines()
    assert code == 0
    assert [line.split("\t")[2] for line in lines] == [
        "create",  # by the roster import
        "invite",
        "invite-rebind",
        "invite-revoke",
        "deactivate",
        "reactivate",
        "unbind",
    ]
    assert lines[0].split("\t")[1] == "cli:alice:roster-import"
    assert all(line.split("\t")[1] == "cli:alice" for line in lines[1:])
    assert lines[0].startswith(datetime.now().strftime("%Y-"))
    code, out, _ = run("audit")
    assert "\texport\t" in out and "cli:alice" in out
    db.dispose()
