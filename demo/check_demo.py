#!/usr/bin/env python3
"""Check the demo data (demo/*.csv) against the seed annexes.

Recomputes, independently of the C engine and of make_demo.py, the seven
annexes of unit 31 (Hải Phòng) for period 2023S1 from demo/*.csv and
forms/*.form by the engine's rules, and compares them cell by cell with
../shared/data/seed-annexes/004-annexes.json. Also checks the files'
shape and the rules every record must pass.

Rules: records count into cells (see REGISTER RULES below); a unit's cell
= what its records give where it has records, else its entered value,
else blank. A sum field that is empty adds nothing (a cell whose records
all leave it empty stays blank); 0 is a value. A sum of only blank cells
is blank; otherwise blanks count as nothing. @self = the unit, @below =
its children, @self_below = both, @subtree = the whole tree; in `rows
levels` forms each level row sums the units of that level, the total row
the whole tree. A record is in 2023S1 by its date (letters: received by
`received`, resolved by `resolved`); a document whose `period` is set is
in that period instead.

Mismatches that are the seed's own errors (see README.md) are listed as
KNOWN; the exit code is 1 if any other mismatch or problem is found.
Usage: python3 demo/check_demo.py [--shared DIR]
"""
import argparse
import csv
import datetime
import json
import math
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
PERIOD = "2023S1"
P_FIRST, P_LAST = datetime.date(2023, 1, 1), datetime.date(2023, 6, 30)
CITY = "31"

KIND_NAMES = {"NQ": "Nghị quyết", "CT": "Chỉ thị", "KL": "Kết luận", "QD": "Quyết định", "KH": "Kế hoạch",
              "CTr": "Chương trình", "BC": "Báo cáo", "TB": "Thông báo", "TT": "Thông tri", "HD": "Hướng dẫn",
              "CV": "Công văn", "DA": "Đề án"}
DOC_FIELDS = {"dan_toc", "ton_giao", "dan_van_chinh_quyen", "mttq_ctxh", "khac"}
BDV_FIELDS = ("dan_toc", "ton_giao", "dan_van_chinh_quyen", "mttq_ctxh")
BY = ("cap_uy", "ban_dan_van")
DLG_TYPES = ("dinh_ky", "chuyen_de", "dot_xuat")
DLG_CHAIRS = ("cap_uy", "chinh_quyen", "dong_chu_tri")
# level names for {cap+K} / {short+K} as printed in the seed
CAP = {1: "Cấp tỉnh", 2: "Cấp huyện", 3: "Cấp xã"}
SHORT = {1: "Tỉnh", 2: "Huyện", 3: "Xã"}

# (form, row label or number, 1-based column): why the seed differs
KNOWN = {
    ("bieu-5", "Thành phố", 4): "the seed prints Cộng 0 over three blank cells; a sum of blanks is blank",
    ("bieu-7", "Tổng", 2): "the seed's total 800 is not 2 + 94 + 638 = 734",
    ("bieu-4", "20", 2): "the seed prints \"Kết luận số Số 244-KL/TU\" (Số twice)",
}

HEADERS = {
    "units": ["code", "name", "type", "level", "parent_code"],
    "dialogues": ["date", "unit", "type", "chair", "title", "participants", "issues", "conclusions"],
    "values": ["element", "combo", "period", "unit", "value"],
    "documents": ["kind", "symbol", "date", "unit", "issued_by", "summary", "fields", "period"],
    "conferences": ["date", "unit", "chaired_by", "title", "participants"],
    "inspections": ["kind", "date", "unit", "conducted_by", "subject", "party_orgs", "party_members", "conclusion"],
    "letters": ["received", "unit", "kind", "eligible", "status", "resolved", "sender_name", "sender_address"],
    "receptions": ["date", "unit", "people"],
    "supervisions": ["date", "unit", "subject", "documents_reviewed", "recommendations", "accepted"],
    "criticisms": ["date", "unit", "form", "drafts", "recommendations", "accepted"],
}
# footnote 3 of the seed: "các đảng ủy xã, phường, thị trấn đã ban hành 1.718 văn bản"
COMMUNE_DOCS = 1718

problems = []
known_hits = []


def problem(msg):
    problems.append(msg)


