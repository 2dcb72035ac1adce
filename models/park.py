"""Parks (园区): the campaign's industrial parks."""

from sqlmodel import Field, SQLModel


class Park(SQLModel, table=True):
    """An industrial park, e.g. 常德经开区."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=100, unique=True)
