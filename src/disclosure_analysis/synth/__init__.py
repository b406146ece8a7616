"""Synthetic annual reports with known ground truth: a fictional city's agencies, in four file formats."""

from .generate import FORMATS, generate

__all__ = ["FORMATS", "generate"]
