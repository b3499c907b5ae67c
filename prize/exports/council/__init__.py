"""The recommendation to the council (*indstilling*) as Word, PDF and Excel: one report
(``model``), three writers, and an exporter for each so the page, the command line and
the tests name them alike (``recommendation-docx``, ``-pdf``, ``-xlsx``)."""
