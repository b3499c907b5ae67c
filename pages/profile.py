"""Min profil: who I am, my language, my password."""

import streamlit as st

from prize.errors import PrizeError
from prize.i18n import format_moment
from prize.services.users import change_own_password, own_profile
from ui import auth
from prize.permissions import Action, may_ever
from ui.components import flash, own_data
from ui.context import db, locale, settings, show_error, tr
from ui.guard import require_page

actor = require_page("profile")

st.title(tr("profile.title"))
flash.show()
if actor.must_change_password:
    st.warning(tr("profile.must_change"), icon=":material/key:")

with db() as session:
    user = own_profile(session, actor=actor)
st.markdown(tr("profile.details", name=user.name, username=user.username,
               role=tr(f"labels.role.{user.role.value}"), email=user.email or "-",
               last_login=format_moment(user.last_login_at, locale())))

st.header(tr("profile.password_heading"))
st.caption(tr("profile.password_rules"))
with st.form("change_password", clear_on_submit=True, enter_to_submit=False):
    current = st.text_input(tr("profile.current_password"), type="password", autocomplete="current-password")
    new = st.text_input(tr("profile.new_password"), type="password", autocomplete="new-password")
    repeat = st.text_input(tr("profile.repeat_password"), type="password", autocomplete="new-password")
    submitted = st.form_submit_button(tr("profile.change_password"), type="primary")

if submitted:
    try:
        with db() as session:
            version = change_own_password(session, actor=actor, current=current, new=new, repeat=repeat,
                                          bcrypt_rounds=settings().bcrypt_rounds)
    except PrizeError as error:
        show_error(error)
    else:
        auth.renew_login(actor, version, settings())
        flash.push(tr("profile.password_changed"))
        st.rerun()

if may_ever(actor, Action.EXPORT_OWN_DATA):
    own_data.show(actor, key="own_data")
