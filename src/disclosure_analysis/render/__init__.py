"""The runner: parameterized notebooks executed with papermill, exported with nbconvert, as one HTML site.

Imports are lazy so that the `run` command's parser, and code inside a kernel (`render.inkernel`), do not
load papermill and nbconvert.
"""

from __future__ import annotations

from typing import Any

__all__ = ["ConfigError", "RunConfig", "RunResult", "load_config", "run_site"]


def __getattr__(name: str) -> Any:
    if name in ("ConfigError", "RunConfig", "load_config"):
        from disclosure_analysis.render import config

        return getattr(config, name)
    if name == "RunResult":
        from disclosure_analysis.render.pages import RunResult

        return RunResult
    if name == "run_site":
        from disclosure_analysis.render.site import run_site

        return run_site
    raise AttributeError(name)
