"""Offentlig finalistside: the public finalists page, as the visitor sees it before login."""

from ui.components import public_finalists
from ui.guard import require_page

actor = require_page("finalister")

public_finalists.show()
