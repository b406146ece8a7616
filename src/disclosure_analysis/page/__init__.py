"""Stage 6, page: what notebooks use to put things on a page.

    display       escaped text, notes, tables and blocks; one output per section (`show`); chart data CSVs
    charts        small Vega-Lite bar charts, drawn in the reader's browser
    plotting      matplotlib figures with a CJK font (overview histograms, topic figures, assessment)
    section_five  section 五 as display-ready tables, figures and HTML
    reading       one report's three tables and identities as a reader checks them (case study, lesson)
    lesson        the lesson's questions, answer checks, reference answers, legal basis and format change

Every text read from a report reaches HTML escaped here. May import the stages below (`analysis`,
`corpus`, `formats`, …); never `site`, `assess` or `cli`.
"""
