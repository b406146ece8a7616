"""Split section 五 into statements: admitted problems, promised measures, rectification of last year's problems
and framing sentences.

The section is read as a sequence of blocks that start at an enumerator (（一） 一、 一是 1. ①). A block whose
label is a sub-heading (（一）存在问题 /（二）改进措施 /（一）2024年工作中存在问题的改进情况) switches the
mode; a short title over numbered sub-items (（三）进一步规范政府信息公开行为 / 1.… 2.…) is no statement; other
blocks are one statement each. Text outside enumerations is split into sentences. Sentences that frame the
list rather than state a point of it are kept as `framing`: lead-ins (…主要表现在： / 我们将采取以下措施：,
a sentence right before a list), achievements with a general admission (取得了明显进展，但仍存在一些不足) and
summaries (总体来看…). In problem mode a sentence that lists several shortcomings (主要是A，B，C等问题 /
如A、B、C等) is split into one statement per shortcoming, unless the report already separates its items
with ；. Offsets always refer to the original section text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from disclosure_analysis.analysis.problems import cues
from disclosure_analysis.analysis.problems.text import Clean, clean

KINDS = ("problem", "measure", "rectification", "framing")
KIND_NAMES = {"problem": "问题", "measure": "措施", "rectification": "整改", "framing": "引导语"}
RESPONSES = ("measure", "rectification")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_SENTENCE_END = re.compile(r"[。！？!?；;]|[：:](?!\d)")
_CLAUSE_END = re.compile(r"[，,、]")
_TRIM = " \t，,、。；;：:！？!?"
_MIN_CJK = 4
_MAX_LABEL = 30
_ETC = re.compile(r"等(?:问题|方面|不足|情况)?$")
_HEAD_NOUN = re.compile(r"问题|不足|短板|困难|措施|情况|打算|计划|举措|方向|思路|安排")


@dataclass(frozen=True)
class Statement:
    """One statement of section 五; `start`/`end` are offsets into the section text as given."""

    kind: str
    text: str
    start: int
    end: int


def segment(section: str | None, year: int | None = None) -> list[Statement]:
    """The statements of section 五 in reading order. `year` is the year reported on, if known."""
    if not section or not section.strip():
        return []
    return _Reader(clean(section), _current_year(section, year)).read()


def _cjk_len(text: str) -> int:
    return len(_CJK.findall(text))


def _current_year(section: str, year: int | None) -> int | None:
    """The report's year, or else the latest year whose problems the section speaks of."""
    if year is not None:
        return year
    found = [int(m) for m in re.findall(r"(\d{4})\s*年度?[^。；;]{0,8}(?:存在|问题)", section)]
    return max(found, default=None)


