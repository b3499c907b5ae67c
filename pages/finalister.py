"""Landsbyprisens finalister: the published finalists of a year. Public: open to everyone,
logged in or not (ui/registry.py PUBLIC_PAGES), so it shows only what the secretariat
published (name, municipality, summary, published videos), never scores or contact data."""

from ui.components import public_finalists
from ui.guard import require_public_page

require_public_page("finalister")

public_finalists.show()
