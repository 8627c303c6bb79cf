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
sys.path.insert(0, HERE)
from seed_corrections import correct  # noqa: E402  the seed's mistyped words, corrected in the demo
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
    "models": ["name", "unit", "kind", "field", "areas", "year", "status", "press_items", "exemplary", "person_name",
               "position", "goals", "results", "commend_level"],
    "establishments": ["name", "religion", "unit", "uses_land", "status", "dossier_on", "certificate_on", "notes"],
    "conclusions": ["dialogue_date", "dialogue_unit", "content", "responsible_unit", "due", "status", "done_date",
                    "result"],
}
# footnote 3 of the seed: "các đảng ủy xã, phường, thị trấn đã ban hành 1.718 văn bản"
COMMUNE_DOCS = 1718

problems = []
known_hits = []
infos = []


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
    # {board}: the Party's board of dân vận by the period's name; in 2023 "Ban Dân vận"
    # (from 01/07/2025 "Ban Tuyên giáo và Dân vận")
    return re.sub(r"\{(cap|short)\+(\d+)\}", rep, text).replace("{board}", "Ban Dân vận")


# ---------------------------------------------------------------- register rules
# REGISTER RULES: what every record counts into, as this checker understands the
# registers (docs/registers.md). (register, element, combo, value field for a sum (None: a
# count), condition (field, values) or None, date field (None: the register's date)).
# `{f}` in a combo is the record's field f; a set field (a;b) counts once per member.
# main() compares this table with the count / sum / text lines of registers/*.reg.
RULES = [
    ("dialogues", "dialogues", "{type}.{chair}", None, None, None),
    ("documents", "doc_count", "cap_uy", None, ("issued_by", {"cap_uy"}), None),
    ("documents", "doc_count", "ban_dan_van", None, ("issued_by", {"ban_dan_van"}), None),
    ("documents", "doc_count", "ban_dan_van.{fields}", None, ("issued_by", {"ban_dan_van"}), None),
    ("conferences", "conf_count", "{chaired_by}", None, None, None),
    ("conferences", "conf_people", "{chaired_by}", "participants", None, None),
    ("inspections", "insp_count", "{conducted_by}.{kind}", None, None, None),
    ("inspections", "insp_orgs", "{conducted_by}.{kind}", "party_orgs", None, None),
    ("inspections", "insp_members", "{conducted_by}.{kind}", "party_members", None, None),
    ("letters", "letters_received", "default", None, None, None),
    ("letters", "letters_resolved", "default", None, None, "resolved"),
    ("receptions", "reception_sessions", "default", None, None, None),
    ("receptions", "reception_people", "default", "people", None, None),
    ("supervisions", "fs_count", "default", None, None, None),
    ("supervisions", "fs_docs", "default", "documents_reviewed", None, None),
    ("supervisions", "fs_recs", "default", "recommendations", None, None),
    ("supervisions", "fs_accepted", "default", "accepted", None, None),
    ("criticisms", "fc_conferences", "default", None, ("form", {"hoi_nghi"}), None),
    ("criticisms", "fc_drafts", "default", "drafts", ("form", {"gui_du_thao"}), None),
    ("criticisms", "fc_recs", "default", "recommendations", None, None),
    ("criticisms", "fc_accepted", "default", "accepted", None, None),
    # Biểu 3: a model counts in the year it is registered for (from 1 January)
    ("models", "models_registered", "default", None, None, None),
    ("models", "models_by_field", "{field}.{kind}", None, None, None),
    ("models", "models_recognised", "{kind}", None, ("status", {"recognised", "commended"}), None),
    ("models", "models_commended", "{kind}", None, ("status", {"commended"}), None),
    ("models", "press_items", "default", "press_items", None, None),
    ("models", "models_area", "{areas}", None, None, None),
]
# text cells listed from records where the unit wrote none: (register, element, field, condition)
TEXT_RULES = [("models", "models_exemplary", "name", ("exemplary", {"yes"}))]
# the date of each register that counts (registers of state have none)
REGISTER_DATE = {"dialogues": "date", "documents": "date", "conferences": "date", "inspections": "date",
                 "letters": "received", "receptions": "date", "supervisions": "date", "criticisms": "date",
                 "models": "year", "conclusions": "due"}
