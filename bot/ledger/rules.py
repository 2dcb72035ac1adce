"""Who gets the ledger (台账)."""

from models import Person


def may_export(*, person: Person | None) -> bool:
    """Admins and city-level leaders get the ledger: it shows every project of the city."""
    return person is not None and person.sees_whole_city
