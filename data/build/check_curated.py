#!/usr/bin/env python3
"""Consistency checks for the curated tables written by curate.py (stdlib only).

Exit status 1 if any check fails. Run: python3 data/build/check_curated.py
"""
import collections
import csv
import os
import re
import sys
import unicodedata

DATA = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
FILES = ["certifications.csv", "service_tags.csv", "requirements.csv", "trade_remedies.csv",
         "providers.csv", "provinces.csv", "sample_smes.csv"]
GROUPS_FALLBACK = {"EU27", "GCC", "ASEAN", "EAEU", "MERCOSUR", "EFTA", "SACU"}
CATEGORIES = ["banking", "logistics", "legal", "certification", "hr", "insurance", "promotion"]
SECTORS = ["seafood", "coffee", "cashew", "rice", "pepper", "fruit", "birds_nest", "furniture_wood",
           "textiles", "footwear", "handicrafts", "processed_food", "electronics_parts"]

errors = []


def err(msg):
    errors.append(msg)


def load(name):
    path = os.path.join(DATA, name)
    raw = open(path, "rb").read()
    if raw.startswith(b"\xef\xbb\xbf"):
        err(f"{name}: has a BOM")
    if b"\r" in raw:
        err(f"{name}: contains CR characters")
    text = raw.decode("utf-8")
    if unicodedata.normalize("NFC", text) != text:
        err(f"{name}: not NFC-normalised")
    return list(csv.DictReader(text.splitlines()))


def split(cell):
    return [x for x in cell.split(";") if x] if cell else []


# reference tables written by the other helper (optional)
hs_codes = set()
if os.path.exists(os.path.join(DATA, "hs.csv")):
    hs_codes = {r["code"] for r in csv.DictReader(open(os.path.join(DATA, "hs.csv"), encoding="utf-8"))}
iso3 = set()
if os.path.exists(os.path.join(DATA, "markets.csv")):
    iso3 = {r["iso3"] for r in csv.DictReader(open(os.path.join(DATA, "markets.csv"), encoding="utf-8"))}
group_members = collections.defaultdict(set)
if os.path.exists(os.path.join(DATA, "market_groups.csv")):
    for r in csv.DictReader(open(os.path.join(DATA, "market_groups.csv"), encoding="utf-8")):
        group_members[r["group"]].add(r["iso3"])
groups = set(group_members) | GROUPS_FALLBACK


def check_market(ref, where, allow_star=True):
    if ref == "*" and allow_star:
        return
    if ref in groups:
        return
    if not re.fullmatch(r"[A-Z]{3}", ref):
        err(f"{where}: bad market reference {ref!r}")
    elif iso3 and ref not in iso3:
        err(f"{where}: market {ref} not in markets.csv")


def check_hs(prefix, where, lengths=(2, 4, 6)):
    if not prefix.isdigit() or len(prefix) not in lengths:
        err(f"{where}: bad HS prefix {prefix!r}")
    elif hs_codes and prefix not in hs_codes:
        err(f"{where}: HS {prefix} not in hs.csv")


T = {n: load(n) for n in FILES}

# certifications / tags
certs = [r["code"] for r in T["certifications.csv"]]
cert_set = set(certs)
if len(certs) != len(cert_set):
    err("certifications.csv: duplicate codes")
for r in T["certifications.csv"]:
    if r["kind"] not in {"certification", "registration", "capability"}:
        err(f"certifications.csv {r['code']}: bad kind")
    if not r["name"] or not r["name_vi"]:
        err(f"certifications.csv {r['code']}: missing name")
tags = {r["tag"] for r in T["service_tags.csv"]}
for r in T["service_tags.csv"]:
    if not r["name"] or not r["name_vi"]:
        err(f"service_tags.csv {r['tag']}: missing name")

# requirements
req = T["requirements.csv"]
if len(req) < 25:
    err(f"requirements.csv: only {len(req)} rows")
if len({r["code"] for r in req}) != len(req):
    err("requirements.csv: duplicate codes")
