"""Stage 6, dataset: the corpus as a citable, versioned panel dataset (`disclosure-analysis export`).

    codebook   every column's meaning, unit, source (table/row/column) and legal basis
    panel      one row per report (agency × year); the provenance of every value
    package    the files: CSV and Parquet per table, a Frictionless `datapackage.json`, `CITATION.cff`

May import the stages below it (`analysis`, `corpus`, `formats`, `ingest`, …); never `page`, `site`,
`assess` or `cli`.
"""
