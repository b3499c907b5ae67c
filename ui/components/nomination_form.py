"""The nomination's editor: one widget per field, each stored as soon as the user
leaves it (Streamlit calls ``on_change`` on blur), drawn as a fragment so that a
save reruns the editor, not the page. After the deadline every widget is read-only.

A widget's first value comes from the database; from then on it is the widget's
own state, so an invalid entry stays on screen, with its Danish message, until the
user corrects it. A reload starts again from what is stored."""

from __future__ import annotations

from datetime import UTC, datetime

import streamlit as st

from prize.actor import Actor
from prize.errors import PrizeError
from prize.i18n import to_local
from prize.models.nomination import ANSWER_MAX, CandidateKind
from prize.nomination_fields import TEXT_LIMITS, NominationField, label_of
from prize.questions import GUIDING_QUESTIONS, GuidingQuestion
from prize.services.nominations import NominationDetail, goal_choices, nomination_detail, update_field
from ui import auth
from ui.components import deadline, heading, material, nomination_actions
from ui.context import db, locale, plain, show_error, tr

Field = NominationField | GuidingQuestion


def show(*, actor: Actor, nomination_id: int, key: str) -> None:
    _editor(actor, nomination_id, key)


@st.fragment
def _editor(actor: Actor, nomination_id: int, key: str) -> None:
    auth.rerun_app_if_login_ended()
    try:
        with db() as session:
            detail = nomination_detail(session, actor=actor, nomination_id=nomination_id)
            goals = goal_choices(session, locale=locale())
    except PrizeError as error:
        show_error(error)
        return
    form = _Form(actor=actor, detail=detail, key=f"{key}_{detail.id}")
    st.header(plain(detail.name))
    deadline.show(deadline=detail.deadline, open_for_edits=detail.open_for_edits, may_edit=detail.may_edit,
                  key=f"{form.key}_deadline")
    status = tr(f"labels.nominationstatus.{detail.status.value}")
    st.caption(tr("form.field.autosave", status=status) if detail.may_edit else tr("form.field.status", status=status))
    form.candidate()
    form.contact()
    form.questions()
    form.goals_and_links(goals)
    _material_section(actor, detail, key=form.key)
    nomination_actions.show(actor=actor, detail=detail, key=form.key)


def _material_section(actor: Actor, detail: NominationDetail, *, key: str) -> None:
    """The nomination's material: upload, list and remove files (a part of its own,
    so an upload does not redraw the form)."""
    with st.container(key=f"{key}_material"):
        st.subheader(tr("form.heading.material"))
        st.caption(tr("form.material.caption"))
        material.show_editor(actor=actor, nomination_id=detail.id, key=f"{key}_material_editor")


