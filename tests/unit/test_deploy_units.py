"""The systemd units in deploy/ pass `systemd-analyze verify`, binaries pointed at this venv."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
UNITS = sorted(p.name for p in DEPLOY.iterdir() if p.suffix in (".service", ".timer"))
INSTALLED = "/opt/parkbot/.venv/bin/parkbot"
ANALYZE = shutil.which("systemd-analyze")


def test_the_units_are_all_there():
    assert UNITS == [
        "parkbot-backup.service",
        "parkbot-backup.timer",
        "parkbot-health.service",
        "parkbot-health.timer",
        "parkbot.service",
    ]
    service = (DEPLOY / "parkbot.service").read_text(encoding="utf-8")
    for line in (
        "User=parkbot",
        "WorkingDirectory=/var/lib/parkbot",
        "EnvironmentFile=/etc/parkbot/parkbot.env",
        f"ExecStart={INSTALLED} run",
        "Restart=on-failure",
        "NoNewPrivileges=yes",
        "ProtectSystem=strict",
        "ReadWritePaths=/var/lib/parkbot",
        "PrivateTmp=yes",
    ):
        assert line in service.splitlines()


@pytest.mark.skipif(ANALYZE is None, reason="systemd-analyze is not installed on this machine")
def test_systemd_analyze_verify_accepts_the_units(tmp_path):
    # verify insists that ExecStart's binary exists: a temporary copy runs this venv's parkbot
    # instead of the installed one, the units themselves stay as they are deployed.
    parkbot = Path(sys.executable).parent / "parkbot"
    assert parkbot.exists(), parkbot
    for name in UNITS:
        text = (DEPLOY / name).read_text(encoding="utf-8").replace(INSTALLED, str(parkbot))
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = subprocess.run(
        [ANALYZE, "verify", *(str(tmp_path / name) for name in UNITS)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    # Warnings go to stderr with rc 0; only those about our own files count.
    ours = [line for line in result.stderr.splitlines() if any(n in line for n in UNITS)]
    assert ours == [], ours
