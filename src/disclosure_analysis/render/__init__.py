"""The runner: parameterized notebooks executed with papermill, exported with nbconvert, as one HTML site."""

from disclosure_analysis.render.config import ConfigError, RunConfig, load_config
from disclosure_analysis.render.pages import RunResult
from disclosure_analysis.render.site import run_site

__all__ = ["ConfigError", "RunConfig", "RunResult", "load_config", "run_site"]
