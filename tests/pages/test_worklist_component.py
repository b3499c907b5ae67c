"""The juror's worklist component on its own, without a database: a candidate's name
links to the candidate where the list is an HTML table."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.pages.conftest import RUN_TIMEOUT, as_read, as_read_table


def worklist_page(count: int) -> None:
    import pandas as pd

    from prize.phases import RoundKind
    from prize.services.scoring import Worklist
    from ui.components import worklist

    candidates = pd.DataFrame({"id": range(1, count + 1), "name": [f"By {number}" for number in range(1, count + 1)],
                               "kind": "village", "municipality": "Viborg", "conflict": False, "scored": 0,
                               "submitted_at": None})
    worklist.show(Worklist(round_kind=RoundKind.SCREENING, is_open=True, criteria_count=7, candidates=candidates),
                  key="worklist")


CONFLICTS = "Kandidater, hvor du har erklæret inhabilitet, tæller som færdige: 0 af dem."
HINT = "Et navn i tabellen åbner kandidaten i en ny fane. Du kan også vælge kandidaten i feltet herunder."
PRIVACY = ("Du ser kun dine egne bedømmelser. De andre jurymedlemmers point og kommentarer vises først, når "
           "sekretariatet frigiver rundens resultater, eller, hvis runden er sat op sådan, når du har indsendt din "
           "egen bedømmelse af kandidaten.")


@pytest.mark.parametrize(("count", "names", "captions"), [
    (200, ["[By 1](?kandidat=1)", "[By 200](?kandidat=200)"], [CONFLICTS, HINT, PRIVACY]),
    (201, ["By 1", "By 201"], [CONFLICTS, PRIVACY]),
], ids=["html-table", "canvas-grid"])
def test_names_link_to_their_candidates_where_the_list_is_an_html_table(count, names, captions):
    app = AppTest.from_function(worklist_page, args=(count,), default_timeout=RUN_TIMEOUT).run()

    column = as_read_table(app.table[0])["Kandidat"] if app.table else app.dataframe[0].value["Kandidat"]
    assert (len(app.exception), column.iloc[[0, -1]].tolist(), [as_read(caption.value) for caption in app.caption]) == (
        0, names, captions)
