"""Stage 4, corpus: many reports as tidy pandas tables, cached by content hash, or stored as Parquet.

    extraction   report files → extraction JSON (`extract_path` checks each; executors, cache)
    assemble     extraction JSON → the rows of every table (`build_corpus`)
    tables       `Corpus`, `LazyCorpus`, `Selection`: the tables, as DataFrames
    schema       the columns and dtypes of every table (the data dictionary)
    store        the streaming Parquet store that `build` writes and `load_corpus` reads lazily
    load         `load_corpus(paths)`: files, folders or a store → a `Corpus`

`load_corpus(paths)` extracts every file (in parallel when asked), validates each report and the
cross-year chain, and returns a `Corpus` of DataFrames whose columns are defined in `schema`. A file's
extraction is cached under its sha256 (and the parser version), so loading an unchanged corpus again
only hashes the files. May import `errors`, `executors`, `formats`, `ingest` and `checks`.
"""

from disclosure_analysis.corpus.assemble import build_corpus
from disclosure_analysis.corpus.load import load_corpus
from disclosure_analysis.corpus.tables import Corpus

__all__ = ["Corpus", "build_corpus", "load_corpus"]
