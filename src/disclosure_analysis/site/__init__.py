"""Stage 7, site: parameterized notebooks executed with papermill, exported with nbconvert, as one HTML site.

May import every stage below (`page`, `analysis`, `corpus`, `synth`, …); never `assess` or `cli`.

Imports are lazy so that the `run` command's parser, and code inside a kernel (`site.inkernel`), do not
load papermill and nbconvert.
"""

from __future__ import annotations

from typing import Any

__all__ = ["ConfigError", "RunConfig", "RunResult", "load_config", "run_site"]


def __getattr__(name: str) -> Any:
    if name in ("ConfigError", "RunConfig", "load_config"):
        from disclosure_analysis.site import config

        return getattr(config, name)
    if name == "RunResult":
        from disclosure_analysis.site.pages import RunResult

        return RunResult
    if name == "run_site":
        from disclosure_analysis.site.run import run_site

        return run_site
    raise AttributeError(name)
