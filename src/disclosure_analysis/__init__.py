"""disclosure-analysis: China's government information disclosure annual reports as validated tidy data.

The package is a pipeline; each stage is a subpackage that imports only the stages before it:

    formats    the national formats as data, and the Chinese names of their codes (1)
    synth      synthetic reports with known truth, and the embedded sample corpus (1)
    ingest     one file → one Extraction: read, map, describe (2)
    checks     the consistency rules: Extraction → findings (3)
    corpus     many files → tidy tables, cache, Parquet store (4)
    analysis   metrics, peers, section 五 (5)
    page       what notebooks use to put things on a page (6)
    dataset    the corpus as a citable panel dataset: CSV, Parquet, datapackage.json, CITATION.cff (6)
    site       papermill + nbconvert: notebooks → the HTML site (7)
    assess     scoring reports against a rubric (8)
    cli        the `disclosure-analysis` command (9)

`errors` and `executors` (top level) are used by every stage and import none.
"""

__version__ = "0.1.0"

__all__ = ["__version__", "extract_path", "load_corpus"]


def __getattr__(name: str):
    # lazy imports keep `import disclosure_analysis` cheap (the CLI and notebook kernels start faster)
    if name == "load_corpus":
        from disclosure_analysis.corpus import load_corpus

        return load_corpus
    if name == "extract_path":
        from disclosure_analysis.corpus.extraction import extract_path

        return extract_path
    raise AttributeError(name)
