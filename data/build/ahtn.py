"""Viet Nam's AHTN 2022 nomenclature (Thông tư 31/2022/TT-BTC, Phụ lục I) for goglobal.

Used by derive_reference.py. Reads the raw files of ../shared/reference/vietnam/hs-vn/ (never copied)
and returns readable labels:

- Vietnamese labels of the HS 2022 headings (4 digits) and subheadings (6 digits);
- the 8-digit national lines with a Vietnamese and an English label each.

The legal text describes each line relative to its parents ("- - Loại khác" = "- - Other"), so a
line's label is its parent path: the heading (shortened to its first clause) › the indented rows
between › the line itself, joined with " › ". Markers such as "(SEN)" are dropped; the leading
dashes and the closing colon of group rows too. Standard library only; deterministic.
"""

import csv
import gzip
import os
import re

SEP = " › "
# A heading longer than this is cut at its first comma (its first clause is what it is).
HEADING_CHARS = 40
DASHES = re.compile(r"^(?:-\s*)+")
MARKERS = re.compile(r"\s*\(SEN\)")


def clean(text):
    """A row's own text: no leading dashes, markers or closing colon, single spaces."""
    t = MARKERS.sub("", text)
    t = DASHES.sub("", t.strip()).strip()
    t = t.rstrip(":").strip()
    return " ".join(t.split())


def short_heading(text):
    """The heading's first clause: up to the first ';', and up to the first ',' when still long."""
    t = clean(text)
    cut = False
    if ";" in t:
        t, cut = t.split(";", 1)[0].strip(), True
    if len(t) > HEADING_CHARS and "," in t:
        t, cut = t.split(",", 1)[0].strip(), True
    return t + " …" if cut else t


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def lines_with_paths(rows, lang):
    """(code, [heading, ancestors..., line]) for every coded row below a heading, in order.

    A heading without subheadings carries its 8-digit code on the heading row itself: its path
    is the heading alone.
    """
    key = "desc_" + lang
    stack = []  # stack[k] = (code, text) of the open row at indent level k (0 = heading)
    out = []
    for r in rows:
        level = int(r["level"])
        code = r["code"].strip()
        row = (code, r[key])
        if level == 0:
            stack = [row]
        else:
            if level > len(stack):
                raise ValueError("row %s skips an indent level" % (code or r[key]))
            stack = stack[:level] + [row]
        if len(code) in (6, 8):
            out.append((code, list(stack)))
    return out


def label(path):
    """Readable label of a line from its path: shortened heading › rows between › the line."""
    texts = [t for _, t in path]
    if len(texts) == 1:
        return clean(texts[0])
    parts = [short_heading(texts[0])] + [clean(t) for t in texts[1:]]
    return SEP.join(p for p in parts if p)


def below_subheading(code8, path, heading_only):
    """The part of an 8-digit line's label below its 6-digit subheading ("" when the line is the
    subheading itself, code ending in 00 without a 6-digit row). `heading_only`: the heading has
    a single subheading, so everything under the heading is below it."""
    codes = [c for c, _ in path]
    if code8[:6] in codes:
        rows = path[codes.index(code8[:6]) + 1:]
    elif code8.endswith("00") and not heading_only:
        rows = []
    elif heading_only:
        rows = path[1:]
    else:
        rows = path[-1:]
    return SEP.join(clean(t) for _, t in rows if clean(t))


def load(hs_vn_dir):
    """Labels from the AHTN 2022 files: (headings_vi, subheadings_vi, lines8).

    headings_vi: {code4: label_vi}; subheadings_vi: {code6: label_vi};
    lines8: [(code8, below_en, below_vi)] in nomenclature order, where below_* is the part of
    the line's label under its subheading: the full label is the subheading's › below.
    """
    rows = read_csv(os.path.join(hs_vn_dir, "vn_ahtn2022_all_rows.csv"))
    headings = {}
    for r in read_csv(os.path.join(hs_vn_dir, "vn_hs2022_headings.csv")):
        headings[r["heading"].strip()] = clean(r["desc_vi"])
    sub6_rows = read_csv(os.path.join(hs_vn_dir, "vn_hs2022_subheadings6.csv"))
    heading_only = {r["code6"].strip() for r in sub6_rows if r["from"].strip() == "heading"}
    vi = lines_with_paths(rows, "vi")
    en = lines_with_paths(rows, "en")
    if [c for c, _ in vi] != [c for c, _ in en]:
        raise ValueError("Vietnamese and English rows differ")
    sub6 = {}
    sub6_from_line = {}
    lines8 = []
    full_vi = {}
    for (code, path_vi), (_, path_en) in zip(vi, en):
        if len(code) == 6:
            sub6[code] = label(path_vi)
        else:
            single = code[:6] in heading_only
            lines8.append(
                (code, below_subheading(code, path_en, single), below_subheading(code, path_vi, single))
            )
            full_vi[code] = label(path_vi)
            # A subheading not split nationally is one 8-digit line ending in 00.
            if code.endswith("00") and not single:
                sub6_from_line.setdefault(code[:6], label(path_vi))
            # A subheading row without its code (480429): the line's parent names it.
            elif not single and code[:6] not in [c for c, _ in path_vi]:
                sub6_from_line.setdefault(code[:6], label(path_vi[:-1]))
    for code, text in sub6_from_line.items():
        sub6.setdefault(code, text)
    # The derived 6-digit file names the rest: a heading with a single subheading (its lines sit
    # right under the heading) and a subheading whose source row has no code (480429).
    for r in sub6_rows:
        code = r["code6"].strip()
        if code in sub6:
            continue
        head = short_heading(headings.get(code[:4], ""))
        if r["from"].strip() == "heading":
            sub6[code] = head
        else:
            sub6[code] = SEP.join(p for p in [head, clean(r["desc_vi"])] if p)
    # Every line's full label must be its subheading's label › the part below it.
    for code, _, below in lines8:
        composed = SEP.join(p for p in [sub6.get(code[:6], ""), below] if p)
        if composed != full_vi[code]:
            raise ValueError("label of %s does not compose: %r vs %r" % (code, composed, full_vi[code]))
    return headings, sub6, lines8


def read_lines8_check(hs_vn_dir):
    """Codes of the published 8-digit file, to check the walk over all rows found every line."""
    with gzip.open(os.path.join(hs_vn_dir, "vn_ahtn2022_8digit.csv.gz"), "rt", encoding="utf-8") as f:
        return [r["code8"].strip() for r in csv.DictReader(f)]
