"""What a rendered report is made of: lines of text and tables with merged cells, format-neutral."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Text:
    """A paragraph; `role` is title, heading, subheading, para or sign (the 落款 lines)."""

    text: str
    role: str = "para"


@dataclass(frozen=True)
class Cell:
    """A printed table cell as in HTML: placed at the first free grid position of its row."""

    text: str
    rowspan: int = 1
    colspan: int = 1


@dataclass(frozen=True)
class Placed:
    row: int
    col: int
    cell: Cell


@dataclass(frozen=True)
class Grid:
    """A table. `widths` are relative column widths; `may_split`: it may run over a page break."""

    name: str
    rows: tuple[tuple[Cell, ...], ...]
    widths: tuple[float, ...]
    may_split: bool = False

    @property
    def n_cols(self) -> int:
        return len(self.widths)

    def placed(self) -> list[Placed]:
        """Every cell with its grid position, row by row (raises if the spans do not tile the grid)."""
        taken: set[tuple[int, int]] = set()
        out = []
        for r, row in enumerate(self.rows):
            c = 0
            for cell in row:
                while (r, c) in taken:
                    c += 1
                out.append(Placed(r, c, cell))
                taken.update((r + i, c + j) for i in range(cell.rowspan) for j in range(cell.colspan))
                c += cell.colspan
        expected = {(r, c) for r in range(len(self.rows)) for c in range(self.n_cols)}
        if taken != expected:
            raise ValueError(
                f"table {self.name}: merged cells do not tile a {len(self.rows)}×{self.n_cols} grid"
            )
        return out

    def owners(self) -> list[list[Placed]]:
        """For each grid position, the placed cell covering it."""
        grid: list[list[Placed | None]] = [[None] * self.n_cols for _ in self.rows]
        for p in self.placed():
            for i in range(p.cell.rowspan):
                for j in range(p.cell.colspan):
                    grid[p.row + i][p.col + j] = p
        return grid  # type: ignore[return-value]


@dataclass(frozen=True)
class Picture:
    """A table shown as a picture (the renderings of `render_pictures`): where the page finds it (`src`,
    relative to the page), its bytes, and its printed width."""

    src: str
    data: bytes
    width_mm: float


Block = Text | Grid | Picture