for r in req:
    w = f"requirements.csv {r['code']}"
    check_market(r["market"], w)
    for p in split(r["hs_prefixes"]):
        check_hs(p, w)
    if r["kind"] not in {"certification", "registration", "catch_certificate", "due_diligence", "protocol",
                         "labelling", "traceability", "testing"}:
        err(f"{w}: bad kind {r['kind']}")
    if r["severity"] not in {"mandatory", "expected"}:
        err(f"{w}: bad severity")
    for c in split(r["satisfied_by"]):
        if c not in cert_set:
            err(f"{w}: unknown certification {c}")
    if r["service_tag"] not in tags:
        err(f"{w}: unknown service tag {r['service_tag']}")
    for f in ("title", "title_vi", "how_to", "how_to_vi", "source"):
        if not r[f]:
            err(f"{w}: empty {f}")
    if not r["year"].isdigit():
        err(f"{w}: bad year")

# trade remedies
tr = T["trade_remedies.csv"]
if len(tr) < 20:
    err(f"trade_remedies.csv: only {len(tr)} rows")
if len({r["id"] for r in tr}) != len(tr):
    err("trade_remedies.csv: duplicate ids")
for r in tr:
    w = f"trade_remedies.csv {r['id']}"
    check_market(r["market"], w, allow_star=False)
    for p in split(r["hs_prefixes"]):
        check_hs(p, w)
    if r["measure"] not in {"anti_dumping", "countervailing", "safeguard", "anti_circumvention"}:
        err(f"{w}: bad measure")
    if r["status"] not in {"active", "investigating", "terminated"}:
        err(f"{w}: bad status")
    if not (r["year"].isdigit() and 1990 <= int(r["year"]) <= 2026):
        err(f"{w}: bad year")
    if not r["source"].startswith("http"):
        err(f"{w}: no source URL")
    if r["detail"] and not r.get("detail_vi"):
        err(f"{w}: a note without its Vietnamese translation (data/build/trade_remedies_vi.csv)")

# provinces
prov = T["provinces.csv"]
current = {r["name"] for r in prov}
former = []
for r in prov:
    if r["kind"] not in {"city", "province"}:
        err(f"provinces.csv {r['name']}: bad kind")
    former += split(r["merged_from"])
former_to_current = {f: r["name"] for r in prov for f in split(r["merged_from"])}
if len(prov) != 34:
    err(f"provinces.csv: {len(prov)} rows, expected 34")
if len(former) != 63 or len(set(former)) != 63:
    err(f"provinces.csv: {len(set(former))} distinct / {len(former)} former names, expected 63 each once")

# providers
pv = T["providers.csv"]
if len(pv) < 65:
    err(f"providers.csv: only {len(pv)} rows")
if len({r["id"] for r in pv}) != len(pv):
    err("providers.csv: duplicate ids")
cat_count = collections.Counter(r["category"] for r in pv)
for c in CATEGORIES:
    if cat_count[c] < 6:
        err(f"providers.csv: category {c} has {cat_count[c]} providers")
for r in pv:
    w = f"providers.csv {r['id']}"
    if r["category"] not in CATEGORIES:
        err(f"{w}: bad category")
    for t in split(r["tags"]):
        if t not in tags:
            err(f"{w}: unknown tag {t}")
    for m in split(r["markets"]):
        check_market(m, w)
    for p in split(r["provinces"]):
        if p not in current:
            err(f"{w}: province {p} is not a current province name")
    if r["sample"] not in {"true", "false"}:
        err(f"{w}: bad sample flag")
    if r["sample"] == "true":
        if "(sample)" not in r["name"] or "(mẫu)" not in r["name_vi"]:
            err(f"{w}: sample provider name not flagged")
        for f in ("email", "website"):
            if r[f] and ".example.vn" not in r[f]:
                err(f"{w}: sample {f} not on example.vn")
    else:
        if r["phone"] or r["email"]:
            err(f"{w}: real institution with phone/email (not in source file)")
        if not r["source"].startswith("http") and "VLA" not in r["name"]:
            err(f"{w}: real institution without source")


def covers(provider_markets, market):
    ms = set(split(provider_markets))
    if "*" in ms or market in ms:
        return True
    return any(market in group_members.get(g, ()) for g in ms)


