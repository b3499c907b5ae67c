"""README's accessibility rules for new pages that the source can show: every form
without Streamlit's English "Press Enter to submit form", every select box with a
Danish placeholder instead of "Choose an option", every progress bar with a name."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted([ROOT / "app.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "ui").rglob("*.py")])
# The call and the keyword (with its value, when one is required) it must carry.
RULES = {"form": ("enter_to_submit", False), "selectbox": ("placeholder", None),
         "multiselect": ("placeholder", None), "progress": ("text", None)}


def _offenders(name: str) -> list[str]:
    keyword, value = RULES[name]
    found = []
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == name):
                continue
            given = {kw.arg: kw.value for kw in node.keywords}
            if keyword not in given or (value is not None and not (
                    isinstance(given[keyword], ast.Constant) and given[keyword].value == value)):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


@pytest.mark.parametrize("name", list(RULES))
def test_every_widget_carries_its_danish_text_setting(name):
    assert _offenders(name) == []
