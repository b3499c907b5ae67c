"""The layering rules of STYLE.md, checked on the source."""

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _python_files(*parts: str) -> list[Path]:
    return sorted(ROOT.joinpath(*parts).rglob("*.py"))


def _relative(path: Path) -> str:
    return str(path.relative_to(ROOT))


def _imported_modules(path: Path) -> set[str]:
    modules = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            modules.add(node.module or "")
    return modules


def _imports_package(path: Path, package: str) -> bool:
    return any(module == package or module.startswith(f"{package}.") for module in _imported_modules(path))


def _commit_calls(path: Path) -> list[int]:
    """Line numbers of ``something.commit(...)``."""
    return [node.lineno for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "commit"]


def test_the_import_check_recognises_both_import_forms(tmp_path):
    module = tmp_path / "module.py"
    module.write_text("import streamlit.components.v1\nfrom streamlit import session_state\nimport pandas\n")

    assert _imported_modules(module) == {"streamlit.components.v1", "streamlit", "pandas"}


def test_nothing_in_prize_imports_streamlit():
    offenders = [_relative(path) for path in _python_files("prize") if _imports_package(path, "streamlit")]

    assert offenders == []


def test_the_servers_own_http_side_imports_neither_streamlit_nor_the_queries():
    offenders = [_relative(path) for path in _python_files("web")
                 if _imports_package(path, "streamlit") or _imports_package(path, "prize.queries")]

    assert offenders == []


@pytest.mark.parametrize(("layer", "forbidden"), [
    ("models", "prize.queries"), ("models", "prize.services"),
    ("queries", "prize.services"),
])
def test_a_lower_layer_does_not_import_a_higher_one(layer, forbidden):
    offenders = [_relative(path) for path in _python_files("prize", layer) if _imports_package(path, forbidden)]

    assert offenders == []


@pytest.mark.parametrize("layer", ["services", "queries"])
def test_services_and_queries_never_commit(layer):
    commits = {_relative(path): lines for path in _python_files("prize", layer) if (lines := _commit_calls(path))}

    assert commits == {}


# --- SQL lives in prize/queries -------------------------------------------------------------

# Outside the queries (and the models, migrations and the engine module) a module
# may name these SQLAlchemy types; every statement is built in prize/queries.
_SQLALCHEMY_TYPES_ALLOWED = {"sqlalchemy.orm.Session", "sqlalchemy.Engine", "sqlalchemy.engine.make_url",
                             "sqlalchemy.exc.ArgumentError"}
_STATEMENT_CALLS = {"execute", "scalar", "scalars", "exec_driver_sql"}
_SQL_HOMES = ("prize/queries/", "prize/models/", "prize/migrations/", "prize/db.py", "prize/migrate.py")


def _sqlalchemy_names(path: Path) -> set[str]:
    """The SQLAlchemy modules and names a file imports, as dotted names."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names if alias.name.split(".")[0] == "sqlalchemy")
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "sqlalchemy":
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _statement_calls(path: Path) -> list[str]:
    return [f"{node.func.attr}:{node.lineno}" for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr in _STATEMENT_CALLS]


def _outside_the_sql_homes() -> list[Path]:
    files = _python_files("prize") + _python_files("ui") + _page_files() + [ROOT / "app.py"]
    return [path for path in files if not _relative(path).startswith(_SQL_HOMES)]


def test_the_sql_check_recognises_statements_and_their_execution(tmp_path):
    module = tmp_path / "module.py"
    module.write_text("from sqlalchemy import select, Engine\nfrom sqlalchemy.orm import Session\n"
                      "def f(session):\n    return session.scalars(select(X))\n")

    assert (_sqlalchemy_names(module), _statement_calls(module)) == (
        {"sqlalchemy.select", "sqlalchemy.Engine", "sqlalchemy.orm.Session"}, ["scalars:4"])


def test_no_sql_statement_is_built_outside_prize_queries():
    offenders = {_relative(path): sorted(names - _SQLALCHEMY_TYPES_ALLOWED)
                 for path in _outside_the_sql_homes() if (names := _sqlalchemy_names(path)) - _SQLALCHEMY_TYPES_ALLOWED}

    assert offenders == {}


def test_no_sql_statement_is_executed_outside_prize_queries():
    offenders = {_relative(path): calls for path in _outside_the_sql_homes() if (calls := _statement_calls(path))}

    assert offenders == {}


def test_pages_and_the_ui_never_import_the_queries():
    files = _page_files() + _python_files("ui") + [ROOT / "app.py"]

    offenders = [_relative(path) for path in files if _imports_package(path, "prize.queries")]

    assert offenders == []


def _page_files() -> list[Path]:
    return sorted((ROOT / "pages").glob("*.py"))


def test_pages_use_no_sqlalchemy():
    if not _page_files():
        pytest.skip("pages/ has no page files yet")

    offenders = [_relative(path) for path in _page_files() if _imports_package(path, "sqlalchemy")]

    assert offenders == []


def test_pages_never_commit():
    if not _page_files():
        pytest.skip("pages/ has no page files yet")

    commits = {_relative(path): lines for path in _page_files() if (lines := _commit_calls(path))}

    assert commits == {}


# --- Every package the app imports is declared ----------------------------------------------

def _declared_distributions() -> set[str]:
    """The distributions pyproject.toml names as the app's dependencies, normalised."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return {_normalised(re.split(r"[\s\[<>=~!;]", requirement, maxsplit=1)[0])
            for requirement in project["dependencies"]}


def _normalised(distribution: str) -> str:
    return re.sub(r"[-_.]+", "-", distribution).lower()


def test_every_third_party_package_the_app_imports_is_a_declared_dependency():
    files = (_python_files("prize") + _python_files("ui") + _python_files("web") + _page_files()
             + [ROOT / "app.py", ROOT / "serve.py"])
    imported = {module.split(".")[0] for path in files for module in _imported_modules(path)}
    distributions = packages_distributions()
    own = {"prize", "ui", "web", "pages"}

    undeclared = sorted(name for name in imported - set(sys.stdlib_module_names) - own
                        if not {_normalised(d) for d in distributions.get(name, [name])} & _declared_distributions())

    assert undeclared == []
