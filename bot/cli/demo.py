"""`parkbot demo`'s preparation: a throwaway database with the demo, and three invites.

bot/main.py serves it (the CLI may not import the event loop above it); this module only
writes the data and says what to open.
"""

from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from bot.cli.common import migrated_services, texts

if TYPE_CHECKING:
    from bot.services import Services
    from bot.settings import Settings

# One person per role from the demo roster (bot/demo/roster.py): role key, phone.
DEMO_PEOPLE: tuple[tuple[str, str], ...] = (
    ("liaison", "13900000021"),  # 张伟, 联络员 of two projects
    ("leader", "13900000011"),  # 李明, 包联领导
    ("centre", "13900000001"),  # 陈志强, 指挥部
)
DEMO_ACTOR = "cli:demo"


@dataclass(frozen=True)
class DemoInvite:
    """A demo person's sign-in: the role key (cli-demo-role-*), their name, the token."""

    role: str
    name: str
    token: str


def demo_settings(settings: "Settings", directory: Path, port: int) -> "Settings":
    """The settings with everything the demo writes inside `directory`, and the local messenger.

    Deployment settings from .env (a token, a public URL, a webhook) are set aside: the demo is
    always local and always on this machine.
    """
    return settings.model_copy(
        update={
            "database_url": f"sqlite:///{directory / 'parkbot.db'}",
            "messenger": "local",
            "telegram_bot_token": None,
            "messenger_dir": directory / "messenger",
            "media_dir": directory / "media",
            "web_port": port,
            "web_public_url": None,
            "webhook_url": None,
        }
    )


def prepare(settings: "Settings") -> tuple["Services", list[DemoInvite]]:
    """Migrates, loads the demo roster and reports, and issues the three roles' invites."""
    from bot.demo.roster import load_demo
    from bot.people.directory import person_by_phone
    from bot.people.invites import issue_invite

    services = migrated_services(settings)
    with services.db.scope() as session:
        now = services.now()
        load_demo(session, now=now, today=now.date())
    invites = []
    with services.db.scope() as session:
        for role, phone in DEMO_PEOPLE:
            person = person_by_phone(session, phone)
            assert person is not None, phone  # the demo roster has them
            # With --keep, a later demo re-binds the person to the browser that opens the link.
            token = issue_invite(
                session,
                person=person,
                now=services.now(),
                ttl=timedelta(days=settings.invite_ttl_days),
                actor=DEMO_ACTOR,
                rebind=True,
            )
            invites.append(DemoInvite(role, person.name, token))
    return services, invites


def links_text(services: "Services", invites: list[DemoInvite], base_url: str) -> str:
    """The lines `parkbot demo` prints once it listens: one link per role."""
    t = texts(services)
    lines = [t("cli-demo-open", count=len(invites))]
    lines += [
        t(
            "cli-demo-link",
            role=t(f"cli-demo-role-{invite.role}"),
            name=invite.name,
            url=f"{base_url}/join/{invite.token}",
        )
        for invite in invites
    ]
    # The wall board: each signed-in role sees it in their own scope.
    lines.append(t("cli-demo-board", url=f"{base_url}/board"))
    lines.append(t("cli-demo-stop"))
    return "\n".join(lines)