class _Reader:
    def __init__(self, c: Clean, year: int | None) -> None:
        self.c, self.year = c, year
        self.mode = "problem"
        self.explicit = False  # the mode was set by a heading or a cue, not assumed at the start
        self.out: list[Statement] = []

    def read(self) -> list[Statement]:
        marks = [m for m in cues.MARKER.finditer(self.c.text) if self._starts_item(m)]
        bounds = [m.start() for m in marks] + [len(self.c.text)]
        if bounds[0] > 0:
            self._free(0, bounds[0], before_list=bool(marks) and _first(marks[0]))
        for i, (m, end) in enumerate(zip(marks, bounds[1:], strict=True)):
            following = marks[i + 1] if i + 1 < len(marks) else None
            if self._group_title(m, end, following):
                continue
            label_end = self._heading(m, end) if m.lastgroup != "ord" else None
            if label_end is None:
                self._item(m.start(), end)
            else:
                self._free(label_end, end, before_list=following is not None and _first(following))
        return self.out

    def _starts_item(self, m: re.Match) -> bool:
        p = m.start()
        if p == 0 or p in self.c.breaks:
            return True
        prev = self.c.text[p - 1]
        return prev in cues.SENTENCE_START or (m.lastgroup == "ord" and prev in cues.CLAUSE_START)

    def _group_title(self, m: re.Match, end: int, following: re.Match | None) -> bool:
        """A short title with no sentence of its own over numbered sub-items (（三）规范公开行为 / 1.… 2.…)."""
        if m.lastgroup != "head" or following is None or following.lastgroup != "num" or not _first(following):
            return False
        body = self.c.text[m.end() : end]
        return not _SENTENCE_END.search(body.rstrip(_TRIM)) and 0 < _cjk_len(body) <= _MAX_LABEL

    # --- sub-headings -------------------------------------------------------------------------
    def _heading(self, m: re.Match, end: int) -> int | None:
        """If the block's label is a sub-heading, switch mode and return where its body starts.

        The label ends at the first sentence end or line break; when the heading was run into the next
        line ("…改进情况针对…"), the longest prefix ending with a heading noun that is a heading counts.
        """
        text, pos = self.c.text, m.end()
        stop = _SENTENCE_END.search(text, pos, end)
        cuts = sorted({end, stop.start() if stop else end} | {b for b in self.c.breaks if pos < b < end})
        for cut in cuts:
            kept = [i for i in range(pos, cut) if not text[i].isspace()]
            if kept and len(kept) <= _MAX_LABEL and self._switch("".join(text[i] for i in kept)):
                return self._body(kept[-1] + 1, end)
        kept = [i for i in range(pos, cuts[0]) if not text[i].isspace()][:_MAX_LABEL]
        label = "".join(text[i] for i in kept)
        for h in reversed(list(_HEAD_NOUN.finditer(label))):
            if self._switch(label[: h.end()]):
                return self._body(kept[h.end() - 1] + 1, end)
        return None

    def _body(self, pos: int, end: int) -> int:
        while pos < end and self.c.text[pos] in _TRIM:
            pos += 1
        return pos

    def _switch(self, label: str) -> bool:
        """Whether `label` is a sub-heading; switches the mode when it names a kind."""
        mode = self._heading_mode(label)
        if mode:
            self._set(mode)
        return mode is not None

    def _set(self, mode: str) -> None:
        self.mode, self.explicit = mode, True

    def _heading_mode(self, label: str) -> str | None:
        """problem/measure/rectification; "" for a repeat of the section title; None: not a heading."""
        rect = cues.RECT_HEAD.match(label)
        if rect:
            return "rectification" if self._past(rect) else "measure"
        if cues.SECTION_HEAD.search(label):
            return ""
        if cues.PROBLEM_HEAD.match(label):
            return "problem"
        if cues.MEASURE_HEAD.match(label):
            return "measure"
        return None

    def _past(self, m: re.Match) -> bool:
        if m.group("past"):
            return True
        return self.year is not None and int(m.group("year")) < self.year

    # --- enumerated items ---------------------------------------------------------------------
    def _item(self, start: int, end: int) -> None:
        """An enumerated item is one statement; a later sentence that changes the kind starts a new part."""
        sentences = self._sentences(start, end)
        if not sentences:
            return
        kind = self._item_kind(self.c.text[sentences[0][0] : sentences[0][1]])
        split = next(
            (s for s, e, _ in sentences[1:] if self._cue_mode(self.c.text[s:e]) not in (None, kind)), end
        )
        self._emit(kind, start, split)
        self._set(kind)
        if split < end:
            self._free(split, end)

    def _item_kind(self, first: str) -> str:
        if self.mode == "rectification":
            return "rectification"
        cue = self._cue_mode(first)
        if cue in ("measure", "rectification"):
            return cue
        if _promises(first):
            return "measure"
        if cues.PREDICATE.search(first) and not cues.MEASURE_VERB.search(first):
            return "problem"
        if self.mode == "problem" and not self.explicit:
            return "measure"  # states no shortcoming, and no heading said these are problems
        return self.mode

    # --- running text -------------------------------------------------------------------------
    def _sentences(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """(start, end, terminator) of each sentence in text[start:end]."""
        out, pos = [], start
        for m in _SENTENCE_END.finditer(self.c.text, start, end):
            out.append((pos, m.start(), m.group()))
            pos = m.end()
        out.append((pos, end, ""))
        return [(s, e, t) for s, e, t in out if _cjk_len(self.c.text[s:e]) >= _MIN_CJK]

    def _cue_mode(self, sentence: str) -> str | None:
        if self._rectifies(sentence) or (
            not self.explicit and cues.DONE_OPENING.search(sentence) and not cues.PROMISED.search(sentence)
        ):
            return "rectification"
        if cues.MEASURE_CUE.search(sentence):
            return "measure"
        if cues.PROBLEM_LEAD.search(sentence):
            return "problem"
        return None

    def _rectifies(self, sentence: str) -> bool:
        """Speaks of last year's problems (上年度…问题…整改; 针对2024年…问题, in a later year's report)."""
        m = cues.RECT_CUE.search(sentence)
        if not m or not cues.RECT_TOPIC.search(sentence):
            return False
        if self._past(m) or cues.THIS_YEAR.search(sentence):
            return True
        # the statement alone (no report year): a named year, and what was done about it
        return self.year is None and bool(m.group("year") and cues.DONE.search(sentence)) and not (
            cues.PROMISED.search(sentence)
        )

    def _free(self, start: int, end: int, before_list: bool = False) -> None:
        sentences = self._sentences(start, end)
        previous_term = ""
        for n, (s, e, term) in enumerate(sentences):
            sentence = self.c.text[s:e]
            if self._switch(cues.LEAD_TAIL.sub("", "".join(sentence.split()))):
                continue  # a sub-heading run into the text (存在的问题主要是：), no statement
            cue = self._cue_mode(sentence)
            if cue is None and self.mode == "problem" and (
                not cues.PREDICATE.search(sentence) or (not self.explicit and _opens_with_doing(sentence))
            ):
                cue = "measure"  # states no shortcoming, or opens with doing: a promise (or framing, below)
            if cue is not None:
                self._set(cue)
            last = n == len(sentences) - 1
            if self._frames(sentence, term, cue, e, before_list and last):
                self._emit("framing", s, e)
            elif self.mode == "problem" and "；" not in (term, previous_term) and ";" not in (term, previous_term):
                for cs, ce in self._shortcomings(s, e):
                    self._emit("problem", cs, ce)
            else:
                self._emit(self.mode, s, e)
            previous_term = term

    def _frames(self, sentence: str, term: str, cue: str | None, end: int, before_list: bool) -> bool:
        """A sentence that frames what follows instead of stating a point of it."""
        bare = sentence.rstrip(_TRIM)
        if cues.FRAME_OPEN.search(bare) or _general_admission(bare):
            return True
        if cues.ACHIEVEMENT.search(sentence) and not _specific_shortcoming(sentence):
            return True
        if before_list and not cues.PREDICATE.search(_strip_lead(sentence)):
            return True  # the lead-in right before a list
        follows = _cjk_len(self.c.text[end:]) >= _MIN_CJK
        if term and term in "：:" and follows:
            return True
        if cues.FRAME_LIST.search(sentence) and not cues.PREDICATE.search(sentence):
            return True  # announces a list (主要体现在以下几个方面)
        if cue is None or self.mode == "problem":
            return False
        return (
            bool(cues.FRAME_LIST.search(sentence))
            or bool(cues.FRAME_GOAL.search(sentence))
            or _cjk_len(_strip_lead(sentence)) < _MIN_CJK + 2
        )

    def _shortcomings(self, start: int, end: int) -> list[tuple[int, int]]:
        """Clause groups of a problem sentence, each ending with a clause that states a shortcoming.

        A clause whose shortcoming has no subject of its own (…不够，需要进一步拓展延伸) stays with the
        group before it; a 、 splits only between two shortcomings that each have a subject, and not
        inside an existential list (存在人员不足、兼职多的问题).
        """
        text = self.c.text
        groups: list[list[int]] = []  # [start, end] of each group
        pos, open_start = start, start
        for m in [*_CLAUSE_END.finditer(text, start, end), None]:
            clause_end = m.start() if m else end
            clause = text[pos:clause_end]
            found = cues.PREDICATE.search(clause)
            if found and groups and open_start == pos and _cjk_len(_strip_lead(clause[: found.start()])) < 2:
                groups[-1][1] = clause_end  # no subject: the rest of the previous shortcoming
                open_start = m.end() if m else end
            elif found and not (m and m.group() == "、" and not self._splits_at(open_start, m)):
                groups.append([open_start, clause_end])
                open_start = m.end() if m else end
            pos = m.end() if m else end
        if not groups:
            return [(start, end)]
        groups[-1][1] = end
        specific = [g for g in groups if not cues.GENERIC_ADMISSION.search(text[g[0] : g[1]].rstrip(_TRIM))]
        return [(s, e) for s, e in (specific or groups)]

    def _splits_at(self, open_start: int, m: re.Match) -> bool:
        """Whether a 、 ends a shortcoming: the next clause states one with its own subject."""
        text = self.c.text
        if "存在" in text[open_start : m.start()]:
            return False
        nxt = _CLAUSE_END.search(text, m.end())
        clause = text[m.end() : nxt.start() if nxt else len(text)]
        clause = _SENTENCE_END.split(clause, 1)[0]
        found = cues.PREDICATE.search(clause)
        return bool(found) and _cjk_len(clause[: found.start()]) >= 2

    def _emit(self, kind: str, start: int, end: int) -> None:
        text = self.c.text
        while start < end and text[start] in _TRIM:
            start += 1
        if kind in ("problem", "measure"):  # a rectification keeps 针对上年度…问题: it names what it rectifies
            start += _lead_length(text[start:end])
        while end > start and text[end - 1] in _TRIM:
            end -= 1
        if kind == "framing" and (tail := cues.LEAD_TAIL.search(text, start, end)):
            end = tail.start()  # a lead-in alone (主要表现在：) is no statement
        if kind == "problem" and (tail := _ETC.search(text, start, end)) and tail.start() > start + 1:
            end = tail.start()
        if _cjk_len(text[start:end]) < _MIN_CJK:
            return
        o_start, o_end = self.c.span(start, end)
        self.out.append(Statement(kind, text[start:end].strip(), o_start, o_end))


def _first(m: re.Match) -> bool:
    """Whether an enumerator opens a list (一是, （一）, 1., ①, 首先)."""
    return bool(cues.FIRST.search(m.group())) and not re.search(r"[十二三四五六七八九]|\d\d|[2-9]", m.group())


def _general_admission(sentence: str) -> bool:
    """Admits shortcomings in general (与新要求相比还存在不足), not of a named part of the work
    (依申请公开办理仍有短板)."""
    m = cues.GENERIC_ADMISSION.search(sentence)
    if not m:
        return False
    from disclosure_analysis.analysis.problems.classify import (  # the word segmenter, only for sentences that admit shortcomings
        OTHER,
        classify,
    )

    before = sentence[: m.start()]
    return bool(cues.CONTRAST.search(before)) or classify(before).categories == (OTHER,)


def _specific_shortcoming(sentence: str) -> bool:
    """States a shortcoming other than a general admission (…但仍存在一些不足)."""
    return any(
        not cues.GENERIC_ADMISSION.search(sentence[: m.end()]) and m.group() not in ("不足", "差距", "短板")
        for m in cues.PREDICATE.finditer(sentence)
    )


def _lead_length(text: str) -> int:
    """Length of the connecting clauses (针对上述问题， 下一步， 如…) at the start of `text`."""
    pos = 0
    while True:
        m = cues.LEAD_CLAUSE.match(text, pos)
        if not m or m.end() == pos or _cjk_len(text[m.end() :]) < _MIN_CJK:
            return pos
        pos = m.end()
        while pos < len(text) and text[pos] in " \t":
            pos += 1


def _promises(sentence: str) -> bool:
    """Opens with a verb of doing and states no shortcoming (加强组织领导…)."""
    return bool(cues.MEASURE_VERB.search(sentence)) and not cues.PREDICATE.search(sentence)


def _opens_with_doing(sentence: str) -> bool:
    """Opens with a verb of doing (加强培训，避免出现错漏), not with what is wrong."""
    m = cues.MEASURE_VERB.search(sentence)
    first = cues.PREDICATE.search(sentence)
    return bool(m) and (first is None or first.start() >= m.end())


def _strip_lead(sentence: str) -> str:
    return sentence[_lead_length(sentence) :]
