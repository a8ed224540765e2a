#!/usr/bin/env python3
"""Build goglobal's derived reference tables from the raw public source files.

Usage (from the repository root):

    python3 data/build/derive_reference.py [--reference PATH] [--out DIR]

--reference  folder with the raw public files (default: ../shared/reference
             relative to the repository root). The files are only read; none
             of them is copied into the repository.
--out        folder for the CSV tables (default: data/ in the repository).

Written tables: markets.csv, market_imports.csv, ftas.csv, market_groups.csv,
hs.csv, hs_sections.csv, trade_flows.csv. Hand-made inputs (the project's own
translations and curation) live next to this script in data/build/:
names_vi.csv, hs_chapters_vi.csv, hs_sections_vi.csv, ftas_curation.csv.

Standard library only. The output is deterministic (same input, same bytes).
Provenance and every derivation rule are documented in data/SOURCES.md.
"""

import argparse
import csv
import json
import os
import re
import sys
from collections import defaultdict
from decimal import Decimal, ROUND_HALF_UP

import ahtn

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))

# Old or non-ISO codes used by CEPII GeoDist (2011) and the WGI file -> ISO 3166 alpha-3
# (XKX is the World Bank / user-assigned code for Kosovo).
CODE_FIX = {
    "ROM": "ROU",  # Romania
    "ZAR": "COD",  # DR Congo
    "TMP": "TLS",  # Timor-Leste
    "PAL": "PSE",  # Palestine (CEPII)
    "WBG": "PSE",  # West Bank and Gaza (WGI)
    "ADO": "AND",  # Andorra (WGI)
    "KSV": "XKX",  # Kosovo (WGI)
}
# Codes of entities that no longer exist; dropped.
DEFUNCT = {"YUG", "ANT"}
# CEPII entities whose main city now lies in one successor economy: used for that
# economy's main-city coordinates and distance only (YUG main city Belgrade -> Serbia;
# ANT main city Willemstad -> Curaçao).
CITY_SUCCESSOR = {"YUG": "SRB", "ANT": "CUW"}
# mledoze/countries uses UNK for Kosovo.
MLEDOZE_CODE = {"XKX": "UNK"}

EU27 = [
    "AUT", "BEL", "BGR", "HRV", "CYP", "CZE", "DNK", "EST", "FIN", "FRA", "DEU", "GRC",
    "HUN", "IRL", "ITA", "LVA", "LTU", "LUX", "MLT", "NLD", "POL", "PRT", "ROU", "SVK",
    "SVN", "ESP", "SWE",
]
GCC = ["ARE", "BHR", "KWT", "OMN", "QAT", "SAU"]
ASEAN_EXCL_VNM = ["BRN", "KHM", "IDN", "LAO", "MYS", "MMR", "PHL", "SGP", "THA"]
EAEU = ["RUS", "BLR", "KAZ", "KGZ", "ARM"]
MERCOSUR = ["ARG", "BRA", "PRY", "URY", "BOL"]
EFTA = ["CHE", "NOR", "ISL", "LIE"]
SACU = ["ZAF", "BWA", "LSO", "NAM", "SWZ"]
GROUPS = [
    ("EU27", EU27), ("GCC", GCC), ("ASEAN", ASEAN_EXCL_VNM), ("EAEU", EAEU),
    ("MERCOSUR", MERCOSUR), ("EFTA", EFTA), ("SACU", SACU),
]

