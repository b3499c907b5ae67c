"""The receipt of a submitted nomination as PDF: what it says, in Danish and English,
with the system's DejaVu font or the PDF's own Helvetica, and who may have it."""

from datetime import UTC, date, datetime, timedelta

import pytest

from prize.errors import InvalidInput, NotAllowed
from prize.exports import exporter_for
from prize.exports.receipt import DEJAVU_DIR, NominationReceipt, format_size, receipt_pdf
from prize.models import CandidateKind, PrizeYear
from prize.phases import NominationStatus, Phase
from prize.queries.intake import MaterialFile
from prize.roles import Role
from prize.services.receipts import Receipt, receipt_for
from prize.services.years import YearInfo
from tests.factories import actor_of, make_body, make_nomination, make_user, make_year
from tests.pdf_text import pdf_text_lines

# 11:32 Danish time.
SUBMITTED = datetime(2020, 1, 15, 10, 32, tzinfo=UTC)
YEAR = YearInfo(id=1, year=2020, title="Landsbyprisen 2020", prize_amount=150_000, phase=Phase.NOMINATIONS_OPEN,
                finalist_count=5, nominations_open_at=None, nomination_deadline=None, screening_deadline=None,
                final_deadline=None, decision_date=date(2020, 3, 25), is_demo=False)
HAS_DEJAVU = (DEJAVU_DIR / "DejaVuSans.ttf").is_file() and (DEJAVU_DIR / "DejaVuSans-Bold.ttf").is_file()


def _receipt(**changes) -> Receipt:
    values = dict(nomination_id=7, year=YEAR, candidate="Lindådalens landsbyklynge", kind=CandidateKind.CLUSTER,
                  villages=("Øster Lindå", "Vester Lindå"), municipality="Favrskov",
                  nominating_body="LAG Randers-Favrskov", contact_name="Anne Marie Søndergaard",
                  submitted_at=SUBMITTED, summary="Fire landsbyer deler <b>én</b> dal og **ét** varmeværk.",
                  material=(MaterialFile("ansøgning.pdf", 2_516_582, "a" * 64),
                            MaterialFile("dalen.jpg", 318_000, "b" * 64)),
                  website_url="https://lindaa.dk", video_url="")
    return Receipt(**values | changes)


def _danish_lines(receipt_id: str) -> list[str]:
    return ["Landsbyprisen 2020", "Kvittering for indstilling",
            "Kandidatens navn", "Lindådalens landsbyklynge", "Type kandidat", "Landsbyklynge",
            "Landsbyer", "Øster Lindå, Vester Lindå", "Kommune", "Favrskov", "Indstillet af", "LAG Randers-Favrskov",
            "Kontaktpersonens navn", "Anne Marie Søndergaard", "Indsendt", "15. januar 2020 kl. 11.32",
            "Kvitteringsnummer", receipt_id,
            "Kort beskrivelse", "Fire landsbyer deler <b>én</b> dal og **ét** varmeværk.",
            "Materiale", "ansøgning.pdf (2,4 MB)", "dalen.jpg (311 kB)", "Hjemmeside: https://lindaa.dk"]


@pytest.mark.skipif(not HAS_DEJAVU, reason=f"DejaVu Sans is not installed in {DEJAVU_DIR} (fonts-dejavu-core)")
def test_the_receipt_names_the_nomination_its_submission_and_its_material_in_danish():
    receipt = _receipt()

    lines = pdf_text_lines(receipt_pdf(receipt, locale="da", compress=False))

    assert lines[:-2] == _danish_lines(receipt.receipt_id)
    assert " ".join(lines[-2:]) == (
        "Kvitteringen viser indstillingen, som den så ud, da kvitteringen blev dannet. Ændres indstillingen inden "
        "fristen, får en ny kvittering et nyt nummer.")


def test_without_dejavu_the_pdfs_own_helvetica_prints_danish_letters():
    receipt = _receipt()

    lines = pdf_text_lines(receipt_pdf(receipt, locale="da", font_dir=None, compress=False))

    assert lines[:-2] == _danish_lines(receipt.receipt_id)


@pytest.mark.parametrize(("font_dir", "shown"), [
    pytest.param(DEJAVU_DIR, "Łódź Ελλάδα", id="dejavu",
                 marks=pytest.mark.skipif(not HAS_DEJAVU, reason="DejaVu Sans is not installed")),
    pytest.param(None, "?ód? ??????", id="helvetica"),
])
def test_letters_beyond_latin_1_print_with_dejavu_and_as_question_marks_without(font_dir, shown):
    lines = pdf_text_lines(receipt_pdf(_receipt(candidate="Łódź Ελλάδα"), font_dir=font_dir, compress=False))

    assert lines[3] == shown


