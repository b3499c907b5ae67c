"""Brugere: the secretariat creates users, deactivates them and resets passwords."""

import streamlit as st

from prize.i18n import format_moment
from prize.services import users as user_service
from prize.services.auth import is_locked
from prize.services.years import current_year
from ui.components import flash, new_user, personal_data, table, user_actions
from ui.context import db, locale, tr
from ui.guard import require_page

actor = require_page("users")


def _lock_text(locked_until) -> str:
    return format_moment(locked_until, locale()) if is_locked(locked_until) else ""


st.title(tr("users.title"))
flash.show()
with db() as session:
    year = current_year(session)
    frame = user_service.list_users(session, actor=actor)
    options = user_service.affiliation_options(session, actor=actor, year_id=year.id if year else None)

table.show(frame, key="users_table", columns={
    "username": "users.col.username", "name": "users.col.name", "role": "users.col.role",
    "nominating_body": "users.col.body", "nomination": "users.col.nomination",
    "active": "users.col.active", "must_change_password": "users.col.one_time",
    "last_login_at": "users.col.last_login", "locked_until": "users.col.locked_until"},
    formatters={"role": table.label("role"),
                "active": lambda v: tr("common.yes") if v else tr("common.no"),
                "must_change_password": lambda v: tr("common.yes") if v else tr("common.no"),
                "nominating_body": lambda v: v or "", "nomination": lambda v: v or "",
                "last_login_at": lambda v: format_moment(v, locale()) if v is not None else "-",
                "locked_until": _lock_text})

flash.show(place=new_user.PLACE)
with st.expander(tr("users.new_heading"), expanded=frame.empty):
    new_user.show(actor, options, key="new_user")

st.header(tr("users.manage_heading"))
names = dict(zip(frame["id"], frame["username"] + " – " + frame["name"], strict=True))
chosen = st.selectbox(tr("users.choose"), list(names), format_func=names.__getitem__, index=None,
                      key="users_choose", placeholder=tr("users.choose_placeholder"))
if chosen is not None:
    user_actions.show(actor, user_id=int(chosen), name=names[chosen],
                      active=bool(frame.loc[frame["id"] == chosen, "active"].iloc[0]), key="users")

st.divider()
personal_data.show(actor, key="personal_data")