REGISTER_PERIOD = {"documents": "period"}  # a record's own period, where set, wins over its date


def in_period(text):
    """A date field (or a year: from its 1 January): is it in 2023S1 (empty or bad: no)."""
    if re.fullmatch(r"\d{4}", text or ""):
        text = text + "-01-01"
    try:
        return P_FIRST <= datetime.date.fromisoformat(text) <= P_LAST
    except ValueError:
        return False


def doc_in_period(d):
    return d["period"] == PERIOD if d["period"] else in_period(d["date"])


def record_in_period(reg, r, date_field=None):
    pf = REGISTER_PERIOD.get(reg)
    if date_field is None and pf and r[pf]:
        return r[pf] == PERIOD
    return in_period(r[date_field or REGISTER_DATE[reg]])


def expand_combo(template, r):
    out = [""]
    for lit, field in re.findall(r"([^{]*)(?:\{(\w+)\})?", template):
        out = [o + lit for o in out]
        if field:
            parts = r[field].split(";") if r[field] else []
            out = [o + p for o in out for p in parts]
    return out


def matches(cond, r):
    return cond is None or r[cond[0]] in cond[1]


def contributions(regs):
    """(element, combo, unit, value) for every record of 2023S1, by RULES.
    A count adds 1; a sum adds the field, nothing when it is empty."""
    out = []
    for reg, el, combo, value, cond, date in RULES:
        for r in regs.get(reg, []):
            if not matches(cond, r) or not record_in_period(reg, r, date):
                continue
            if value is not None and r[value] == "":
                continue
            x = 1.0 if value is None else float(r[value])
            for c in expand_combo(combo, r):
                out.append((el, c, r["unit"], x))
    return out


def parse_register_rules(regdir):
    """The count / sum / text lines of registers/*.reg, in RULES' shape."""
    rules, texts, dates = set(), set(), {}
    for name in sorted(os.listdir(regdir)):
        if not name.endswith(".reg"):
            continue
        reg = None
        with open(os.path.join(regdir, name), encoding="utf-8") as f:
            for line in f:
                tok = line.split()
                if not tok or tok[0].startswith("#"):
                    continue
                if tok[0] == "register":
                    reg = tok[1]
                elif tok[0] == "date":
                    dates[reg] = tok[1]
                elif tok[0] in ("count", "sum", "text"):
                    need = 3 if tok[0] == "sum" else 2
                    head, opts = tok[1:need + 1], tok[need + 1:]
                    cond, on = None, None
                    for k in range(0, len(opts) - 1, 2):
                        if opts[k] == "when":
                            fld, _, vals = opts[k + 1].partition("=")
                            cond = (fld, frozenset(vals.split("|")))
                        elif opts[k] == "on":
                            on = opts[k + 1]
                    if tok[0] == "count":
                        rules.add((reg, head[0], head[1], None, cond, on))
                    elif tok[0] == "sum":
                        rules.add((reg, head[0], head[2], head[1], cond, on))
                    else:
                        texts.add((reg, head[0], head[1], cond))
    return rules, texts, dates


# registers the 2023S1 demo holds no records of (the recommendations itemised one by one,
# issue 11): their rules count nothing here; the checker makes sure no such file exists
NO_DEMO_RECORDS = ("supervision_recs", "criticism_recs")


