"""Extraction JSON → the rows of every corpus table: agency ids (name variants joined), reports, cells,
sections, narrative figures, findings (with the cross-year ones) and the manifest."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

from disclosure_analysis.checks.cross_year import YearReport, carries_over, cross_year_findings, explanation
from disclosure_analysis.corpus.schema import frame
from disclosure_analysis.corpus.tables import Corpus
from disclosure_analysis.errors import READ_STATUSES
from disclosure_analysis.ingest.metadata import place_prefix


def agency_id(name: str | None, fallback: str) -> str:
    """ASCII, filesystem-safe id from an agency name (pinyin), e.g. 昌乐县科学技术局 → changlexian-kexuejishuju."""
    if not name:
        return f"unknown-{fallback[:8]}"
    from pypinyin import lazy_pinyin  # loads its phrase dictionaries (~0.4 s): only when ids are made

    syllables = lazy_pinyin(name, errors=lambda s: [c for c in s if c.isascii() and c.isalnum()])
    slug = re.sub(r"[^a-z0-9]+", "", "".join(syllables).lower())
    return (slug[:60] or "agency") + "-" + hashlib.sha1(name.encode()).hexdigest()[:4]


def build_corpus(results: list[dict]) -> Corpus:
    """Tidy tables from extraction JSON objects (one per input file)."""
    ids = agency_ids(results)
    rec = report_records(results, ids)
    rec["findings"].extend(cross_report_findings(results, ids))
    return Corpus(**{name: frame(name, rows) for name, rows in rec.items()})


def cross_report_findings(results: list[dict], ids: dict[str, str] | None = None) -> list[dict]:
    """The cross-year findings (X1, X2, X3: `checks.cross_year`) of extraction results, agency name variants
    joined (`ids`: agency id per source, made when not given); each with its report_id, agency_id, year."""
    ids = ids or agency_ids(results)
    readable = [r for r in results if carries_over(r)]
    said = {r["sha256"][:16]: r for r in readable}
    return cross_year_findings(
        (
            YearReport(ids[r["source"]], r["year"], r["sha256"][:16], r["cells"], (r.get("table_versions") or {}).get("t2"))
            for r in readable
        ),
        lambda rid: explanation(
            [t for t in (said[rid].get("sections") or {}).values() if t]
            + list((said[rid].get("cell_remarks") or {}).values())
        ),
    )


def report_records(results: Iterable[dict], ids: dict[str, str]) -> dict[str, list[dict]]:
    """Rows of every table (as dicts) for extraction results; `ids` gives each source's agency id.
    Cross-report findings are not included (see `cross_report_findings`)."""
    rec: dict[str, list[dict]] = {name: [] for name in Corpus.TABLES}
    for res in results:
        rid = (res.get("sha256") or "")[:16] or None
        rec["manifest"].append({
            "source": res["source"], "sha256": res.get("sha256"), "kind": res.get("kind"),
            "read_by": res.get("read_by"),
            "ocr_uncertain": len(res.get("cell_doubts") or {}) if res.get("read_by") == "ocr" else None,
            "status": res["status"], "error_code": (res.get("error") or {}).get("code"),
            "reason": (res.get("error") or {}).get("message") or _reason(res),
            "report_id": rid if res["status"] in READ_STATUSES else None,
            "duplicate_of": res.get("duplicate_of"),
        })
        if res["status"] not in READ_STATUSES:
            continue
        aid = ids[res["source"]]
        key = {"report_id": rid, "agency_id": aid, "year": res.get("year")}
        versions = res.get("table_versions") or {}
        rec["reports"].append({
            **key, "source": res["source"], "kind": res.get("kind"), "agency": res.get("agency"),
            "template": res.get("template"), "t2_version": versions.get("t2"), "t3_version": versions.get("t3"),
            "published": res.get("published"), "level": res.get("level"),
            "is_government": res.get("is_government"), "region": res.get("region"),
            "agency_kind": res.get("agency_kind"), "status": res["status"],
        })
        flags, remarks, units = res.get("cell_flags", {}), res.get("cell_remarks", {}), res.get("cell_units", {})
        printed, pages, labels = res.get("cell_printed", {}), res.get("cell_pages", {}), res.get("cell_labels", {})
        confidence = res.get("cell_confidence", {})
        for k, v in res.get("cells", {}).items():
            table, _, rest = k.partition(".")
            cell = {**key, "value": v, "flag": flags.get(k), "printed": printed.get(k), "page": pages.get(k),
                    "confidence": confidence.get(k)}
            if table == "t2":
                rec["table2"].append(
                    {**cell, "code": rest, "unit": units.get(k), "remark": remarks.get(k), "label": labels.get(k)}
                )
            elif table == "t3":
                row, _, col = rest.partition(".")
                rec["table3"].append({**cell, "row": row, "column": col, "label": labels.get(k)})
            elif table == "t4":
                group, _, outcome = rest.rpartition("_")
                rec["table4"].append({**cell, "group": group, "outcome": outcome})
        headings = res.get("headings", {})
        for sec, text in (res.get("sections") or {}).items():
            if text is not None:
                rec["sections"].append({**key, "section": sec, "heading": headings.get(sec), "text": text})
        quotes = res.get("narrative_quotes", {})
        for fig, v in (res.get("narrative") or {}).items():
            if v is not None:
                quote = quotes.get(fig) or quotes.get(fig.removesuffix("_at_least"))  # "5500余条": one quote
                rec["narrative"].append({**key, "figure": fig, "value": v, "quote": quote})
        rec["findings"].extend({**key, **f} for f in res.get("findings", []))
    return rec


def _reason(res: dict) -> str:
    """The manifest's reason of a result without an error: every row says what happened to its file."""
    if res["status"] == "partial":
        notes = res.get("notes") or []
        return "；".join(notes[:3]) or "部分内容未能可靠读取（见单元格标记）"
    return "已读取" if res.get("template") != "pre2019" else "已读取（2019 年以前的格式：只读取章节文字）"


def agency_ids(results: list[dict]) -> dict[str, str]:
    """Agency id per source, with name variants joined (see `canonical_names`)."""
    canonical = canonical_names({r.get("agency") for r in results if r.get("agency")})
    return {
        r["source"]: agency_id(canonical.get(r.get("agency")), r.get("sha256") or r["source"]) for r in results
    }


def canonical_names(names: set[str]) -> dict[str, str]:
    """Each name's form that identifies its agency. Names that differ only by leading higher-level units
    (淮安市洪泽区人民政府 vs 洪泽区人民政府 in another year) are one agency when the shorter form is
    also among `names`."""
    return {name: _shortest_known_form(name, names) for name in names}


def _shortest_known_form(name: str, names: set[str]) -> str:
    best = name
    rest = name
    for unit in place_prefix(name)[:-1]:
        rest = rest[len(unit) :]
        if rest in names:
            best = rest
    return best
