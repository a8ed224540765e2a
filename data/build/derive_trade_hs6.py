#!/usr/bin/env python3
"""Derive goglobal's product-level trade table from CEPII BACI 2024 (issue 10).

Usage (from the repository root):

    python3 data/build/derive_trade_hs6.py [--baci DIR] [--out DIR]

--baci  folder with the BACI 2024 files (default: ../shared/reference/baci-2024
        relative to the repository root); only read, never copied.
--out   output folder (default: data/).

Writes two files:

  trade_hs6.tsv.gz    one line per product code (HS 6, plus HS 4 headings and HS 2
                      chapters as sums), each line its own gzip member so that the
                      program can store and read one code without inflating the
                      others; `zcat` reads the file as ordinary text.
  trade_hs6_index.csv code, byte offset and length of its gzip member, number of
                      markets, CRC-32 of the line (so the index changes with the data).

A line is `CODE<TAB>ENTRY;ENTRY;...` with one ENTRY per market (ISO3 of the
project's market list, sorted) that imports the code:

  ISO3,KIND,IMPORTS,V2016,COVERED,EXPORTS,VN,VN_RANK,SUPPLIERS

  KIND      b = BACI bilateral table (HS 2017), t = BACI HS 2022 top-6 importer
            list, e = residual estimate (order of magnitude only); a sum that mixes
            t and e is e.
  IMPORTS   imports 2024, thousand US$ (rounded; entries that round to 0 are left out)
  V2016     imports 2016 implied by the flows' 8-year growth rates, thousand US$
  COVERED   percent of the 2024 value in flows that have such a rate (empty = 100)
            (V2016 and COVERED only where imports reach US$ 1 m and V2016 lies
            within 1/20 and 20 times the covered 2024 value)
  EXPORTS   the market's own exports of the code, thousand US$, written only where
            they reach half its imports (the re-export rule)
  VN        Viet Nam's exports to the market, thousand US$
  VN_RANK   Viet Nam's rank among the market's suppliers (markets importing US$ 1 m+)
  SUPPLIERS top 3 suppliers as ISO3VALUE joined by `|` (thousand US$), HS 6 only

Standard library only; deterministic output (gzip mtime 0). Provenance and rules:
data/SOURCES.md.
"""

import argparse
import csv
import gzip
import io
import os
import zlib
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
KIND = {"baci_bilateral": "b", "top6": "t", "residual_estimate": "e"}


def rows(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", newline="", encoding="utf-8") as f:
        yield from csv.DictReader(f)


def iso(code):
    return "TWN" if code == "S19" else code


def k(usd):
    """US$ -> whole thousand US$."""
    return int(round(float(usd) / 1000.0))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--baci", default=os.path.join(REPO, "..", "shared", "reference", "baci-2024"))
    ap.add_argument("--out", default=os.path.join(REPO, "data"))
    a = ap.parse_args()
    with open(os.path.join(REPO, "data", "markets.csv"), newline="", encoding="utf-8") as f:
        markets = {r["iso3"] for r in csv.DictReader(f)}

    # (iso3, code) -> [kind, imports, v2016, covered_2024, exports, vn, vn_rank, suppliers]
    cell = {}
    for r in rows(os.path.join(a.baci, "imports_by_importer_hs6_2024.csv.gz")):
        m = iso(r["importer_iso3"])
        if m in markets:
            cell[(m, r["hs6"])] = [KIND[r["source"]], float(r["value_usd"]), 0.0, 0.0, 0.0, 0.0, None, []]
    for r in rows(os.path.join(a.baci, "imports_growth_by_importer_hs6.csv.gz")):
        c = cell.get((iso(r["importer_iso3"]), r["hs6"]))
        if c and r["value_2016_implied_usd"]:
            c[2] = float(r["value_2016_implied_usd"])
            c[3] = c[1] * float(r["covered_share"] or 0)
    for r in rows(os.path.join(a.baci, "exports_by_exporter_hs6_2024.csv.gz")):
        c = cell.get((iso(r["exporter_iso3"]), r["hs6"]))
        if c:
            c[4] = float(r["value_usd"])
    for r in rows(os.path.join(a.baci, "vnm_exports_by_dest_hs6_2024.csv.gz")):
        c = cell.get((iso(r["dest_iso3"]), r["hs6"]))
        if c:
            c[5] = float(r["value_usd"])
    for r in rows(os.path.join(a.baci, "top_suppliers_by_importer_hs6_2024.csv.gz")):
        c = cell.get((iso(r["importer_iso3"]), r["hs6"]))
        if not c:
            continue
        if iso(r["exporter_iso3"]) == "VNM":
            c[6] = int(r["rank"])
        if int(r["rank"]) <= 3:
            c[7].append((int(r["rank"]), iso(r["exporter_iso3"]), float(r["value_usd"])))

    # Headings and chapters: sums of their HS 6 codes per market (no supplier list).
    sums = {}
    for (m, code), c in cell.items():
        for part in (code[:4], code[:2]):
            s = sums.setdefault((m, part), [c[0], 0.0, 0.0, 0.0, 0.0, 0.0, None, []])
            if s[0] != c[0]:
                s[0] = "e" if "e" in (s[0], c[0]) else "t"
            for i in range(1, 6):
                s[i] += c[i]
    cell.update(sums)

    by_code = defaultdict(list)
    for (m, code), c in cell.items():
        kind, imp, v16, cov24, exp, vn, vn_rank, sup = c
        if k(imp) <= 0:
            continue
        # The implied 2016 value is kept only where the market imports US$ 1 m or more and
        # it lies within 1/20 and 20 times the covered 2024 value: below that size flows are
        # few and their rates noisy, beyond that ratio a rate comes from a tiny first year.
        growth_ok = imp >= 1e6 and cov24 > 0 and 1 / 20 <= v16 / cov24 <= 20
        covered = int(round(100.0 * cov24 / imp)) if growth_ok else None
        fields = [
            m,
            kind,
            str(k(imp)),
            str(k(v16)) if covered else "",
            str(covered) if covered and covered != 100 else "",
            str(k(exp)) if exp >= 0.5 * imp else "",
            str(k(vn)) if k(vn) > 0 else "",
            str(vn_rank) if vn_rank else "",
            "|".join(f"{s}{k(v)}" for _, s, v in sorted(sup)[:3]),
        ]
        by_code[code].append(",".join(fields).rstrip(","))

    data = io.BytesIO()
    index = []
    for code in sorted(by_code, key=lambda c: (c, len(c))):
        line = code + "\t" + ";".join(sorted(by_code[code])) + "\n"
        member = gzip.compress(line.encode("utf-8"), compresslevel=9, mtime=0)
        crc = zlib.crc32(line.encode("utf-8"))
        index.append((code, data.tell(), len(member), len(by_code[code]), f"{crc:08x}"))
        data.write(member)
    with open(os.path.join(a.out, "trade_hs6.tsv.gz"), "wb") as f:
        f.write(data.getvalue())
    with open(os.path.join(a.out, "trade_hs6_index.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["code", "offset", "length", "markets", "crc32"])
        w.writerows(index)
    print(f"{len(index)} codes, {data.tell()} bytes")


if __name__ == "__main__":
    main()