def check_rules_against_registers(regdir):
    rules, texts, dates = parse_register_rules(regdir)
    for reg in NO_DEMO_RECORDS:
        if os.path.exists(os.path.join(HERE, reg + ".csv")):
            problem("demo/%s.csv exists: this checker does not count its records" % reg)
    rules = {r for r in rules if r[0] not in NO_DEMO_RECORDS}
    mine = {(a, b, c, d, (e[0], frozenset(e[1])) if e else None, f) for a, b, c, d, e, f in RULES}
    my_texts = {(a, b, c, (d[0], frozenset(d[1])) if d else None) for a, b, c, d in TEXT_RULES}
    for r in sorted(rules - mine, key=str):
        problem("registers/%s.reg counts %s %s%s, a rule this checker does not apply" % (r[0], r[1], r[2],
                " (sum of %s)" % r[3] if r[3] else ""))
    for r in sorted(mine - rules, key=str):
        problem("this checker counts %s %s from %s, registers/%s.reg does not" % (r[1], r[2], r[0], r[0]))
    for r in sorted(texts ^ my_texts, key=str):
        problem("text rule %s %s differs between registers/%s.reg and this checker" % (r[1], r[2], r[0]))
    for reg, d in REGISTER_DATE.items():
        if dates.get(reg) != d:
            problem("registers/%s.reg: date %s, this checker assumes %s" % (reg, dates.get(reg), d))


# elements the registers give
REGISTER_ELEMENTS = {r[1] for r in RULES}
# ... and of those, the ones a unit without records may still enter by hand (the seed's zeros
# of Biểu 5; the note in place of "recognised" and the commended counts of Biểu 3, see README)
ENTERED_FALLBACK = {"dialogues", "models_recognised", "models_commended"}


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
        self.regs = regs
        self.text_rules = {t[1]: t for t in TEXT_RULES}

    def listed(self, element, unit):
        """A text cell from records: the field of the matching records of the unit's subtree
        in the period, "; "-joined (the order is the engine's; not compared here)."""
        reg, _, field, cond = self.text_rules[element]
        sub = set(self.subtree(unit))
        names = [r[field] for r in self.regs.get(reg, []) if r["unit"] in sub and matches(cond, r)
                 and record_in_period(reg, r)]
        return "; ".join(names) if names else None

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
        if key not in self.entered and element in self.text_rules:
            return self.listed(element, unit)  # the unit's own text wins over the list
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


def check_files(units, regs, values, shared, forms, elements, seed):
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

    # values: known element/combo pairs, period, unit, number shape; none that the registers give
    used = set()
    for f in forms.values():
        for _, b in f["cols"]:
            for r in ([b] if b[0] == "data" else [b[1], b[2]] if b[0] == "pair" else []):
                used.add((r[1], r[2]))
    seen = set()
    counted = {(el, combo, unit) for el, combo, unit, _ in contributions(regs)}
    for i, v in enumerate(values, 2):
        where = "values.csv:%d" % i
        key = (v["element"], v["combo"], v["unit"], v["period"])
        if key in seen:
            problem("%s: duplicate %r" % (where, key))
        seen.add(key)
        if (v["element"], v["combo"]) not in used:
            problem("%s: %s %s is not used by any form" % (where, v["element"], v["combo"]))
        if v["element"] in ENTERED_FALLBACK:
            if (v["element"], v["combo"], v["unit"]) in counted:
                problem("%s: %s %s of unit %s entered by hand, but the unit has records"
                        % (where, v["element"], v["combo"], v["unit"]))
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
    check_issue4(units, regs, seed, day_of)
    return spread


# ---------------------------------------------------------------- the registers of issue 4
MODEL_KINDS = ("tap_the", "ca_nhan")
MODEL_FIELDS = ("kinh_te", "van_hoa_xa_hoi", "quoc_phong_an_ninh", "xay_dung_dang")
MODEL_AREAS = ("nong_thon_moi", "do_thi", "chuyen_doi_so", "khac")
MODEL_STATUS = ("registered", "appraising", "recognised", "not_recognised", "commended")
EST_STATUS = ("none", "dossier", "certificate")
EST_WORDS = ("Chùa ", "Tịnh xá ", "Niệm Phật đường ", "Nhà thờ ", "Nhà nguyện ", "Điểm nhóm ", "Thánh thất ",
             "Điểm sinh hoạt ")
