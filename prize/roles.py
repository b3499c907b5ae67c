from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    NOMINATOR = "nominator"
    VILLAGE = "village"
    JUROR = "juror"
    SECRETARIAT = "secretariat"
