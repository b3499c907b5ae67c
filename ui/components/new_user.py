"""The form for a new user: role first, then what the role belongs to."""

from __future__ import annotations

import streamlit as st

from prize.actor import Actor
from prize.errors import PrizeError
from prize.roles import Role
from prize.mail.links import MailLinks
from prize.services.users import Affiliations, NewUser, create_user, invite_user
from ui.components import flash
from ui.context import db, settings, show_error, tr

PLACE = "new_user"  # the outcome shows just above the form, which a new run folds away


def show(actor: Actor, options: Affiliations, *, key: str) -> None:
    role = st.selectbox(tr("users.col.role"), list(Role), format_func=lambda r: tr(f"labels.role.{r.value}"),
                        key=f"{key}_role", placeholder=tr("common.choose"))
    with st.form(key, clear_on_submit=True, enter_to_submit=False):
        username = st.text_input(tr("users.col.username"), max_chars=60, help=tr("users.username_help"))
        name = st.text_input(tr("users.col.name"), max_chars=120)
        email = st.text_input(tr("users.email"), max_chars=254, help=tr("users.email_help"))
        body = nomination = home = None
        if role == Role.NOMINATOR:
            body = _pick(tr("users.col.body"), options.bodies)
        elif role == Role.VILLAGE:
            nomination = _pick(tr("users.col.nomination"), options.nominations)
        elif role == Role.JUROR:
            home = _pick(tr("users.home_municipality"), options.municipalities)
        submitted = st.form_submit_button(tr("users.create"), type="primary")
    if not submitted:
        return
    new = NewUser(username=username, name=name, email=email, role=role, nominating_body_id=body,
                  nomination_id=nomination, home_municipality_id=home)
    config = settings()
    try:
        with db() as session:
            if email.strip():
                user = invite_user(session, actor=actor, new=new, links=MailLinks.of(config),
                                   bcrypt_rounds=config.bcrypt_rounds)
            else:
                user, secret = create_user(session, actor=actor, new=new, bcrypt_rounds=config.bcrypt_rounds)
    except PrizeError as error:
        show_error(error)
        return
    if email.strip():
        flash.push(tr("users.invited", user=user.username), place=PLACE)
    else:
        flash.push(tr("users.created", user=user.username), kind="info", code=secret, place=PLACE)
    st.rerun()


def _pick(label: str, choices: dict[int, str]) -> int | None:
    return st.selectbox(label, list(choices), format_func=choices.__getitem__, index=None,
                        placeholder=tr("users.choose_placeholder"))
