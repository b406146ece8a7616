"""Stage 5, analysis: what the notebooks compute from a corpus, as pure functions over its tables.

    metrics     shares, rates with their denominators, carry-over, review and litigation, year over year
    indicators  the rates and amounts researchers cite, each defined once (numerator, denominator, legal
                basis); no rate from a table that fails its identities
    peers       an agency's position among its peers (same kind and level, or also region; groups of ≥ 5)
    derived     corpus-wide frames (metrics, peer positions, changes) computed once per corpus
    problems/   section 五: statements, topics, specificity, copying and follow-up

A blank cell is never read as 0 (see `metrics`). May import `errors`, `executors`, `formats`, `ingest`,
`checks` and `corpus`; nothing above.
"""