class _Form:
    """Draws the fields of one nomination, each saved on its own."""

    def __init__(self, *, actor: Actor, detail: NominationDetail, key: str) -> None:
        self.actor, self.detail, self.key = actor, detail, key

    def candidate(self) -> None:
        st.subheader(tr("form.heading.candidate"))
        self.text(NominationField.NAME)
        kinds = {kind: tr(f"labels.candidatekind.{kind.value}") for kind in CandidateKind}
        self.choice(NominationField.KIND, list(kinds), kinds.__getitem__)
        choices = dict(self.detail.municipality_choices) | {self.detail.municipality_id: self.detail.municipality}
        self.choice(NominationField.MUNICIPALITY, list(choices), choices.__getitem__)
        self.text(NominationField.VILLAGES, area=True, help=tr("form.field.villages_help"))
        self.text(NominationField.SUMMARY, area=True)

    def contact(self) -> None:
        st.subheader(tr("form.heading.contact"))
        for field in (NominationField.CONTACT_NAME, NominationField.CONTACT_EMAIL, NominationField.CONTACT_PHONE):
            self.text(field)

    def questions(self) -> None:
        st.subheader(tr("form.heading.questions"))
        st.caption(tr("form.field.questions_help"))
        for question in GUIDING_QUESTIONS:
            heading.label(tr(label_of(question)))
            self.text(question, area=True, label=tr(f"questions.{question.value}.question"))

    def goals_and_links(self, goals: dict[int, str]) -> None:
        st.subheader(tr("form.heading.goals_links"))
        widget_key = self.prepare(NominationField.SDGS)
        st.multiselect(tr(label_of(NominationField.SDGS)), list(goals), format_func=goals.__getitem__,
                       key=widget_key, placeholder=tr("form.field.goals_placeholder"), **self.saving(
                           NominationField.SDGS, widget_key))
        self.feedback(widget_key)
        for field in (NominationField.WEBSITE_URL, NominationField.VIDEO_URL):
            self.text(field, placeholder=tr("form.field.link_placeholder"))

    def text(self, field: Field, *, area: bool = False, label: str | None = None, help: str | None = None,
             placeholder: str | None = None) -> None:
        widget_key = self.prepare(field)
        draw = st.text_area if area else st.text_input
        limit = ANSWER_MAX if isinstance(field, GuidingQuestion) else TEXT_LIMITS.get(field)
        draw(label or tr(label_of(field)), key=widget_key, max_chars=limit, help=help, placeholder=placeholder,
             **self.saving(field, widget_key))
        self.feedback(widget_key)

    def choice(self, field: Field, options: list, format_func) -> None:
        widget_key = self.prepare(field)
        st.selectbox(tr(label_of(field)), options, format_func=format_func, key=widget_key, placeholder=tr("common.choose"),
                     **self.saving(field, widget_key))
        self.feedback(widget_key)

    def prepare(self, field: Field) -> str:
        """The widget's key, its state set to the stored value when it is new."""
        widget_key = f"{self.key}_{field.value}"
        if widget_key not in st.session_state:
            st.session_state[widget_key] = _shown(field, self.detail.value_of(field))
        return widget_key

    def saving(self, field: Field, widget_key: str) -> dict:
        return {"disabled": not self.detail.may_edit, "on_change": _save,
                "args": (self.actor, self.detail.id, field, widget_key)}

    @staticmethod
    def feedback(widget_key: str) -> None:
        outcome = st.session_state.get(_feedback_key(widget_key))
        if outcome is None:
            return
        kind, value = outcome
        if kind == "error":
            st.error(value, icon=":material/error:")
        else:
            st.caption(tr("form.field.saved", time=_clock(value)))


def _save(actor: Actor, nomination_id: int, field: Field, widget_key: str) -> None:
    """The widget's on_change: store its value, or keep the Danish reason it was refused.
    Nothing is stored once the login has ended elsewhere (the rerun then shows the login form)."""
    if auth.login_ended():
        return
    try:
        with db() as session:
            saved = update_field(session, actor=actor, nomination_id=nomination_id, field=field,
                                 value=_stored(field, st.session_state[widget_key]))
    except PrizeError as error:
        st.session_state[_feedback_key(widget_key)] = ("error", error.message(locale()))
        return
    st.session_state[widget_key] = _shown(field, saved.value)
    if saved.changed:
        st.session_state[_feedback_key(widget_key)] = ("saved", saved.at)
    else:
        st.session_state.pop(_feedback_key(widget_key), None)


def _shown(field: Field, value: object) -> object:
    """A stored value as its widget holds it."""
    if field == NominationField.VILLAGES:
        return "\n".join(value)
    if field == NominationField.SDGS:
        return list(value)
    return value


def _stored(field: Field, value: object) -> object:
    """A widget's value as ``update_field`` takes it."""
    if field == NominationField.VILLAGES:
        return (value or "").splitlines()
    return value


def _feedback_key(widget_key: str) -> str:
    return f"{widget_key}__saved"


def _clock(moment: datetime | None) -> str:
    """"14.03" in Danish time ("14:03" in English)."""
    local = to_local(moment or datetime.now(UTC))
    return local.strftime("%H.%M" if locale() == "da" else "%H:%M")
