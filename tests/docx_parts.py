"""What python-docx does not read by itself: the watermark a section's header draws."""

from __future__ import annotations

from docx.document import Document

VML = "urn:schemas-microsoft-com:vml"


def watermarks(document: Document) -> list[list[str]]:
    """For each section, the text of every VML text shape (``v:textpath``'s ``string``, the
    way Word stores a watermark) in its header; a section without a header of its own has none."""
    return [[] if section.header.is_linked_to_previous else
            [path.get("string") for path in section.header._element.iter(f"{{{VML}}}textpath") if path.get("string")]
            for section in document.sections]