def test_the_receipt_in_english():
    receipt = _receipt(material=(), website_url="", video_url="https://video.example.dk/lindaa")

    lines = pdf_text_lines(receipt_pdf(receipt, locale="en", font_dir=None, compress=False))

    assert lines[1:22] == [
        "Receipt for nomination", "Candidate's name", "Lindådalens landsbyklynge", "Kind of candidate",
        "Village cluster", "Villages", "Øster Lindå, Vester Lindå", "Municipality", "Favrskov", "Nominated by",
        "LAG Randers-Favrskov", "Contact person's name", "Anne Marie Søndergaard", "Submitted",
        "15 January 2020 at 11:32", "Receipt number", receipt.receipt_id, "Short description",
        "Fire landsbyer deler <b>én</b> dal og **ét** varmeværk.", "Material",
        "Video link: https://video.example.dk/lindaa"]


def test_the_receipt_id_is_a_fingerprint_of_the_content():
    receipt = _receipt()

    assert receipt.receipt_id == _receipt().receipt_id
    assert (receipt.receipt_id[:10], len(receipt.receipt_id)) == ("2020-0007-", 18)
    assert receipt.receipt_id != _receipt(summary="Ændret efter indsendelsen.").receipt_id


@pytest.mark.parametrize(("size", "da", "en"), [
    (100, "1 kB", "1 kB"), (318_000, "311 kB", "311 kB"), (2_516_582, "2,4 MB", "2.4 MB"),
    (200 * 1024 * 1024, "200,0 MB", "200.0 MB")])
def test_sizes_are_shown_in_kilobytes_and_megabytes(size, da, en):
    assert (format_size(size, "da"), format_size(size, "en")) == (da, en)


# --- Who may have it -------------------------------------------------------------------------

@pytest.fixture
def submitted(session):
    year = make_year(session, phase=Phase.NOMINATIONS_OPEN)
    year.nomination_deadline = SUBMITTED + timedelta(days=1)
    nomination = make_nomination(session, year=year, body=make_body(session))
    nomination.submitted_at = SUBMITTED
    session.flush()
    return nomination


def _export(session, actor, nomination_id):
    receipt = receipt_for(session, actor=actor, nomination_id=nomination_id)
    return NominationReceipt(receipt=receipt).export(session, actor=actor)


def test_the_nominator_downloads_the_receipt_as_a_pdf_named_by_the_submission(session, submitted):
    nominator = actor_of(make_user(session, role=Role.NOMINATOR, body=submitted.nominating_body))

    exported = _export(session, nominator, submitted.id)

    assert (exported.filename, exported.media_type, exported.content[:5], exporter_for("nomination-receipt")) == (
        f"landsbyprisen-2020-kvittering-{submitted.id}-20200115-1132.pdf", "application/pdf", b"%PDF-",
        NominationReceipt)


@pytest.mark.parametrize("role", [Role.VILLAGE, Role.SECRETARIAT])
def test_the_village_contact_and_the_secretariat_may_have_the_receipt(session, submitted, role):
    actor = actor_of(make_user(session, role=role, nomination=submitted))

    assert _export(session, actor, submitted.id).content[:5] == b"%PDF-"


@pytest.mark.parametrize("role", [Role.JUROR, Role.NOMINATOR, Role.VILLAGE])
def test_nobody_else_may_have_the_receipt(session, submitted, role):
    other = make_nomination(session, year=session.get(PrizeYear, submitted.year_id), name="Bådsted",
                            body=make_body(session, name="LAG Djursland", municipalities=["Norddjurs"]))
    actor = actor_of(make_user(session, role=role, nomination=other, body=other.nominating_body))

    with pytest.raises(NotAllowed):
        _export(session, actor, submitted.id)


def test_a_draft_has_no_receipt_yet(session, submitted):
    submitted.status, submitted.submitted_at = NominationStatus.DRAFT, None
    session.flush()
    nominator = actor_of(make_user(session, role=Role.NOMINATOR, body=submitted.nominating_body))

    with pytest.raises(InvalidInput) as refused:
        _export(session, nominator, submitted.id)

    assert refused.value.message("da") == "Der er først en kvittering, når indstillingen er sendt ind."