def read_csv(path, header):
    with open(path, encoding="utf-8", newline="") as f:
        raw = f.read()
    if "\r" in raw:
        problem("%s: CR in file (want LF line ends)" % os.path.basename(path))
    if raw.startswith("\ufeff"):
        problem("%s: BOM" % os.path.basename(path))
    rows = list(csv.reader(raw.splitlines(True)))
    if rows[0] != header:
        problem("%s: header %r, want %r" % (os.path.basename(path), rows[0], header))
    out = []
    for i, r in enumerate(rows[1:], 2):
        if len(r) != len(header):
            problem("%s:%d: %d fields, want %d" % (os.path.basename(path), i, len(r), len(header)))
            continue
        out.append(dict(zip(header, r)))
    return out


# ---------------------------------------------------------------- forms
def parse_forms(formdir):
    forms = {}
    for name in sorted(os.listdir(formdir)):
        if not name.endswith(".form"):
            continue
        f = {"cols": [], "rows": None}
        with open(os.path.join(formdir, name), encoding="utf-8") as fh:
            for line in fh:
                line = line.rstrip("\n")
                if not line.strip() or line.lstrip().startswith("#"):
                    continue
                kw, _, rest = line.partition(" ")
                if kw == "form":
                    f["code"] = rest.strip()
                elif kw == "rows":
                    f["rows"] = rest.split()
                elif kw == "col":
                    head, _, bind = rest.rpartition(" = ")
                    f["cols"].append(([p.strip() for p in head.split(" | ")], parse_binding(bind.strip())))
        forms[f["code"]] = f
    return forms


def parse_ref(text):
    p = text.split()
    scope = "row"
    if len(p) == 3 and p[2].startswith("@"):
        scope = p[2][1:]
    elif len(p) != 2:
        raise ValueError("bad data ref %r" % text)
    return ("data", p[0], p[1], scope)


def parse_binding(text):
    if text.startswith("sum "):
        cols = []
        for part in text[4:].split():
            if "-" in part:
                a, b = part.split("-")
                cols.extend(range(int(a), int(b) + 1))
            else:
                cols.append(int(part))
        return ("sum", cols)
    if text.startswith("pair "):
        a, b = text[5:].split(" / ")
        return ("pair", parse_ref(a), parse_ref(b))
    if text.startswith("list "):
        return ("list", text[5:].strip())
    return parse_ref(text)


def expand(text, level):
    def rep(m):
        k = int(m.group(2))
        return (CAP if m.group(1) == "cap" else SHORT)[level + k]
    return re.sub(r"\{(cap|short)\+(\d+)\}", rep, text)


# ---------------------------------------------------------------- register rules
def in_period(text):
    """A date field: is the day in 2023S1 (empty or bad: no)."""
    try:
        return P_FIRST <= datetime.date.fromisoformat(text) <= P_LAST
    except ValueError:
        return False


def doc_in_period(d):
    return d["period"] == PERIOD if d["period"] else in_period(d["date"])


def contributions(regs):
    """REGISTER RULES: (element, combo, unit, value) for every record of 2023S1.
    A count adds 1; a sum adds the field, nothing when it is empty."""
    out = []

    def count(el, combo, r):
        out.append((el, combo, r["unit"], 1.0))

    def add(el, combo, r, field):
        if r[field] != "":
            out.append((el, combo, r["unit"], float(r[field])))

    for r in regs["dialogues"]:
        if in_period(r["date"]):
            count("dialogues", r["type"] + "." + r["chair"], r)
    for r in regs["documents"]:
        if not doc_in_period(r):
            continue
        if r["issued_by"] == "cap_uy":  # Biểu 1: documents of the committee, whatever their field
            count("doc_count", "cap_uy", r)
        elif r["issued_by"] == "ban_dan_van":  # Biểu 2: by field
            for f in r["fields"].split(";"):
                count("doc_count", "ban_dan_van." + f, r)
    for r in regs["conferences"]:
        if in_period(r["date"]):
            count("conf_count", r["chaired_by"], r)
            add("conf_people", r["chaired_by"], r, "participants")
    for r in regs["inspections"]:
        if in_period(r["date"]):
            combo = r["conducted_by"] + "." + r["kind"]
            count("insp_count", combo, r)
            add("insp_orgs", combo, r, "party_orgs")
            add("insp_members", combo, r, "party_members")
    for r in regs["letters"]:
        if in_period(r["received"]):
            count("letters_received", "default", r)
        if in_period(r["resolved"]):
            count("letters_resolved", "default", r)
    for r in regs["receptions"]:
        if in_period(r["date"]):
            count("reception_sessions", "default", r)
            add("reception_people", "default", r, "people")
    for r in regs["supervisions"]:
        if in_period(r["date"]):
            count("fs_count", "default", r)
            add("fs_docs", "default", r, "documents_reviewed")
            add("fs_recs", "default", r, "recommendations")
            add("fs_accepted", "default", r, "accepted")
    for r in regs["criticisms"]:
        if in_period(r["date"]):
            if r["form"] == "hoi_nghi":
                count("fc_conferences", "default", r)
            add("fc_drafts", "default", r, "drafts")
            add("fc_recs", "default", r, "recommendations")
            add("fc_accepted", "default", r, "accepted")
    return out


