"""disclosure-analysis: China's government information disclosure annual reports as validated tidy data."""

__version__ = "0.1.0"

__all__ = ["__version__", "extract_path", "load_corpus"]


def __getattr__(name: str):
    # lazy imports keep `import disclosure_analysis` cheap (the CLI and notebook kernels start faster)
    if name == "load_corpus":
        from disclosure_analysis.corpus import load_corpus

        return load_corpus
    if name == "extract_path":
        from disclosure_analysis.extract import extract_path

        return extract_path
    raise AttributeError(name)
