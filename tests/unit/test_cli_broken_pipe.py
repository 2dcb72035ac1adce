"""A command whose output is cut short by a pipe (`| head`) ends quietly, not with a traceback."""

import os

from bot.cli import main as cli_main


def test_a_cut_pipe_ends_quietly(monkeypatch, tmp_path, capsys) -> None:
    def prints_into_a_closed_pipe(args, settings) -> int:
        raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(cli_main, "_resolve", lambda action: prints_into_a_closed_pipe)
    read, write = os.pipe()
    with os.fdopen(write, "w") as piped:
        monkeypatch.setattr("sys.stdout", piped)
        code = cli_main.main(["assess", "show"])
        piped.write("after")  # stdout now goes to devnull: the flush at exit cannot fail
    assert os.read(read, 100) == b""  # nothing reached the pipe after it broke
    os.close(read)
    assert code == cli_main.EXIT_BROKEN_PIPE
    assert "Traceback" not in capsys.readouterr().err