# elements the registers give (hand-entered values of these are ignored where a unit has records)
REGISTER_ELEMENTS = {"dialogues", "doc_count", "conf_count", "conf_people", "insp_count", "insp_orgs",
                     "insp_members", "letters_received", "letters_resolved", "reception_sessions",
                     "reception_people", "fs_count", "fs_docs", "fs_recs", "fs_accepted", "fc_conferences",
                     "fc_drafts", "fc_recs", "fc_accepted"}


# ---------------------------------------------------------------- model
class Model:
    def __init__(self, units, regs, values, elements):
        self.units = {u["code"]: u for u in units}
        self.children = {}
        for u in units:
            self.children.setdefault(u["parent_code"], []).append(u["code"])
        self.counts = {}
        for el, combo, unit, x in contributions(regs):
            key = (el, combo, unit)
            self.counts[key] = self.counts.get(key, 0.0) + x
        self.entered = {}
        for v in values:
            if v["period"] != PERIOD:
                continue
            el = elements.get(v["element"], "integer")
            x = v["value"]
            if el in ("integer", "number", "percent", "count_note"):
                try:
                    x = float(x)
                except ValueError:
                    if el != "count_note":
                        problem("values: %s %s %s: %r is not a number" % (v["element"], v["combo"], v["unit"], x))
            self.entered[(v["element"], v["combo"], v["unit"])] = x

    def subtree(self, code):
        out = [code]
        for c in self.children.get(code, []):
            out.extend(self.subtree(c))
        return out

    def cell(self, element, combo, unit):
        """records win where the unit has them, its entered value otherwise"""
        key = (element, combo, unit)
        if key in self.counts:
            return self.counts[key]
        return self.entered.get(key)

    def total(self, element, combo, units):
        nums = []
        texts = []
        for u in units:
            x = self.cell(element, combo, u)
            if x is None:
                continue
            (texts if isinstance(x, str) else nums).append(x)
        if texts:
            if nums or len(texts) > 1:
                problem("%s %s: text and numbers mixed in one cell" % (element, combo))
            return texts[0]
        return sum(nums) if nums else None

    def scope_units(self, root, scope, level=None):
        below = self.children.get(root, [])
        if scope == "self":
            return [root]
        if scope == "below":
            return list(below)
        if scope == "self_below":
            return [root] + list(below)
        if scope == "subtree":
            return self.subtree(root)
        if scope == "row":
            return [u for u in self.subtree(root) if level is None or int(self.units[u]["level"]) == level]
        raise ValueError(scope)


def compute_row(model, form, root, level=None):
    cols = form["cols"]
    vals = [None] * len(cols)

    def data(ref):
        _, el, combo, scope = ref
        return model.total(el, combo, model.scope_units(root, scope, level))

    for i, (_, b) in enumerate(cols):
        if b[0] == "data":
            vals[i] = data(b)
        elif b[0] == "pair":
            x, y = data(b[1]), data(b[2])
            vals[i] = None if x is None and y is None else "%s/%s" % (fmt(x or 0), fmt(y or 0))
    for i, (_, b) in enumerate(cols):
        if b[0] == "sum":
            parts = [vals[c - 1] for c in b[1] if vals[c - 1] is not None]
            vals[i] = sum(parts) if parts else None
    return vals


def fmt(x):
    if x is None:
        return "(blank)"
    if isinstance(x, float) and x == int(x):
        return str(int(x))
    return str(x)


def same(a, b):
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, str) or isinstance(b, str):
        return str(a) == fmt(b) or fmt(a) == str(b)
    return math.isclose(float(a), float(b))


