#!/usr/bin/env python3
"""Write tests/fixtures/baci_hs6_2024.txt: the HS 6 codes of CEPII BACI 2024 (one per line), so a
test can check that every code the trade data uses has a Vietnamese label.

Usage (from the repository root): python3 data/build/baci_hs6_fixture.py [--reference PATH]
Reads ../shared/reference/baci-2024/world_by_hs6_2024.csv (never copied). Standard library only.
"""

import argparse
import csv
import os

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

ap = argparse.ArgumentParser()
ap.add_argument("--reference", default=os.path.join(REPO, "..", "shared", "reference"))
args = ap.parse_args()
with open(os.path.join(args.reference, "baci-2024", "world_by_hs6_2024.csv"), newline="") as f:
    codes = sorted({r["hs6"].strip() for r in csv.DictReader(f)})
out = os.path.join(REPO, "tests", "fixtures", "baci_hs6_2024.txt")
with open(out, "w", newline="\n") as f:
    f.write("".join(c + "\n" for c in codes))
print("%s: %d codes" % (out, len(codes)))