for r in req:
    ok = [p for p in pv if r["service_tag"] in split(p["tags"]) and covers(p["markets"], r["market"])]
    if not ok:
        err(f"requirements.csv {r['code']}: no provider with tag {r['service_tag']} serving {r['market']}")
for tag, markets in {"HALAL_CERT": ["GCC", "IDN", "MYS"], "FDA_AGENT": ["USA"], "GACC_REGISTRATION": ["CHN"],
                     "EUDR_TRACEABILITY": ["EU27"], "IUU_TRACEABILITY": ["EU27"]}.items():
    for m in markets:
        explicit = [p for p in pv if tag in split(p["tags"]) and m in split(p["markets"])]
        if not explicit:
            err(f"providers.csv: no {tag} provider listing {m} explicitly")
for tag in {r["service_tag"] for r in req}:
    for m in ["GCC", "EU27", "USA", "CHN", "*"]:
        if not [p for p in pv if tag in split(p["tags"]) and covers(p["markets"], m)]:
            print(f"note: tag {tag} has no provider serving {m}")

# sample SMEs
sm = T["sample_smes.csv"]
if len(sm) < 64:
    err(f"sample_smes.csv: only {len(sm)} rows")
sec = collections.Counter(r["sector"] for r in sm)
for s in SECTORS:
    if sec[s] < 4:
        err(f"sample_smes.csv: sector {s} has {sec[s]} SMEs")
exp = collections.Counter(r["export_experience"] for r in sm)
mapped = set()
formers_used = 0
for i, r in enumerate(sm, start=2):
    w = f"sample_smes.csv line {i}"
    if r["sector"] not in SECTORS:
        err(f"{w}: bad sector {r['sector']}")
    if r["province"] in current:
        mapped.add(r["province"])
    elif r["province"] in former_to_current:
        mapped.add(former_to_current[r["province"]])
        formers_used += 1
    else:
        err(f"{w}: unknown province {r['province']}")
    if not (r["tax_code"].isdigit() and len(r["tax_code"]) in (10, 13)):
        err(f"{w}: bad tax code")
    if not 5 <= int(r["employees"]) <= 250:
        err(f"{w}: employees out of range")
    if not 1995 <= int(r["founded"]) <= 2022:
        err(f"{w}: founded out of range")
    if int(r["revenue_usd"]) <= 0:
        err(f"{w}: bad revenue")
    if r["export_experience"] not in {"none", "indirect", "occasional", "regular"}:
        err(f"{w}: bad export_experience")
    if r["export_experience"] == "none" and r["current_markets"]:
        err(f"{w}: markets listed for a firm with no export experience")
    for m in split(r["current_markets"]):
        check_market(m, w, allow_star=False)
        if m in groups:
            err(f"{w}: current_markets should be ISO3, got group {m}")
    for c in split(r["certifications"]):
        if c not in cert_set:
            err(f"{w}: unknown certification {c}")
    for item in split(r["products"]):
        code = item.split(":", 1)[0]
        check_hs(code, w, lengths=(6,))
    if not r["contact_email"].endswith(".example.vn"):
        err(f"{w}: contact e-mail not on example.vn")
    if not r["contact_phone"].startswith("+84 "):
        err(f"{w}: bad phone")
if len({r["name"] for r in sm}) != len(sm):
    err("sample_smes.csv: duplicate names")
if len({r["tax_code"][:10] for r in sm}) != len(sm):
    err("sample_smes.csv: duplicate tax codes")
if len(mapped) < 20:
    err(f"sample_smes.csv: only {len(mapped)} current provinces covered")

print("rows:", {n: len(T[n]) for n in FILES})
print("provider categories:", dict(cat_count))
print("sme sectors:", dict(sec))
print("sme export_experience:", dict(exp))
print(f"sme provinces: {len(mapped)} current provinces covered; {formers_used} rows use a former name")
print("requirements by market:", dict(collections.Counter(r["market"] for r in req)))
print("remedies by status:", dict(collections.Counter(r["status"] for r in tr)))
if errors:
    print(f"\n{len(errors)} problem(s):")
    for e in errors:
        print(" -", e)
    sys.exit(1)
print("OK")