def compare(form_code, label, got, want):
    bad = 0
    if len(got) != len(want):
        problem("%s row %s: %d cells, seed has %d" % (form_code, label, len(got), len(want)))
        return 1
    for j, (g, w) in enumerate(zip(got, want), 1):
        if same(g, w):
            continue
        key = (form_code, label, j)
        line = "%s row %r col %d: computed %s, seed %s" % (form_code, label, j, fmt(g), fmt(w))
        if key in KNOWN:
            known_hits.append("%s  [%s]" % (line, KNOWN[key]))
        else:
            problem(line)
            bad += 1
    return bad


# ---------------------------------------------------------------- checks
def check_annexes(model, forms, seed, documents):
    root = CITY
    level = int(model.units[root]["level"])
    for code in sorted(forms):
        f = forms[code]
        s = seed[code]
        # header paths
        paths = [[expand(p, level) for p in path] for path, _ in f["cols"]]
        if paths != s["columns"]:
            for j, (a, b) in enumerate(zip(paths, s["columns"]), 1):
                if a != b:
                    problem("%s header col %d: form %r, seed %r" % (code, j, " | ".join(a), " | ".join(b)))
            if len(paths) != len(s["columns"]):
                problem("%s: %d columns, seed has %d" % (code, len(paths), len(s["columns"])))
        mode = f["rows"][0]
        if mode == "self":
            compare(code, s["rows"][0]["label"], compute_row(model, f, root), s["rows"][0]["values"])
        elif mode == "levels":
            levels = sorted({int(model.units[u]["level"]) for u in model.subtree(root)})
            rows = [compute_row(model, f, root, lv) for lv in levels]
            # total row: the whole subtree
            rows.append(compute_row(model, f, root, None))
            if len(rows) != len(s["rows"]):
                problem("%s: %d rows, seed has %d" % (code, len(rows), len(s["rows"])))
            for got, want in zip(rows, s["rows"]):
                compare(code, want["label"], got, want["values"])
        elif mode == "list":
            check_list(code, f, s, documents)


def fmt_date_vn(d):
    return "%02d/%02d/%04d" % (d.day, d.month, d.year)


def check_list(code, form, seed, documents):
    docs = []
    for d in documents:
        if d["unit"] != CITY or d["issued_by"] != "cap_uy":
            continue
        day = datetime.date.fromisoformat(d["date"])
        if d["period"] == PERIOD or (d["period"] == "" and P_FIRST <= day <= P_LAST):
            docs.append(d)
    unpadded = []
    if len(docs) != len(seed["rows"]):
        problem("%s: %d documents in the period, seed lists %d" % (code, len(docs), len(seed["rows"])))
    for i, (d, want) in enumerate(zip(docs, seed["rows"]), 1):
        day = datetime.date.fromisoformat(d["date"])
        got = [i, "%s số %s" % (KIND_NAMES[d["kind"]], d["symbol"]), d["summary"], fmt_date_vn(day)]
        w = list(want["values"])
        # dates: compare the day, note the printing
        wd, wm, wy = (int(p) for p in w[3].split("/"))
        if datetime.date(wy, wm, wd) == day:
            if w[3] != got[3]:
                unpadded.append(want["label"])
            w[3] = got[3]
        compare(code, want["label"], got, w)
    if unpadded:
        known_hits.append("%s col 4 rows %s: same day, but the seed prints it without leading zeros "
                          "(e.g. 6/12/2022 for 06/12/2022)" % (code, ",".join(unpadded)))