CONCL_STATUS = ("open", "in_progress", "done")
AS_OF = datetime.date(2023, 6, 30)  # the registers of state as of the end of the period
YEAR_END = datetime.date(2023, 12, 31)
# where the seed's exemplary models are (Biểu 3, last cell): title -> (who, where)
#   who: text the model's name must contain (None: any); where: "31" the city itself,
#   a list of districts = one in each of their subtrees, "quan" = in quận, "huyen_xa" = in
#   communes (xã) of at least two huyện
EXEMPLARY_PLACES = {
    "Chuyển đổi số": ("Sở Giao thông Vận tải", "31"),
    "Phân loại rác thải": ("quận Ngô Quyền", ["304"]),
    "Tổ liên gia an toàn phòng cháy, chữa cháy": (None, ["303", "304", "311"]),
    "Sân chơi cộng đồng": (None, "quan"),
    "Thư viện cộng đồng": (None, "quan"),
    "Hiến đất làm đường xây dựng xã nông thôn mới kiểu mẫu": (None, "huyen_xa"),
    "Mẹ đỡ đầu": ("Hội Liên hiệp phụ nữ thành phố", "31"),
}


def info(msg):
    infos.append(msg)


def check_issue4(units, regs, seed, parse_day):
    codes = {u["code"]: u for u in units}
    children = {}
    for u in units:
        children.setdefault(u["parent_code"], []).append(u["code"])

    def subtree(code):
        out = [code]
        for c in children.get(code, []):
            out.extend(subtree(c))
        return out

    def district_of(code):
        while codes[code]["level"] not in ("1", "2"):
            code = codes[code]["parent_code"]
        return code

    # ---- models
    models = regs["models"]
    x3 = seed["bieu-3"]["rows"][0]["values"]
    if len(models) != x3[0]:
        problem("models.csv: %d records, Biểu 3 says %d registered" % (len(models), x3[0]))
    names = set()
    for i, m in enumerate(models, 2):
        where = "models.csv:%d" % i
        u = codes.get(m["unit"])
        if u is None:
            problem("%s: unknown unit %s" % (where, m["unit"]))
        if not m["name"].strip():
            problem("%s: empty name" % where)
        if (m["unit"], m["name"]) in names:
            problem("%s: model %r twice at unit %s" % (where, m["name"], m["unit"]))
        names.add((m["unit"], m["name"]))
        if m["kind"] not in MODEL_KINDS:
            problem("%s: kind %r" % (where, m["kind"]))
        if m["field"] not in MODEL_FIELDS:
            problem("%s: field %r" % (where, m["field"]))
        areas = m["areas"].split(";") if m["areas"] else []
        if not set(areas) <= set(MODEL_AREAS) or len(set(areas)) != len(areas):
            problem("%s: areas %r" % (where, m["areas"]))
        if u and "nong_thon_moi" in areas and u["type"] in ("Phường", "Quận"):
            problem("%s: nông thôn mới in %s" % (where, u["name"]))
        if m["year"] != "2023":
            problem("%s: year %r, the demo registers for 2023" % (where, m["year"]))
        if m["status"] not in MODEL_STATUS:
            problem("%s: status %r" % (where, m["status"]))
        elif m["status"] not in ("registered", "appraising"):
            # recognition is at the end of the year (the seed's note); see README
            problem("%s: status %s in the first half-year" % (where, m["status"]))
        if m["status"] == "appraising" and m["unit"] == CITY:
            problem("%s: a city model under appraisal, but there is no unit above the city" % where)
        if m["press_items"] and not m["press_items"].isdigit():
            problem("%s: press_items %r" % (where, m["press_items"]))
        if m["exemplary"] not in ("yes", "no"):
            problem("%s: exemplary %r" % (where, m["exemplary"]))
        if m["kind"] == "ca_nhan":
            if not re.match(r"^\S+( \S+)+ [A-Z]\d+$", m["person_name"]):
                problem("%s: person_name %r is not an obviously invented name" % (where, m["person_name"]))
            if not m["position"].strip():
                problem("%s: an individual model without a position" % where)
        elif m["person_name"] or m["position"]:
            problem("%s: a collective model with a person" % where)
        if not m["goals"].strip() or not m["results"].strip():
            problem("%s: goals and results are stated at registration" % where)
        if m["commend_level"] and m["status"] != "commended":
            problem("%s: commend_level without commendation" % where)
    # the seed's exemplary models, where the seed puts them
    titles = re.findall(r"“([^”]+)”", x3[14] or "")
    if sorted(set(titles)) != sorted(EXEMPLARY_PLACES):
        problem("Biểu 3: the seed names the exemplary models %s, the checker expects %s"
                % (sorted(set(titles)), sorted(EXEMPLARY_PLACES)))
    flagged = [m for m in models if m["exemplary"] == "yes"]
    for m in flagged:
        if not any("“%s”" % t in m["name"] for t in EXEMPLARY_PLACES):
            problem("models.csv: %r is flagged exemplary, but the seed does not name it" % m["name"])
    for t, (who, place) in EXEMPLARY_PLACES.items():
        ms = [m for m in flagged if "“%s”" % t in m["name"] and (who is None or who.lower() in m["name"].lower())]
        if not ms:
            problem("models.csv: no exemplary model “%s”%s" % (t, " of " + who if who else ""))
            continue
        if place == CITY:
            bad = [m for m in ms if m["unit"] != CITY]
        elif place == "quan":
            bad = [m for m in ms if codes[district_of(m["unit"])]["type"] != "Quận"]
        elif place == "huyen_xa":
            bad = [m for m in ms if codes[m["unit"]]["type"] != "Xã"
                   or codes[district_of(m["unit"])]["type"] != "Huyện"]
            if len({district_of(m["unit"]) for m in ms}) < 2:
                problem("models.csv: “%s” in fewer than two huyện" % t)
        else:
            bad = [m for m in ms if district_of(m["unit"]) not in place]
            for d in place:
                if not any(district_of(m["unit"]) == d for m in ms):
                    problem("models.csv: no exemplary “%s” in %s" % (t, codes[d]["name"]))
        for m in bad:
            problem("models.csv: exemplary “%s” at %s, not where the seed puts it" % (t, codes[m["unit"]]["name"]))
    # "mỗi xã ít nhất 03 mô hình": true for most communes (xã), not all
    xa = [c for c, u in codes.items() if u["type"] == "Xã"]
    n_all = {c: 0 for c in xa}
    n_ntm = {c: 0 for c in xa}
    for m in models:
        if m["unit"] in n_all:
            n_all[m["unit"]] += 1
            n_ntm[m["unit"]] += "nong_thon_moi" in m["areas"].split(";")
    for label, n in (("models", n_all), ("models in nông thôn mới", n_ntm)):
        k = sum(1 for c in xa if n[c] >= 3)
        info("models: %d of %d xã have at least 3 %s" % (k, len(xa), label))
        if not len(xa) / 2 < k < len(xa):
            problem("models.csv: %d of %d xã have at least 3 %s; the demo wants most, not all" % (k, len(xa), label))
    status = {}
    for m in models:
        status[m["status"]] = status.get(m["status"], 0) + 1
    press = [m["press_items"] for m in models]
    info("models: %d; status %s; press items %d over %d models (%d an explicit 0, %d empty); %d exemplary"
         % (len(models), ", ".join("%s %d" % kv for kv in sorted(status.items())),
            sum(int(p) for p in press if p), sum(1 for p in press if p and p != "0"), press.count("0"),
            press.count(""), len(flagged)))
    # indicator models_coverage --area nong_thon_moi --min 3 --level 3 for unit 31 (all level-3 units)
    lv3 = [c for c, u in codes.items() if u["level"] == "3"]
    ntm = {}
    for m in models:
        if m["year"] == "2023" and "nong_thon_moi" in m["areas"].split(";"):
            ntm[m["unit"]] = ntm.get(m["unit"], 0) + 1
    num = sum(1 for c in lv3 if ntm.get(c, 0) >= 3)
    info("indicator models_coverage nong_thon_moi min 3 level 3, unit 31, 2023: %d / %d = %.1f%%"
         % (num, len(lv3), 100.0 * num / len(lv3)))

    # ---- religious establishments
    ests = regs["establishments"]
    if len(ests) != 239:
        problem("establishments.csv: %d records, want 239" % len(ests))
    seen = set()
    for i, e in enumerate(ests, 2):
        where = "establishments.csv:%d" % i
        u = codes.get(e["unit"])
        if u is None or u["level"] != "3":
            problem("%s: unit %s is not a commune" % (where, e["unit"]))
        if not e["name"].startswith(EST_WORDS):
            problem("%s: %r does not name an institution (%s…)" % (where, e["name"], ", ".join(EST_WORDS)))
        if (e["unit"], e["name"]) in seen:
            problem("%s: %r twice in unit %s" % (where, e["name"], e["unit"]))
        seen.add((e["unit"], e["name"]))
        if not e["religion"].strip():
            problem("%s: empty religion" % where)
        if e["uses_land"] not in ("yes", "no"):
            problem("%s: uses_land %r" % (where, e["uses_land"]))
        if e["status"] not in EST_STATUS:
            problem("%s: status %r" % (where, e["status"]))
        if e["uses_land"] == "no" and e["status"] != "none":
            problem("%s: a land dossier for an establishment that uses no land" % where)
        days = {}
        for f in ("dossier_on", "certificate_on"):
            if e[f]:
                days[f] = parse_day("%s %s" % (where, f), e[f], datetime.date(2019, 1, 1), AS_OF)
        want = {"none": set(), "dossier": {"dossier_on"}, "certificate": {"dossier_on", "certificate_on"}}
        if e["status"] in want and {f for f in ("dossier_on", "certificate_on") if e[f]} != want[e["status"]]:
            problem("%s: status %s with dossier_on %r, certificate_on %r"
                    % (where, e["status"], e["dossier_on"], e["certificate_on"]))
        if days.get("dossier_on") and days.get("certificate_on") and days["certificate_on"] < days["dossier_on"]:
            problem("%s: certificate_on %s before dossier_on %s" % (where, e["certificate_on"], e["dossier_on"]))
    land = [e for e in ests if e["uses_land"] == "yes"]
    n_d = sum(1 for e in land if e["status"] in ("dossier", "certificate"))
    n_c = sum(1 for e in land if e["status"] == "certificate")
    rel = {}
    for e in ests:
        rel[e["religion"]] = rel.get(e["religion"], 0) + 1
    info("establishments: %d in %d communes (%s); %d use land: none %d, dossier %d, certificate %d"
         % (len(ests), len({e["unit"] for e in ests}), ", ".join("%s %d" % kv for kv in sorted(rel.items())),
            len(land), len(land) - n_d, n_d - n_c, n_c))
    info("indicator establishments_dossier, unit 31: %d / %d = %.1f%%; establishments_certificate: %d / %d = %.1f%%"
         % (n_d, len(land), 100.0 * n_d / len(land), n_c, len(land), 100.0 * n_c / len(land)))
    if not (30 <= 100.0 * n_d / len(land) <= 50 and 10 <= 100.0 * n_c / len(land) <= 20):
        problem("establishments.csv: dossier %.1f%%, certificate %.1f%% of the land-using ones; the demo wants "
                "the 2023 targets met plausibly (30-50%%, 10-20%%)" % (100.0 * n_d / len(land), 100.0 * n_c / len(land)))

    # ---- dialogue conclusions
    concl = regs["conclusions"]
    dialogues = {}
    for d in regs["dialogues"]:
        dialogues.setdefault((d["date"], d["unit"]), []).append(d)
    per = {}
    for i, c in enumerate(concl, 2):
        where = "conclusions.csv:%d" % i
        key = (c["dialogue_date"], c["dialogue_unit"])
        if key not in dialogues:
            problem("%s: no dialogue of unit %s on %s" % (where, c["dialogue_unit"], c["dialogue_date"]))
            continue
        per[key] = per.get(key, 0) + 1
        day = parse_day(where, c["dialogue_date"])
        if not c["content"].strip():
            problem("%s: empty content" % where)
        if c["responsible_unit"] not in codes:
            problem("%s: unknown responsible_unit %s" % (where, c["responsible_unit"]))
        elif c["responsible_unit"] not in subtree(c["dialogue_unit"]):
            problem("%s: responsible_unit %s is neither the dialogue's unit nor under it"
                    % (where, c["responsible_unit"]))
        due = parse_day(where + " due", c["due"], None)
        if day and due and not 15 <= (due - day).days <= 90:
            problem("%s: due %s is %d days after the dialogue" % (where, c["due"], (due - day).days))
        if c["status"] not in CONCL_STATUS:
            problem("%s: status %r" % (where, c["status"]))
        if (c["status"] == "done") != (c["done_date"] != ""):
            problem("%s: status %s with done_date %r" % (where, c["status"], c["done_date"]))
        if c["done_date"]:
            done = parse_day(where + " done_date", c["done_date"], None)
            if done and day and not day <= done <= AS_OF:
                problem("%s: done_date %s not between the dialogue %s and %s" % (where, c["done_date"], day, AS_OF))
            if not c["result"].strip():
                problem("%s: done without a result" % where)
    if any(not 1 <= n <= 3 for n in per.values()):
        problem("conclusions.csv: a dialogue with more than 3 conclusions")
    share = 100.0 * len(per) / len(regs["dialogues"])
    if not 30 <= share <= 50:
        problem("conclusions.csv: %.0f%% of the dialogues have conclusions; the demo wants about 40%%" % share)
    st = {}
    for c in concl:
        st[c["status"]] = st.get(c["status"], 0) + 1
    late = sum(1 for c in concl if c["status"] == "done" and c["done_date"] > c["due"])
    od_now = sum(1 for c in concl if c["status"] != "done" and c["due"] < AS_OF.isoformat())
    od_end = sum(1 for c in concl if c["status"] != "done" and c["due"] < YEAR_END.isoformat())
    info("conclusions: %d of %d dialogues (%.0f%%), %d conclusions; status %s; done late %d; overdue %d as of %s, "
         "%d as of %s" % (len(per), len(regs["dialogues"]), share, len(concl),
                          ", ".join("%s %d" % kv for kv in sorted(st.items())), late, od_now, AS_OF, od_end, YEAR_END))
    due_in = [c for c in concl if in_period(c["due"])]
    on_time = sum(1 for c in due_in if c["status"] == "done" and c["done_date"] <= c["due"])
    info("indicator conclusions_on_time, unit 31, %s: %d / %d = %.1f%%"
         % (PERIOD, on_time, len(due_in), 100.0 * on_time / len(due_in) if due_in else float("nan")))


