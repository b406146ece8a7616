"""Folders as trees of files, to compare two sites byte for byte."""

from __future__ import annotations

from pathlib import Path


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` by its relative path, with its content."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def differing(a: Path | dict[str, bytes], b: Path | dict[str, bytes]) -> list[str]:
    """The files that differ between two trees (folders, or what `tree` read from them)."""
    one, two = (tree(t) if isinstance(t, Path) else t for t in (a, b))
    return sorted(name for name in one.keys() | two.keys() if one.get(name) != two.get(name))
