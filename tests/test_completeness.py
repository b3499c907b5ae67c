"""What a nomination lacks before it can be submitted."""

from dataclasses import replace

import pytest

from prize.completeness import NominationContent, is_complete, lost_parts, missing_parts, unanswered_questions

COMPLETE = NominationContent(name="Idom-Råsted", villages=("Idom", "Råsted"), municipality_id=4,
                             contact_name="Lene Holm", contact_email="lene@example.dk", summary="To landsbyer.",
                             answers={"strengths": "Fællesskab."}, attachment_count=1)


def test_a_nomination_with_every_required_part_is_complete():
    assert (missing_parts(COMPLETE), is_complete(COMPLETE)) == ([], True)


def test_an_empty_nomination_lacks_every_required_part_in_form_order():
    assert missing_parts(NominationContent()) == [
        "fields.candidate_name", "fields.villages", "fields.municipality", "fields.contact_name",
        "fields.contact_email", "fields.summary", "fields.material"]


@pytest.mark.parametrize(("change", "missing"), [
    ({"name": "   "}, ["fields.candidate_name"]),
    ({"villages": ("", " ")}, ["fields.villages"]),
    ({"municipality_id": None}, ["fields.municipality"]),
    ({"contact_email": ""}, ["fields.contact_email"]),
    ({"summary": "\n"}, ["fields.summary"]),
    ({"attachment_count": 0}, ["fields.material"]),
], ids=["blank-name", "blank-villages", "no-municipality", "no-email", "blank-summary", "no-material"])
def test_each_missing_part_is_named(change, missing):
    assert missing_parts(replace(COMPLETE, **change)) == missing


def test_a_video_link_counts_as_material():
    assert missing_parts(replace(COMPLETE, attachment_count=0, video_url="https://example.dk/film")) == []


def test_unanswered_questions_are_listed_but_do_not_block_a_submission():
    content = replace(COMPLETE, answers={"strengths": "Fællesskab.", "next_steps": "  "})

    assert (unanswered_questions(content), is_complete(content)) == (
        ["achievements", "next_steps", "organisation", "cooperation", "wider_challenges"], True)


def test_a_change_loses_only_the_parts_that_were_there_before():
    before = replace(COMPLETE, summary="")

    after = replace(before, attachment_count=0, contact_email="")

    assert lost_parts(before, after) == ["fields.contact_email", "fields.material"]
