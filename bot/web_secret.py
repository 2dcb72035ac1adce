"""The web server's signing secret: web chat sessions and board links are signed with it.

In the kernel because both the web server and the command line (`parkbot board-link`) sign.
"""

import os
import secrets
from pathlib import Path

from bot.settings import Settings

SECRET_FILE = "web-secret"


def load_secret(settings: Settings) -> str:
    """PARKBOT_WEB_SECRET, or the one generated once into the messenger folder (mode 0600)."""
    if settings.web_secret is not None:
        return settings.web_secret.get_secret_value()
    path = Path(settings.messenger_dir) / SECRET_FILE
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    secret = secrets.token_urlsafe(32)
    # O_EXCL: two processes starting at once cannot each write their own secret.
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text(encoding="utf-8").strip()
    with os.fdopen(fd, "w", encoding="utf-8") as file:
        file.write(secret)
    return secret