def corrected_seed(node):
    """the seed's annexes with the demo's text corrections (seed_corrections.py), each noted"""
    if isinstance(node, dict):
        return {k: corrected_seed(v) for k, v in node.items()}
    if isinstance(node, list):
        return [corrected_seed(v) for v in node]
    text, applied = correct(node)
    for wrong, right in applied:
        known_hits.append("text corrected: seed %r, demo %r (docs/corrections.md)" % (wrong, right))
    return text


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    a = ap.parse_args(argv)

    with open(os.path.join(a.shared, "data", "seed-annexes", "004-annexes.json"), encoding="utf-8") as f:
        seed = json.load(f)
    seed = corrected_seed(seed)
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

    check_rules_against_registers(os.path.join(ROOT, "registers"))
    spread = check_files(units, regs, values, a.shared, forms, elements, seed)
    model = Model(units, regs, values, elements)
    check_annexes(model, forms, seed, regs["documents"])

    # cross-check: Biểu 1 documents of the city = the Biểu 4 list
    n4 = sum(1 for d in regs["documents"] if d["unit"] == CITY and d["issued_by"] == "cap_uy" and doc_in_period(d))
    n1 = model.cell("doc_count", "cap_uy", CITY)
    if n1 != n4:
        problem("Biểu 1 doc_count cap_uy of the city is %s, Biểu 4 lists %d documents" % (fmt(n1), n4))

    print("demo: " + ", ".join("%s %d" % (name, len(rows)) for name, rows in files.items())
          + " (dialogues in %d districts, %d communes)" % (spread["2"], spread["3"]))
    for k in infos:
        print("INFO    " + k)
    for k in known_hits:
        print("KNOWN   " + k)
    for p in problems:
        print("MISMATCH " + p)
    print("%d mismatches, %d known seed differences" % (len(problems), len(known_hits)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