def check_files(units, regs, values, shared, forms, elements):
    # units: the rows of Hải Phòng in the source, in its order
    with open(os.path.join(shared, "data", "vn-admin", "units-2024.csv"), encoding="utf-8", newline="") as f:
        src = list(csv.DictReader(f))
    dist = {r["code"] for r in src if r["parent_code"] == CITY}
    want = [r for r in src if r["code"] == CITY or r["parent_code"] == CITY or r["parent_code"] in dist]
    if units != want:
        problem("units.csv differs from the source rows of unit 31 (%d rows, want %d)" % (len(units), len(want)))
    codes = {u["code"]: u for u in units}
    first, last = datetime.date(2023, 1, 3), datetime.date(2023, 6, 28)

    def day_of(where, text, lo=first, hi=last):
        try:
            d = datetime.date.fromisoformat(text)
        except ValueError:
            problem("%s: bad date %r" % (where, text))
            return None
        if lo and not lo <= d <= hi:
            problem("%s: date %s outside %s..%s" % (where, text, lo, hi))
        return d

    def unit_of(where, r, levels="123"):
        u = codes.get(r["unit"])
        if u is None:
            problem("%s: unknown unit %s" % (where, r["unit"]))
        elif u["level"] not in levels:
            problem("%s: unit %s is at level %s, want %s" % (where, r["unit"], u["level"], "/".join(levels)))
        return u

    def number(where, r, field, lo=0, empty=False):
        x = r[field]
        if x == "" and empty:
            return None
        if not x.isdigit() or int(x) < lo:
            problem("%s: %s %r (want an integer >= %d%s)" % (where, field, x, lo, ", or empty" if empty else ""))
            return None
        return int(x)

    def text(where, r, field):
        if not r[field].strip():
            problem("%s: empty %s" % (where, field))

    # dialogues
    dialogues = regs["dialogues"]
    if len(dialogues) != 196:
        problem("dialogues.csv: %d records, want 196" % len(dialogues))
    for i, d in enumerate(dialogues, 2):
        where = "dialogues.csv:%d" % i
        day_of(where, d["date"])
        unit_of(where, d)
        if d["type"] not in DLG_TYPES or d["chair"] not in DLG_CHAIRS:
            problem("%s: type/chair %s/%s" % (where, d["type"], d["chair"]))
        if not (d["participants"].isdigit() and 20 <= int(d["participants"]) <= 300):
            problem("%s: participants %r" % (where, d["participants"]))
        for k in ("title", "issues", "conclusions"):
            text(where, d, k)
    spread = {lv: len({d["unit"] for d in dialogues if codes.get(d["unit"], {}).get("level") == lv}) for lv in "123"}
    dlg_units = {(d["unit"], d["type"] + "." + d["chair"]) for d in dialogues}

    # values: known element/combo pairs, period, unit, number shape; none that the registers give
    used = set()
    for f in forms.values():
        for _, b in f["cols"]:
            for r in ([b] if b[0] == "data" else [b[1], b[2]] if b[0] == "pair" else []):
                used.add((r[1], r[2]))
    seen = set()
    per = {}
    for i, v in enumerate(values, 2):
        where = "values.csv:%d" % i
        key = (v["element"], v["combo"], v["unit"], v["period"])
        if key in seen:
            problem("%s: duplicate %r" % (where, key))
        seen.add(key)
        if (v["element"], v["combo"]) not in used:
            problem("%s: %s %s is not used by any form" % (where, v["element"], v["combo"]))
        if v["element"] == "dialogues":
            if (v["unit"], v["combo"]) in dlg_units:
                problem("%s: dialogues %s of unit %s entered by hand, but the unit has records"
                        % (where, v["combo"], v["unit"]))
        elif v["element"] in REGISTER_ELEMENTS:
            problem("%s: %s is counted from a register, not entered" % (where, v["element"]))
        if v["period"] != PERIOD:
            problem("%s: period %s" % (where, v["period"]))
        if v["unit"] not in codes:
            problem("%s: unknown unit %s" % (where, v["unit"]))
        if v["value"] == "":
            problem("%s: empty value" % where)
        t = elements.get(v["element"])
        if t == "integer" and not v["value"].isdigit():
            problem("%s: %s wants a non-negative integer, got %r" % (where, v["element"], v["value"]))
        if t in ("text", "count_note") and not v["value"].isdigit() and v["unit"] != CITY:
            problem("%s: text outside the city" % where)
        if v["value"].isdigit():
            per[(v["element"], v["combo"], v["unit"])] = int(v["value"])
    for u in codes:
        fields = sum(x for (el, c, uu), x in per.items() if el == "models_by_field" and uu == u)
        if fields != per.get(("models_registered", "default", u), 0):
            problem("unit %s: models_registered %d != sum of models_by_field %d"
                    % (u, per.get(("models_registered", "default", u), 0), fields))

    # documents: symbol as written, kind from it, issuer part by unit and issuer, unique per issuing
    # unit, numbers rising with the date per kind; the Ban Dân vận's with exactly one field
    symbols = set()
    series = {}
    n_commune = 0
    for i, d in enumerate(regs["documents"], 2):
        where = "documents.csv:%d" % i
        u = unit_of(where, d)
        if d["issued_by"] not in BY:
            problem("%s: issued_by %r" % (where, d["issued_by"]))
        day = day_of(where, d["date"], None)
        if day and not d["period"] and not first <= day <= last:
            problem("%s: date %s outside 2023-01-03..2023-06-28 and no period" % (where, d["date"]))
        if d["period"] not in ("", PERIOD):
            problem("%s: period %r" % (where, d["period"]))
        m = re.match(r"^(\d+)-([A-Za-zĐ]+)/([A-ZĐ]+)$", d["symbol"])
        if d["kind"] not in KIND_NAMES:
            problem("%s: kind %r" % (where, d["kind"]))
        elif not m or m.group(2).replace("Đ", "D") != d["kind"]:
            problem("%s: kind %s does not match symbol %s" % (where, d["kind"], d["symbol"]))
        elif not d["summary"].startswith(KIND_NAMES[d["kind"]] + " "):
            problem("%s: summary does not begin with %r" % (where, KIND_NAMES[d["kind"]]))
        if m and u:
            lvl = u["level"]
            base = "TU" if lvl == "1" else {"Quận": "QU", "Huyện": "HU"}.get(u["type"], "TU") if lvl == "2" else "ĐU"
            want_sfx = {("BDV" + base) if d["issued_by"] == "ban_dan_van" else base}
            if lvl == "1" and d["issued_by"] == "cap_uy":
                want_sfx.add("BCĐ")  # the city's steering committee (two documents of Biểu 4)
            if m.group(3) not in want_sfx:
                problem("%s: symbol %s, want /%s for %s %s" % (where, d["symbol"], "|".join(sorted(want_sfx)),
                                                                d["issued_by"], u["name"]))
            if (d["unit"], d["symbol"]) in symbols:
                problem("%s: symbol %s used twice by unit %s" % (where, d["symbol"], d["unit"]))
            symbols.add((d["unit"], d["symbol"]))
            if day and not d["period"]:
                series.setdefault((d["unit"], m.group(2), m.group(3)), []).append((day, int(m.group(1)), where))
        fields = d["fields"].split(";") if d["fields"] else []
        if not fields or not set(fields) <= DOC_FIELDS or len(set(fields)) != len(fields):
            problem("%s: fields %r" % (where, d["fields"]))
        if d["issued_by"] == "ban_dan_van":
            if len(fields) != 1 or fields[0] not in BDV_FIELDS:
                problem("%s: a Ban Dân vận document wants exactly one of %s, got %r"
                        % (where, ", ".join(BDV_FIELDS), d["fields"]))
            if u and u["level"] == "3":
                problem("%s: a Ban Dân vận document of a commune" % where)
        text(where, d, "summary")
        if u and u["level"] == "3" and d["issued_by"] == "cap_uy" and doc_in_period(d):
            n_commune += 1
    for docs in series.values():
        docs.sort()
        for (d0, n0, _), (d1, n1, w1) in zip(docs, docs[1:]):
            if n1 <= n0 and d1 > d0:
                problem("%s: number %d dated %s, after number %d of the same series dated %s" % (w1, n1, d1, n0, d0))
    if n_commune != COMMUNE_DOCS:
        problem("documents.csv: %d documents of commune committees in %s, the seed's footnote 3 says %d"
                % (n_commune, PERIOD, COMMUNE_DOCS))

    # conferences
    for i, r in enumerate(regs["conferences"], 2):
        where = "conferences.csv:%d" % i
        day_of(where, r["date"])
        u = unit_of(where, r)
        if r["chaired_by"] not in BY:
            problem("%s: chaired_by %r" % (where, r["chaired_by"]))
        elif r["chaired_by"] == "ban_dan_van" and u and u["level"] == "3":
            problem("%s: a Ban Dân vận conference at a commune" % where)
        text(where, r, "title")
        number(where, r, "participants", 1)

    # inspections
    for i, r in enumerate(regs["inspections"], 2):
        where = "inspections.csv:%d" % i
        day_of(where, r["date"])
        unit_of(where, r)
        if r["kind"] not in ("kiem_tra", "giam_sat"):
            problem("%s: kind %r" % (where, r["kind"]))
        if r["conducted_by"] not in BY:
            problem("%s: conducted_by %r" % (where, r["conducted_by"]))
        text(where, r, "subject")
        number(where, r, "party_orgs", 1)
        number(where, r, "party_members", 0)

    # letters: resolution after receipt, within the period; the sender is invented
    for i, r in enumerate(regs["letters"], 2):
        where = "letters.csv:%d" % i
        got = day_of(where, r["received"])
        unit_of(where, r, "12")
        if r["kind"] not in ("khieu_nai", "to_cao", "kien_nghi", "phan_anh"):
            problem("%s: kind %r" % (where, r["kind"]))
        if r["eligible"] not in ("yes", "no"):
            problem("%s: eligible %r" % (where, r["eligible"]))
        if r["status"] not in ("received", "classified", "handling", "resolved", "transferred", "archived"):
            problem("%s: status %r" % (where, r["status"]))
        if (r["status"] == "resolved") != (r["resolved"] != ""):
            problem("%s: status %s with resolved %r" % (where, r["status"], r["resolved"]))
        if r["resolved"]:
            done = day_of(where, r["resolved"], P_FIRST, P_LAST)
            if got and done and done < got:
                problem("%s: resolved %s before received %s" % (where, r["resolved"], r["received"]))
        if not re.match(r"^\S+( \S+)+ [A-Z]\d+$", r["sender_name"]):
            problem("%s: sender_name %r is not an obviously invented name" % (where, r["sender_name"]))
        if not r["sender_address"].endswith("(địa chỉ giả định)"):
            problem("%s: sender_address %r is not marked as invented" % (where, r["sender_address"]))

    # receptions
    seen = set()
    for i, r in enumerate(regs["receptions"], 2):
        where = "receptions.csv:%d" % i
        day_of(where, r["date"])
        unit_of(where, r, "12")
        number(where, r, "people", 1)
        if (r["unit"], r["date"]) in seen:
            problem("%s: two sessions of unit %s on %s" % (where, r["unit"], r["date"]))
        seen.add((r["unit"], r["date"]))

    # Front supervision and social criticism: accepted <= recommendations
    for i, r in enumerate(regs["supervisions"], 2):
        where = "supervisions.csv:%d" % i
        day_of(where, r["date"])
        unit_of(where, r)
        text(where, r, "subject")
        number(where, r, "documents_reviewed", 0, True)
        a, b = number(where, r, "accepted", 0, True), number(where, r, "recommendations", 0, True)
        if a is not None and b is not None and a > b:
            problem("%s: accepted %d > recommendations %d" % (where, a, b))
    for i, r in enumerate(regs["criticisms"], 2):
        where = "criticisms.csv:%d" % i
        day_of(where, r["date"])
        unit_of(where, r)
        if r["form"] == "hoi_nghi":
            if r["drafts"] != "":
                problem("%s: a criticism conference with drafts %r" % (where, r["drafts"]))
        elif r["form"] == "gui_du_thao":
            number(where, r, "drafts", 1)
        else:
            problem("%s: form %r" % (where, r["form"]))
        a, b = number(where, r, "accepted", 0, True), number(where, r, "recommendations", 0, True)
        if a is not None and b is not None and a > b:
            problem("%s: accepted %d > recommendations %d" % (where, a, b))
    return spread


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    a = ap.parse_args(argv)

    with open(os.path.join(a.shared, "data", "seed-annexes", "004-annexes.json"), encoding="utf-8") as f:
        seed = json.load(f)
    elements = {}
    with open(os.path.join(ROOT, "forms", "elements.txt"), encoding="utf-8") as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                p = line.split()
                elements[p[0]] = p[1]
    forms = parse_forms(os.path.join(ROOT, "forms"))

    files = {name: read_csv(os.path.join(HERE, name + ".csv"), header) for name, header in HEADERS.items()}
    units, values = files["units"], files["values"]
    regs = {k: v for k, v in files.items() if k not in ("units", "values")}

    spread = check_files(units, regs, values, a.shared, forms, elements)
    model = Model(units, regs, values, elements)
    check_annexes(model, forms, seed, regs["documents"])

    # cross-check: Biểu 1 documents of the city = the Biểu 4 list
    n4 = sum(1 for d in regs["documents"] if d["unit"] == CITY and d["issued_by"] == "cap_uy" and doc_in_period(d))
    n1 = model.cell("doc_count", "cap_uy", CITY)
    if n1 != n4:
        problem("Biểu 1 doc_count cap_uy of the city is %s, Biểu 4 lists %d documents" % (fmt(n1), n4))

    print("demo: " + ", ".join("%s %d" % (name, len(rows)) for name, rows in files.items())
          + " (dialogues in %d districts, %d communes)" % (spread["2"], spread["3"]))
    for k in known_hits:
        print("KNOWN   " + k)
    for p in problems:
        print("MISMATCH " + p)
    print("%d mismatches, %d known seed differences" % (len(problems), len(known_hits)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
