"""Stage 2, ingest: one input file → one `Extraction` (read, map, describe), never an exception.

    readers/    bytes → one `Document` (paragraphs and cell grids) for text, HTML, DOCX and PDF
    document    the `Document` model every reader returns
    stream      a Document as a line stream; the six sections and their headings
    labels      tolerant matching of printed row labels to the format's rows
    values      printed cell text → numbers, blanks and units
    mapping     the three tables found in the stream, their cells mapped to field codes (`formats`)
    metadata    agency, year, level, region and publication date
    narrative   figures stated in the text (主动公开 total, applications received)
    extract     `read_report(path)` → `Extraction`: all of the above for one file

The findings are added by `checks`. May import `errors` and `formats`; nothing above.
"""
