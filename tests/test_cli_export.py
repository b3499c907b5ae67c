"""`python -m prize export`: the recommendation to the council as a file from the command line."""

import io

import pytest
from docx import Document
from openpyxl import load_workbook

from tests.docx_parts import watermarks
from tests.exports.council.conftest import logo_file
from tests.test_cli import _run, cli_url, demo_url, migrated_url  # noqa: F401 (fixtures)

# The demo's screening round under the weighted mean (tests/test_cli.py works the numbers out by hand).
TOP_FIVE = [["1", "Lindådalens landsbyklynge", "4,67"], ["2", "Egehoved-klyngen", "4,57"],
            ["3", "Stenhøj Vestermark", "4,36"], ["4", "Klitbjerg-klyngen", "4,29"], ["5", "Kvolsbæk", "4,21"]]


def test_export_writes_the_word_document_of_the_demo_year_as_a_draft(demo_url, capsys, tmp_path):
    out = tmp_path / "indstilling.docx"

    code, printed, err = _run(capsys, "export", "--year", "2020", "--format", "docx", "--out", str(out))

    document = Document(io.BytesIO(out.read_bytes()))
    screening = next([[cell.text for cell in row.cells] for row in table.rows] for table in document.tables
                     if table.rows[0].cells[0].text == "Plads")
    assert (code, err, printed, watermarks(document), [row[:3] for row in screening[1:6]], screening[-1][:3]) == (
        0, "", f"Skrev {out} ({out.stat().st_size} bytes).\n", [["UDKAST"]], TOP_FIVE, ["–", "Ulvedal", "–"])


def test_export_puts_the_configured_organisation_and_logo_on_the_title_page(demo_url, capsys, tmp_path, monkeypatch):
    logo = logo_file(tmp_path, kind="JPEG")
    monkeypatch.setenv("PRIZE_ORGANISATION_NAME", "Region Midtjylland, Regional Udvikling")
    monkeypatch.setenv("PRIZE_ORGANISATION_LOGO", str(logo))
    out = tmp_path / "indstilling.docx"

    code, _, err = _run(capsys, "export", "--year", "2020", "--format", "docx", "--out", str(out))

    document = Document(io.BytesIO(out.read_bytes()))
    shape = document.inline_shapes[0]
    blob = document.part.related_parts[shape._inline.graphic.graphicData.pic.blipFill.blip.embed].blob
    assert (code, err, blob, document.paragraphs[1].text, document.core_properties.author) == (
        0, "", logo.read_bytes(), "Region Midtjylland, Regional Udvikling", "Region Midtjylland, Regional Udvikling")


def test_export_with_a_logo_that_is_no_image_fails_naming_the_setting(demo_url, capsys, tmp_path, monkeypatch):
    text = tmp_path / "logo.png"
    text.write_text("ikke et billede", encoding="utf-8")
    monkeypatch.setenv("PRIZE_ORGANISATION_LOGO", str(text))
    out = tmp_path / "indstilling.pdf"

    code, _, err = _run(capsys, "export", "--year", "2020", "--format", "pdf", "--out", str(out))

    assert (code, out.exists(), err) == (
        1, False, f"Fejl: Indstillingen PRIZE_ORGANISATION_LOGO har den ugyldige værdi «{text}»: forventede stien til "
                  "en PNG- eller JPEG-fil, der findes, på højst 2 MB.\n")


@pytest.mark.parametrize("kind", ["pdf", "xlsx"])
def test_export_writes_the_pdf_and_the_workbook(demo_url, capsys, tmp_path, kind):
    out = tmp_path / f"indstilling.{kind}"

    code, _, err = _run(capsys, "export", "--year", "2020", "--format", kind, "--out", str(out))

    content = out.read_bytes()
    assert (code, err) == (0, "")
    if kind == "pdf":
        assert content.startswith(b"%PDF-")
    else:
        assert load_workbook(io.BytesIO(content)).sheetnames[0] == "Scorer"


def test_export_of_an_unknown_year_fails_and_writes_nothing(demo_url, capsys, tmp_path):
    out = tmp_path / "indstilling.docx"

    code, _, err = _run(capsys, "export", "--year", "1999", "--format", "docx", "--out", str(out))

    assert (code, out.exists()) == (1, False)
    assert err.startswith("Fejl: ")
