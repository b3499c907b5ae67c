"""Privatlivspolitik: how the app handles personal data (the same notice as before login)."""

from ui.components import privacy_notice
from ui.guard import require_page

actor = require_page("privacy")

privacy_notice.show()
