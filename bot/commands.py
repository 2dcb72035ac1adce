"""The bot's commands and who may use them: the single source for /help and the menu."""

from dataclasses import dataclass
from enum import StrEnum

from models import Person


class Audience(StrEnum):
    """Who a command is for."""

    ANYONE = "anyone"  # unknown users included
    MEMBER = "member"  # anyone on the roster with a bound account
    LIAISON = "liaison"
    LEADER = "leader"
    CITY = "city"  # admins and city-level leaders
    PAIRING = "pairing"  # 三个一: leaders and liaisons (who may be on a pairing), and the city
    ADMIN = "admin"
    REPORTER = "reporter"  # a park's indicator reporter (指标填报员), and admins


@dataclass(frozen=True)
class Command:
    """A slash command; its menu text is the catalogue key ``cmd-<name>``."""

    name: str
    audience: Audience

    @property
    def description_key(self) -> str:
        """The catalogue key of the one-line description."""
        return f"cmd-{self.name}"


COMMANDS: tuple[Command, ...] = (
    Command("start", Audience.ANYONE),
    Command("help", Audience.ANYONE),
    Command("report", Audience.LIAISON),
    Command("status", Audience.MEMBER),
    Command("park", Audience.MEMBER),
    Command("overview", Audience.LEADER),
    Command("missing", Audience.LEADER),
    Command("problems", Audience.MEMBER),
    Command("chart", Audience.MEMBER),
    Command("export", Audience.CITY),
    Command("board", Audience.MEMBER),
    Command("objection", Audience.MEMBER),
    Command("service", Audience.PAIRING),
    Command("pairing", Audience.PAIRING),
    Command("meetings", Audience.MEMBER),
    Command("meeting", Audience.ADMIN),
    Command("minutes", Audience.ADMIN),
    Command("broadcast", Audience.ADMIN),
    Command("assess", Audience.ADMIN),
    Command("values", Audience.REPORTER),
    Command("cancel", Audience.MEMBER),
    Command("lang", Audience.MEMBER),
    Command("whoami", Audience.MEMBER),
)


def may_use(person: Person | None, command: Command, *, reporter: bool = False) -> bool:
    """Whether this person (None: an unknown user) may use the command.

    `reporter`: whether the person files a park's indicator values (a database fact).
    """
    if command.audience is Audience.ANYONE:
        return True
    if person is None or not person.active:
        return False
    match command.audience:
        case Audience.MEMBER:
            return True
        case Audience.LIAISON:
            return person.is_liaison or person.is_admin
        case Audience.LEADER:
            return person.is_leader or person.is_admin
        case Audience.CITY:
            return person.sees_whole_city
        case Audience.PAIRING:
            return person.is_leader or person.is_liaison or person.sees_whole_city
        case Audience.ADMIN:
            return person.is_admin
        case Audience.REPORTER:
            return reporter or person.is_admin
    return False


def commands_for(person: Person | None, *, reporter: bool = False) -> list[Command]:
    """The commands this person may use, in menu order."""
    return [command for command in COMMANDS if may_use(person, command, reporter=reporter)]