# --- programme priority segment (see data/SOURCES.md, "markets.csv") -------------------
PRIORITY_FROM_FACTS = {
    "traditional": "traditional",
    "priority: Middle East": "middle_east",
    "priority: Africa": "africa",
    "priority: Latin America": "latin_america",
    "priority: Central Asia": "central_asia",
    "priority: Eastern Europe": "eastern_europe",
    "emerging": None,  # decided by the rules below
}
# Muslim-majority ASEAN members: market_facts.csv labels them "traditional"; the project
# puts them in the halal segment (Halal markets are a programme priority).
HALAL_OVERRIDE = {"IDN", "MYS", "BRN"}
WESTERN_ASIA_NOT_MIDDLE_EAST = {"ISR", "CYP", "GEO", "ARM", "AZE"}
WESTERN_BALKANS = {"ALB", "BIH", "MNE", "MKD", "SRB", "XKX"}
CAUCASUS = {"GEO", "ARM", "AZE"}
# Muslim-majority economies without a market_facts.csv row; Islam is the state religion in
# their constitutions. Used for the halal segment and halal_relevance=high only; no share is
# written for them (muslim_share_pct stays empty).
MUSLIM_MAJORITY_EXTRA = {"AFG", "IRN", "MDV"}
TRADITIONAL = set(
    ["USA", "CAN", "CHN", "JPN", "KOR", "HKG", "TWN", "GBR", "AUS", "NZL", "CHE", "NOR", "IND"]
    + EU27
    + ["SGP", "THA", "PHL", "KHM", "LAO", "MMR"]  # ASEAN members that are not Muslim-majority
)
PRIORITIES = [
    "middle_east", "africa", "latin_america", "central_asia", "eastern_europe", "halal",
    "traditional", "other",
]

# mledoze lists a wrong or a non-official language for these; the constitutional official
# language is used instead.
LANGUAGE_OVERRIDE = {
    "AUT": ["German"],      # mledoze: "Austro-Bavarian German"
    "MDA": ["Romanian"],    # mledoze: "Moldavian"
    "NAM": ["English"],     # mledoze lists 9 national languages
    "BLZ": ["English"],     # mledoze adds Belizean Creole and Spanish
    "JAM": ["English"],     # mledoze adds Jamaican Patois
}

# Hand fixes to names / regions that the source files do not carry.
NAME_OVERRIDE = {"CIV": "Côte d'Ivoire"}
REGION_OVERRIDE = {"XKX": ("Europe", "Southern Europe")}  # M49 has no separate Kosovo entry
ISO2_OVERRIDE = {"XKX": "XK"}

FTA_STATUSES = {"in_force", "signed", "negotiating", "proposed", "preferential", "unverified"}
IN_FORCE_EXPECTED = {
    "ATIGA", "ACFTA", "AKFTA", "AJCEP", "VJEPA", "AIFTA", "AANZFTA", "VCFTA", "VKFTA",
    "VN-EAEU", "CPTPP", "AHKFTA", "EVFTA", "UKVFTA", "RCEP", "VIFTA",
}

MARKET_COLUMNS = [
    "iso3", "iso2", "name", "name_vi", "region", "subregion", "priority", "lat", "lon",
    "distance_km", "gdp_usd", "gdp_year", "gdp_per_capita_usd", "gdp_per_capita_year",
    "population", "population_year", "gdp_growth_pct", "gdp_growth_year", "lpi",
    "lpi_customs", "lpi_infrastructure", "lpi_shipments", "lpi_competence", "lpi_timeliness",
    "lpi_tracking", "wgi_year", "wgi_voice", "wgi_political_stability",
    "wgi_government_effectiveness", "wgi_regulatory_quality", "wgi_rule_of_law",
    "wgi_control_of_corruption", "languages", "currency", "muslim_share_pct",
    "halal_relevance",
]

LPI_COLUMNS = [
    ("lpi", "LPI Score"),
    ("lpi_customs", "Customs Score"),
    ("lpi_infrastructure", "Infrastructure Score"),
    ("lpi_shipments", "International Shipments Score"),
    ("lpi_competence", "Logistics Competence and Quality Score"),
    ("lpi_timeliness", "Timeliness Score"),
    ("lpi_tracking", "Tracking and Tracing Score"),
]
WGI_COLUMNS = [
    ("wgi_voice", "vae"),
    ("wgi_political_stability", "pve"),
    ("wgi_government_effectiveness", "gee"),
    ("wgi_regulatory_quality", "rqe"),
    ("wgi_rule_of_law", "rle"),
    ("wgi_control_of_corruption", "cce"),
]


