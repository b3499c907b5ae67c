"""The nominating bodies as data the secretariat keeps: LAGs (which change with
each EU programme period and often span two municipalities) and municipalities
without a LAG, which nominate for themselves.

A municipality may be covered by more than one body (a LAG and the municipality
itself, or two LAGs while programme periods overlap): that is allowed and shown.
A deactivated body keeps its past nominations; its nominators can no longer
create new ones (``prize.queries.bodies.body_is_active``)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd
from sqlalchemy.orm import Session

from prize.actor import Actor
from prize.errors import InvalidInput, NotFound
from prize.i18n import danish_sort_key
from prize.models import BodyKind, NominatingBody
from prize.models.place import BODY_NAME_MAX, NOMINATION_LIMIT_MAX
from prize.permissions import Action, require
from prize.queries import bodies as body_queries
from prize.services.audit import record_change
from prize.validation import clean_text


@dataclass(frozen=True)
class BodyDraft:
    """A body as the secretariat typed it, new or changed."""

    name: str
    kind: BodyKind | str
    municipality_ids: tuple[int, ...]
    nomination_limit: int = 1
    active: bool = True


@dataclass(frozen=True)
class BodyInfo:
    id: int
    name: str
    kind: BodyKind
    municipality_ids: tuple[int, ...]
    municipalities: tuple[str, ...]
    nomination_limit: int
    active: bool
    nominations: int = 0

    @classmethod
    def of(cls, body: NominatingBody, *, nominations: int = 0) -> BodyInfo:
        covered = sorted(body.municipalities, key=lambda m: danish_sort_key(m.name))
        return cls(id=body.id, name=body.name, kind=BodyKind(body.kind),
                   municipality_ids=tuple(m.id for m in covered), municipalities=tuple(m.name for m in covered),
                   nomination_limit=body.nomination_limit, active=body.active, nominations=nominations)


@dataclass(frozen=True)
class BodiesOverview:
    """Every body in Danish order, the region's municipalities, and how the
    active bodies cover them: municipalities with more than one, and with none."""

    bodies: tuple[BodyInfo, ...]
    municipalities: dict[int, str]
    shared: dict[str, tuple[str, ...]]
    uncovered: tuple[str, ...]

    def frame(self) -> pd.DataFrame:
        columns = ["id", "name", "kind", "municipalities", "nominations", "nomination_limit", "active"]
        return pd.DataFrame([{"id": b.id, "name": b.name, "kind": b.kind, "municipalities": ", ".join(b.municipalities),
                              "nominations": b.nominations, "nomination_limit": b.nomination_limit,
                              "active": b.active} for b in self.bodies], columns=columns)

    def body(self, body_id: int) -> BodyInfo:
        return next(body for body in self.bodies if body.id == body_id)


def coverage(bodies: Iterable[BodyInfo], municipalities: Iterable[str]) -> tuple[dict[str, tuple[str, ...]],
                                                                                  tuple[str, ...]]:
    """The municipalities more than one active body covers (with those bodies), and
    those no active body covers; both in Danish order (pure rule)."""
    covering: dict[str, list[str]] = {name: [] for name in municipalities}
    for body in (b for b in bodies if b.active):
        for name in body.municipalities:
            covering.setdefault(name, []).append(body.name)
    ordered = sorted(covering, key=danish_sort_key)
    shared = {name: tuple(sorted(covering[name], key=danish_sort_key)) for name in ordered if len(covering[name]) > 1}
    return shared, tuple(name for name in ordered if not covering[name])


def list_bodies(session: Session, *, actor: Actor, year_id: int | None = None) -> BodiesOverview:
    """Every body, with its nominations in ``year_id`` (the current year) if given."""
    require(actor, Action.MANAGE_BODIES, phase=None)
    counts = body_queries.nomination_counts(session, year_id) if year_id is not None else {}
    bodies = tuple(sorted((BodyInfo.of(body, nominations=counts.get(body.id, 0))
                           for body in body_queries.all_bodies(session)), key=lambda b: danish_sort_key(b.name)))
    municipalities = dict(sorted(body_queries.all_municipalities(session).items(),
                                 key=lambda item: danish_sort_key(item[1])))
    shared, uncovered = coverage(bodies, municipalities.values())
    return BodiesOverview(bodies=bodies, municipalities=municipalities, shared=shared, uncovered=uncovered)


def add_body(session: Session, *, actor: Actor, draft: BodyDraft) -> BodyInfo:
    require(actor, Action.MANAGE_BODIES, phase=None)
    body = NominatingBody()
    _store(session, body, _checked(session, draft, body_id=None))
    info = BodyInfo.of(body)
    record_change(session, actor=actor, action="body.created", entity="nominating_body", entity_id=body.id,
                  new=_snapshot(info))
    return info


def edit_body(session: Session, *, actor: Actor, body_id: int, draft: BodyDraft) -> BodyInfo:
    """Change a body: its name, kind, municipalities, limit, or whether it is active.
    Audited with the values that changed, old and new."""
    require(actor, Action.MANAGE_BODIES, phase=None)
    body = body_queries.body_by_id(session, body_id)
    if body is None:
        raise NotFound()
    before = _snapshot(BodyInfo.of(body))
    _store(session, body, _checked(session, draft, body_id=body.id))
    after = _snapshot(BodyInfo.of(body))
    changed = sorted(name for name in after if after[name] != before[name])
    if changed:
        record_change(session, actor=actor, action="body.changed", entity="nominating_body", entity_id=body.id,
                      old={name: before[name] for name in changed}, new={name: after[name] for name in changed})
    return BodyInfo.of(body)


@dataclass(frozen=True)
class _Checked:
    name: str
    kind: BodyKind
    municipalities: list
    nomination_limit: int
    active: bool


def _checked(session: Session, draft: BodyDraft, *, body_id: int | None) -> _Checked:
    """Every value checked before anything changes: refused input changes nothing."""
    name = clean_text(draft.name, field="bodies.field.name", max_length=BODY_NAME_MAX, required=True)
    _check_name_free(session, name, body_id=body_id)
    kind = _checked_kind(draft.kind)
    municipalities = _checked_municipalities(session, draft.municipality_ids, kind=kind)
    limit = _checked_limit(draft.nomination_limit)
    if not isinstance(draft.active, bool):
        raise InvalidInput()
    return _Checked(name=name, kind=kind, municipalities=municipalities, nomination_limit=limit,
                    active=draft.active)


def _store(session: Session, body: NominatingBody, checked: _Checked) -> None:
    def change() -> None:
        body.name, body.kind, body.active = checked.name, checked.kind, checked.active
        body.nomination_limit, body.municipalities = checked.nomination_limit, checked.municipalities
        session.add(body)

    if not body_queries.flush_unless_name_taken(session, change):
        raise InvalidInput("bodies.error.name_taken", name=checked.name)


def _check_name_free(session: Session, name: str, *, body_id: int | None) -> None:
    """Names are unique regardless of case: "LAG Djursland" and "lag djursland" are one body."""
    taken = {other.casefold() for other_id, other in body_queries.body_names(session).items() if other_id != body_id}
    if name.casefold() in taken:
        raise InvalidInput("bodies.error.name_taken", name=name)


def _checked_kind(kind: BodyKind | str) -> BodyKind:
    try:
        return BodyKind(kind)
    except ValueError:
        raise InvalidInput("bodies.error.kind") from None


def _checked_municipalities(session: Session, ids: Iterable[int], *, kind: BodyKind) -> list:
    wanted = list(dict.fromkeys(ids or ()))
    if not wanted:
        raise InvalidInput("bodies.error.no_municipality")
    if any(not isinstance(each, int) or isinstance(each, bool) for each in wanted):
        raise InvalidInput("errors.unknown_municipality")
    found = body_queries.municipalities_by_ids(session, wanted)
    if len(found) != len(wanted):
        raise InvalidInput("errors.unknown_municipality")
    if kind == BodyKind.MUNICIPALITY and len(found) != 1:
        raise InvalidInput("bodies.error.municipality_covers_one")
    return found


def _checked_limit(limit: object) -> int:
    if not (isinstance(limit, int) and not isinstance(limit, bool) and 1 <= limit <= NOMINATION_LIMIT_MAX):
        raise InvalidInput("bodies.error.limit", limit=str(limit), max=NOMINATION_LIMIT_MAX)
    return limit


def _snapshot(info: BodyInfo) -> dict[str, object]:
    """What the audit log keeps of a body."""
    return {"name": info.name, "kind": info.kind.value, "municipalities": list(info.municipalities),
            "nomination_limit": info.nomination_limit, "active": info.active}
