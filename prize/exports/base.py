"""The exporter base (pretalx's exporters are the model).

An exporter subclasses ``Exporter`` and declares, as class attributes, its
``identifier`` (a stable name for the command line and the download buttons),
``file_stem`` (the Danish word in its file name), ``extension``,
``media_type``, the catalog key of its ``title`` and the ``action`` it needs
in the rule book. ``render`` turns the year's data into
bytes; ``export`` checks the permission, renders and names the file. Exporters
write plain text, never Markdown, so they use ``t_plain``.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from sqlalchemy.orm import Session

from prize.actor import Actor
from prize.i18n import to_local
from prize.models.base import utcnow
from prize.permissions import Action, require
from prize.services.years import YearInfo

EXPORTERS: dict[str, type[Exporter]] = {}


@dataclass(frozen=True)
class ExportFile:
    filename: str
    media_type: str
    content: bytes


class Exporter(ABC):
    identifier: ClassVar[str]
    file_stem: ClassVar[str]
    extension: ClassVar[str]
    media_type: ClassVar[str]
    title: ClassVar[str]
    action: ClassVar[Action]

    def __init_subclass__(cls, **kwargs) -> None:
        super().__init_subclass__(**kwargs)
        if cls.identifier in EXPORTERS:
            raise ValueError(f"two exporters are named {cls.identifier!r}")
        EXPORTERS[cls.identifier] = cls

    def __init__(self, *, year: YearInfo, locale: str = "da") -> None:
        self.year = year
        self.locale = locale

    def filename(self, *, now: datetime) -> str:
        """E.g. ``landsbyprisen-2020-indstillinger-20200301-1405.csv``, in Danish time."""
        stamp = to_local(now).strftime("%Y%m%d-%H%M")
        return f"landsbyprisen-{self.year.year}-{self.file_stem}-{stamp}.{self.extension}"

    def export(self, session: Session, *, actor: Actor, now: datetime | None = None) -> ExportFile:
        self.authorise(session, actor=actor)
        return ExportFile(filename=self.filename(now=now or utcnow()), media_type=self.media_type,
                          content=self.render(session))

    def authorise(self, session: Session, *, actor: Actor) -> None:
        """Raise the rule book's refusal unless ``actor`` may have this file. An
        exporter of one object (a nomination's receipt) asks about that object."""
        require(actor, self.action, phase=self.year.phase)

    @abstractmethod
    def render(self, session: Session) -> bytes:
        """The file's content; the permission is checked before this is called."""


def exporter_for(identifier: str) -> type[Exporter]:
    """The exporter of that identifier; ``KeyError`` for an unknown one."""
    return EXPORTERS[identifier]