# --- helpers ---------------------------------------------------------------------------

def die(msg):
    print("derive_reference: error: " + msg, file=sys.stderr)
    sys.exit(1)


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def write_csv(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        w.writerow(header)
        for r in rows:
            w.writerow(["" if v is None else v for v in r])
    return len(rows)


def num(text, places=None):
    """Format a numeric source string as a plain decimal (no exponent, no separators).

    places=None keeps the source precision; otherwise round half-up to `places`
    decimals and drop trailing zeros. Empty input -> "" (no data)."""
    if text is None:
        return ""
    text = str(text).strip()
    if text == "":
        return ""
    d = Decimal(text)
    if places is not None:
        d = d.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    s = format(d, "f")
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    if s in ("-0", ""):
        s = "0"
    return s


def fix_code(code):
    return CODE_FIX.get(code, code)


def latest_by_country(rows, code_col="Country Code", year_col="Year", value_col="Value"):
    """{iso3: (year, value)} for the latest year with a non-empty value."""
    out = {}
    for r in rows:
        v = (r.get(value_col) or "").strip()
        if not v:
            continue
        c, y = r[code_col], int(r[year_col])
        if c not in out or y > out[c][0]:
            out[c] = (y, v)
    return out


def split_list(text, seps=";"):
    return [p.strip() for p in re.split("[" + re.escape(seps) + "]", text or "") if p.strip()]


# --- markets ---------------------------------------------------------------------------

def build_markets(ref, out):
    cc = {r["ISO3166-1-Alpha-3"]: r for r in read_csv(os.path.join(ref, "country-codes.csv"))}
    m49 = {r["alpha-3"]: r for r in read_csv(os.path.join(ref, "iso3166-regions.csv"))}
    with open(os.path.join(ref, "countries-mledoze.json"), encoding="utf-8") as f:
        ml = {o["cca3"]: o for o in json.load(f)}
    facts = {r["iso3"]: r for r in read_csv(os.path.join(ref, "vietnam", "market_facts.csv"))}

    gdp = latest_by_country(read_csv(os.path.join(ref, "wdi-gdp-current-usd.csv")))
    gdppc = latest_by_country(read_csv(os.path.join(ref, "wdi-gdp-per-capita-current-usd.csv")))
    pop = latest_by_country(read_csv(os.path.join(ref, "wdi-population.csv")))
    tli = read_csv(os.path.join(ref, "wdi-trade-logistics-indicators.csv"))
    growth = latest_by_country([r for r in tli if r["Indicator Code"] == "NY.GDP.MKTP.KD.ZG"])
    imports_rows = [r for r in tli if r["Indicator Code"] == "TM.VAL.MRCH.CD.WT"]
    has_imports = {r["Country Code"] for r in imports_rows if r["Value"].strip()}

    lpi = {r["iso3"]: r for r in read_csv(os.path.join(ref, "lpi-2023.csv"))}

    wgi = {}
    for r in read_csv(os.path.join(ref, "wgi-governance-2017-2021.csv")):
        c = fix_code(r["country.code"])
        if c in DEFUNCT or not any(r[k].strip() for _, k in WGI_COLUMNS):
            continue
        y = int(r["year"])
        if c not in wgi or y > wgi[c][0]:
            wgi[c] = (y, r)

    geo = {}
    city_only = {}  # successor economy -> CEPII main-city row of the defunct entity
    for r in read_csv(os.path.join(ref, "cepii-geo_cepii.csv")):
        c = fix_code(r["iso3"])
        if r["maincity"] != "1":
            continue
        if c in CITY_SUCCESSOR:
            city_only[CITY_SUCCESSOR[c]] = r
            continue
        if c in DEFUNCT:
            continue
        if c in geo:
            die("two CEPII main cities for " + c)
        geo[c] = r
    dist = {}
    for r in read_csv(os.path.join(ref, "cepii-dist_cepii.csv")):
        if r["iso_o"] == "VNM":
            c = fix_code(r["iso_d"])
            c = CITY_SUCCESSOR.get(c, c)
            if c in DEFUNCT:
                continue
            if c in dist:
                die("two CEPII distances for " + c)
            dist[c] = r["dist"]
    for succ, r in city_only.items():
        if succ in geo:
            die("CEPII already has " + succ)

    names_vi = {r["iso3"]: r["name_vi"].strip() for r in read_csv(os.path.join(HERE, "names_vi.csv"))}

    # Universe: ISO 3166 entries of country-codes.csv plus Kosovo (XKX), minus Viet Nam,
    # kept if they have GDP, merchandise imports or a CEPII distance from Viet Nam.
    # World Bank aggregates (WLD, EUU, HIC, ...) and CHI (Channel Islands, a World Bank-only
    # code) are not ISO 3166 entries and so never enter.
    universe = set(cc) | {"XKX"}
    iso3s = sorted(
        c for c in universe
        if c != "VNM" and (c in gdp or c in has_imports or c in dist)
    )

    missing_vi = [c for c in iso3s if not names_vi.get(c)]
    if missing_vi:
        die("data/build/names_vi.csv lacks: " + ", ".join(missing_vi))
    extra_vi = sorted(set(names_vi) - set(iso3s))
    if extra_vi:
        print("note: names_vi.csv has entries that are not markets: " + ", ".join(extra_vi))

    rows = []
    priority_of = {}
    for c in iso3s:
        m = ml.get(MLEDOZE_CODE.get(c, c), {})
        code_row = cc.get(c, {})
        f = facts.get(c)

        iso2 = ISO2_OVERRIDE.get(c) or code_row.get("ISO3166-1-Alpha-2", "") or m.get("cca2", "")
        name = NAME_OVERRIDE.get(c) or m.get("name", {}).get("common") or code_row.get("CLDR display name", "")

        if c in REGION_OVERRIDE:
            region, subregion = REGION_OVERRIDE[c]
        else:
            region, subregion = m49[c]["region"], m49[c]["sub-region"]
            if not region:  # lukes leaves Taiwan blank; country-codes.csv has its M49 entry
                region, subregion = code_row.get("Region Name", ""), code_row.get("Sub-region Name", "")
        if not region:
            die("no M49 region for " + c)

        # priority segment
        prio = None
        if c in HALAL_OVERRIDE:
            prio = "halal"
        elif f is not None:
            seg = f["priority_segment"].strip()
            if seg not in PRIORITY_FROM_FACTS:
                die("unknown priority_segment %r for %s" % (seg, c))
            prio = PRIORITY_FROM_FACTS[seg]
        if prio is None:
            muslim_majority = (f is not None and f["muslim_majority"].strip() == "Y") or c in MUSLIM_MAJORITY_EXTRA
            if region == "Africa":
                prio = "africa"
            elif subregion == "Latin America and the Caribbean":
                prio = "latin_america"
            elif subregion == "Western Asia" and c not in WESTERN_ASIA_NOT_MIDDLE_EAST:
                prio = "middle_east"
            elif subregion == "Central Asia":
                prio = "central_asia"
            elif subregion == "Eastern Europe" or c in WESTERN_BALKANS or c in CAUCASUS:
                prio = "eastern_europe"
            elif muslim_majority:
                prio = "halal"
            elif c in TRADITIONAL:
                prio = "traditional"
            else:
                prio = "other"
        priority_of[c] = prio

        # coordinates: CEPII main city, else mledoze centroid
        if c in geo:
            lat, lon = num(geo[c]["lat"]), num(geo[c]["lon"])
        elif c in city_only:
            lat, lon = num(city_only[c]["lat"]), num(city_only[c]["lon"])
        elif m.get("latlng"):
            lat, lon = num(repr(m["latlng"][0])), num(repr(m["latlng"][1]))
        else:
            lat = lon = ""

        def yv(table, places):
            if c in table:
                return num(table[c][1], places), str(table[c][0])
            return "", ""

        gdp_v, gdp_y = yv(gdp, 0)
        pc_v, pc_y = yv(gdppc, 2)
        pop_v, pop_y = yv(pop, 0)
        gr_v, gr_y = yv(growth, 3)

        lrow = lpi.get(c)
        lpi_vals = [num(lrow[col]) if lrow else "" for _, col in LPI_COLUMNS]

        if c in wgi:
            wy, wr = wgi[c]
            wgi_vals = [str(wy)] + [num(wr[k], 4) for _, k in WGI_COLUMNS]
        else:
            wgi_vals = [""] * 7

        # languages: market_facts > mledoze > CEPII official languages (CEPII 2011 has
        # errors and dated names, e.g. BTN "Burmese", FIN "Swedish" only, "Serbo-Croatian")
        langs = []
        if f is not None and f["official_languages"].strip():
            langs = split_list(f["official_languages"], ";")
        elif c in LANGUAGE_OVERRIDE:
            langs = LANGUAGE_OVERRIDE[c]
        elif m.get("languages"):
            langs = list(m["languages"].values())
        elif c in geo:
            langs = [geo[c][k].strip() for k in ("langoff_1", "langoff_2", "langoff_3") if geo[c][k].strip()]
        # currency: market_facts > country-codes (ISO 4217, current: BGR EUR, CUW XCG,
        # SLE SLE, ZWE ZWG) > mledoze (only PSE and XKX, which country-codes leaves blank)
        curr = []
        if f is not None and f["currency_codes"].strip():
            curr = split_list(f["currency_codes"], ";,")
        elif code_row.get("ISO4217-currency_alphabetic_code", "").strip():
            curr = split_list(code_row["ISO4217-currency_alphabetic_code"], ",;")
        elif m.get("currencies"):
            curr = list(m["currencies"].keys())

        # Muslim share and Halal relevance
        share, halal = "", ""
        if f is not None:
            share = num(f["muslim_share_2010_pct"])
            h = f["halal_relevance"].strip().lower()
            for level in ("high", "medium", "low"):
                if h.startswith(level):
                    halal = level
                    break
            if h and not halal:
                die("unknown halal_relevance %r for %s" % (h, c))
        elif c in MUSLIM_MAJORITY_EXTRA:
            halal = "high"

        rows.append(
            [c, iso2, name, names_vi[c], region, subregion, prio, lat, lon,
             num(dist.get(c)), gdp_v, gdp_y, pc_v, pc_y, pop_v, pop_y, gr_v, gr_y]
            + lpi_vals + wgi_vals
            + [";".join(langs), ";".join(curr), share, halal]
        )
    n = write_csv(os.path.join(out, "markets.csv"), MARKET_COLUMNS, rows)

    # market_imports.csv
    market_set = set(iso3s)
    imp = []
    for r in imports_rows:
        c, y, v = r["Country Code"], int(r["Year"]), r["Value"].strip()
        if c in market_set and y >= 2015 and v:
            imp.append((c, y, num(v, 0)))
    imp.sort()
    n_imp = write_csv(os.path.join(out, "market_imports.csv"), ["iso3", "year", "imports_usd"], imp)
    return iso3s, priority_of, rows, n, n_imp


# --- FTAs ------------------------------------------------------------------------------

URL_RE = re.compile(r"https?://[^\s|;,)]+")


def build_ftas(ref, out, markets):
    src = read_csv(os.path.join(ref, "vietnam", "vietnam_ftas.csv"))
    cur = {r["code"]: r for r in read_csv(os.path.join(HERE, "ftas_curation.csv"))}
    rows = []
    for r in src:
        code = r["code"].strip()
        if code not in cur:
            die("data/build/ftas_curation.csv lacks FTA " + code)
        k = cur[code]
        status = k["status"].strip()
        if status not in FTA_STATUSES:
            die("bad status %r for %s" % (status, code))
        notes = []
        parties = split_list(r["partners_iso3"], ";")
        bad = [m for m in parties if m not in markets]
        if bad:
            die("FTA %s has members that are not markets: %s" % (code, bad))
        # `members` = Viet Nam's partners under the agreement. An ASEAN+1 agreement binds Viet
        # Nam to the non-ASEAN party (or parties) only: trade with a fellow ASEAN member runs
        # under ATIGA (and RCEP/CPTPP where both are parties), never under ACFTA, AKFTA, ...
        scope = k["partners"].strip()
        if scope == "non_asean":
            members = [m for m in parties if m not in ASEAN_EXCL_VNM]
            if not members or len(members) == len(parties):
                die("FTA %s is marked ASEAN+1 but its parties are %s" % (code, parties))
            notes.append("Parties: ASEAN + " + ", ".join(members) +
                         "; applies between Viet Nam and " + ", ".join(members) + " only")
        elif scope == "all":
            members = parties
        else:
            die("bad partners %r for %s (all or non_asean)" % (scope, code))
        year = r["year_in_force"].strip()
        if not year and status == "signed" and re.match(r"\d{4}-", r["signed"].strip()):
            year = r["signed"].strip()[:4]  # signed, not in force: the signature year
        if year and not re.fullmatch(r"\d{4}", year):
            die("bad year %r for %s" % (year, code))
        if r["notes"].strip():
            notes.append(r["notes"].strip())
        if r["co_notes"].strip():
            notes.append("C/O: " + r["co_notes"].strip())
        src_co = r["co_form"].strip()
        if src_co and src_co != k["co_form"].strip() and not src_co.startswith("("):
            notes.append("C/O form (source): " + src_co)
        if r["status"].strip().lower() != "in force":
            notes.append("Status (source): " + r["status"].strip())
        if r["in_force_for_vietnam"].strip():
            notes.append("In force for Viet Nam (source): " + r["in_force_for_vietnam"].strip())
        if r["signed"].strip():
            notes.append("Signed: " + r["signed"].strip())
        if r["confidence"].strip():
            notes.append("Confidence: " + r["confidence"].strip())
        urls = URL_RE.findall(r["sources"])
        if urls:
            # de-duplicate, keep order; keep at most 2 when the list is long
            seen = []
            for u in urls:
                u = u.rstrip(".")
                if u not in seen:
                    seen.append(u)
            if len(";".join(seen)) > 200:
                seen = seen[:2]
            source = ";".join(seen)
        else:
            source = r["sources"].strip()
        rows.append([code, r["full_name"].strip(), k["name_vi"].strip(), status, year,
                     k["co_form"].strip(), ";".join(members), " | ".join(notes), source])
    in_force = {r[0] for r in rows if r[3] == "in_force"}
    if in_force != IN_FORCE_EXPECTED:
        die("in_force FTAs differ from the 16 expected: %s" % sorted(in_force ^ IN_FORCE_EXPECTED))
    n = write_csv(os.path.join(out, "ftas.csv"),
                  ["code", "name", "name_vi", "status", "year", "co_form", "members", "notes", "source"],
                  rows)
    return rows, n


def build_groups(out, markets):
    rows = []
    for g, members in GROUPS:
        for c in members:
            if c not in markets:
                die("group %s member %s is not a market" % (g, c))
            rows.append((g, c))
    return write_csv(os.path.join(out, "market_groups.csv"), ["group", "iso3"], rows)


# --- HS --------------------------------------------------------------------------------

def build_hs(ref, out):
    chapters_vi = {r["chapter"]: r["name_vi"].strip() for r in read_csv(os.path.join(HERE, "hs_chapters_vi.csv"))}
    sections_vi = {r["section"]: r["name_vi"].strip() for r in read_csv(os.path.join(HERE, "hs_sections_vi.csv"))}
    # Viet Nam's AHTN 2022 (Thông tư 31/2022/TT-BTC): Vietnamese labels of headings and
    # subheadings, and the 8-digit national lines (see ahtn.py).
    headings_vi, sub6_vi, lines8 = ahtn.load(os.path.join(ref, "vietnam", "hs-vn"))
    if sorted(c for c, _, _ in lines8) != sorted(ahtn.read_lines8_check(os.path.join(ref, "vietnam", "hs-vn"))):
        die("AHTN 8-digit lines differ from vn_ahtn2022_8digit.csv.gz")
    lines_of = defaultdict(list)
    for code8, below_en, below_vi in lines8:
        lines_of[code8[:6]].append((code8, below_en, below_vi))
    rows = []
    line_rows = []
    chapters = []
    for r in read_csv(os.path.join(ref, "hs2022-nomenclature.csv")):
        level = r["level"].strip()
        if level not in ("2", "4", "6"):
            continue  # the single TOTAL row (level 5)
        code = r["hscode"].strip()
        parent = r["parent"].strip()
        if parent == "TOTAL":
            parent = ""
        section = r["section"].strip()
        if section == "TOTAL":
            section = ""  # chapter 99 belongs to no section
        desc_vi = ""
        if level == "2":
            chapters.append(code)
            desc_vi = chapters_vi.get(code, "")
            if not desc_vi:
                die("data/build/hs_chapters_vi.csv lacks chapter " + code)
        elif code.startswith("99"):
            # UN Comtrade's placeholder for goods not classified: not in HS or AHTN.
            desc_vi = chapters_vi["99"]
        else:
            desc_vi = (headings_vi if level == "4" else sub6_vi).get(code, "")
            if not desc_vi:
                die("AHTN 2022 has no Vietnamese label for HS " + code)
        rows.append([code, level, parent, section, r["description"].strip(), desc_vi])
        # Viet Nam's national lines under their subheading; their text is the part under it.
        for code8, below_en, below_vi in lines_of.pop(code, []) if level == "6" else []:
            line_rows.append([code8, code, below_en, below_vi])
    if lines_of:
        die("AHTN lines without an HS 2022 subheading: %s" % sorted(lines_of)[:5])
    n = write_csv(os.path.join(out, "hs.csv"),
                  ["code", "level", "parent", "section", "description", "description_vi"], rows)
    nl = write_csv(os.path.join(out, "hs_lines.csv"), ["code", "parent", "description", "description_vi"],
                   line_rows)
    srows = []
    for r in read_csv(os.path.join(ref, "hs2022-sections.csv")):
        s = r["section"].strip()
        name = r["name"].strip()
        name = name[:1].upper() + name[1:]
        if not sections_vi.get(s):
            die("data/build/hs_sections_vi.csv lacks section " + s)
        srows.append([s, name, sections_vi[s]])
    ns = write_csv(os.path.join(out, "hs_sections.csv"), ["section", "name", "name_vi"], srows)
    return chapters, n, ns, nl


# --- trade flows -----------------------------------------------------------------------

def build_trade_flows(ref, out):
    world = defaultdict(Decimal)
    vnm = defaultdict(Decimal)
    for r in read_csv(os.path.join(ref, "baci-hs92-exports-by-exporter-hs2-2016-2020.csv")):
        key = (r["k"].strip(), int(r["t"]))
        v = Decimal(r["v"])
        world[key] += v
        if r["i_iso3c"] == "VNM":
            vnm[key] += v
    million = Decimal(1000000)
    rows = []
    for key in sorted(world):
        # BACI lists only positive flows: a chapter-year without a VNM row means no
        # recorded Vietnamese exports, written as 0.
        rows.append([key[0], key[1], num(world[key] * million, 0), num(vnm.get(key, Decimal(0)) * million, 0)])
    return write_csv(os.path.join(out, "trade_flows.csv"),
                     ["chapter", "year", "world_exports_usd", "vnm_exports_usd"], rows), rows


# --- main ------------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--reference", default=os.path.join(REPO, "..", "shared", "reference"))
    ap.add_argument("--out", default=os.path.join(REPO, "data"))
    a = ap.parse_args()
    ref, out = os.path.normpath(a.reference), os.path.normpath(a.out)
    if not os.path.isfile(os.path.join(ref, "country-codes.csv")):
        die("no raw reference files in %s (use --reference PATH)" % ref)
    os.makedirs(out, exist_ok=True)

    iso3s, priority_of, mrows, n_m, n_imp = build_markets(ref, out)
    markets = set(iso3s)
    frows, n_f = build_ftas(ref, out, markets)
    n_g = build_groups(out, markets)
    chapters, n_hs, n_sec, n_lines = build_hs(ref, out)
    n_tf, tf_rows = build_trade_flows(ref, out)

    print("written to %s:" % out)
    for name, n in [("markets.csv", n_m), ("market_imports.csv", n_imp), ("ftas.csv", n_f),
                    ("market_groups.csv", n_g), ("hs.csv", n_hs), ("hs_lines.csv", n_lines), ("hs_sections.csv", n_sec),
                    ("trade_flows.csv", n_tf)]:
        print("  %-20s %6d rows" % (name, n))

    # sanity checks
    print("sanity checks:")
    idx = {r[0]: r for r in mrows}
    col = {c: i for i, c in enumerate(MARKET_COLUMNS)}
    for c in ("USA", "CHN", "JPN", "DEU", "SAU", "BRA", "ZAF", "LAO"):
        r = idx[c]
        print("  %s %-14s distance_km=%-10s gdp_usd=%s (%s) lpi=%s wgi_year=%s priority=%s" % (
            c, r[col["name"]], r[col["distance_km"]], r[col["gdp_usd"]], r[col["gdp_year"]],
            r[col["lpi"]], r[col["wgi_year"]], r[col["priority"]]))
    usa = float(idx["USA"][col["distance_km"]])
    assert 13000 <= usa <= 14000, usa
    assert "VNM" not in markets
    assert all(r[col["name_vi"]] for r in mrows)
    assert all(r[col["priority"]] in PRIORITIES for r in mrows)
    counts = defaultdict(int)
    for p in priority_of.values():
        counts[p] += 1
    print("  priority: " + ", ".join("%s=%d" % (p, counts[p]) for p in PRIORITIES))
    for p in PRIORITIES:
        print("    %-15s %s" % (p, " ".join(sorted(c for c, q in priority_of.items() if q == p))))
    for c in MARKET_COLUMNS:
        empty = sum(1 for r in mrows if r[col[c]] == "")
        if empty:
            print("  empty %-30s %3d / %d" % (c, empty, len(mrows)))
    st = defaultdict(int)
    for r in frows:
        st[r[3]] += 1
    print("  fta status: " + ", ".join("%s=%d" % kv for kv in sorted(st.items())))
    assert st["in_force"] == 16
    print("  hs chapters: %d (with description_vi: all)" % len(chapters))
    vn2020 = sum(int(r[3]) for r in tf_rows if r[1] == 2020)
    w2020 = sum(int(r[2]) for r in tf_rows if r[1] == 2020)
    print("  BACI 2020: world exports %.1f bn USD, VNM exports %.1f bn USD" % (w2020 / 1e9, vn2020 / 1e9))
    print("ok")


if __name__ == "__main__":
    main()
