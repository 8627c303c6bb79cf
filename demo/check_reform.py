#!/usr/bin/env python3
"""Check the demo's second year (the files make_reform.py writes) without the binary.

Format (UTF-8 without BOM, LF, the import headers); the units against ../shared (old Hải Dương,
the 2025 edition of the demo's provinces, 114 communes in the new 31); the mapping is exactly the
source's rows for the demo's old units; every record dated in its file's window (2024-25: up to
30/06/2025, 2025-26: from 01/07/2025 to 30/11/2026) on a unit of the tree of its date; the
registers' own checks (accepted <= recommendations, resolved >= received, drafts, at most one
reception a day a unit, …); documents' symbols (syntax, kind, issuer part by unit, body and
date, unique per issuing unit with 2023's); conclusions on an existing dialogue, due in the
same tree; submissions on the unit of the period's last day; the 2026 plans and the report
against the document register. Prints (INFO) the counts and Biểu 5 of 31 per period, computed
across the reform as the system must (old units' records into the new 31).

Usage: python3 demo/check_reform.py [--shared DIR] [--dir DIR]
"""
import argparse
import collections
import csv
import datetime
import io
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import make_reform as mr  # noqa: E402  (the windows, trees and rules it wrote them by)

D = datetime.date
bad = []


def err(m):
    bad.append(m)


def read(path):
    with open(path, "rb") as f:
        raw = f.read()
    name = os.path.basename(path)
    if raw.startswith(b"\xef\xbb\xbf"):
        err(f"{name}: BOM")
    if b"\r" in raw:
        err(f"{name}: CR in line ends")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        err(f"{name}: not UTF-8: {e}")
        text = raw.decode("utf-8", "replace")
    if text and not text.endswith("\n"):
        err(f"{name}: no final LF")
    return text


def read_csv(path, header):
    text = read(path)
    rows = list(csv.reader(io.StringIO(text, newline="")))
    name = os.path.basename(path)
    if not rows or rows[0] != header:
        err(f"{name}: header {rows[0] if rows else None} != {header}")
        return []
    out = []
    for i, r in enumerate(rows[1:], start=2):
        if len(r) != len(header):
            err(f"{name}: line {i}: {len(r)} fields for {len(header)}")
            continue
        d = dict(zip(header, r))
        d["_line"] = i
        out.append(d)
    return out


def day(s):
    try:
        return D.fromisoformat(s)
    except ValueError:
        return None


WINDOWS = {"2024-25": (D(2024, 1, 1), mr.REFORM - datetime.timedelta(days=1)), "2025-26": (mr.REFORM, mr.AS_OF)}
TREE_OF = {"2024-25": "old", "2025-26": "new"}
DATE_FIELD = {"dialogues": "date", "conclusions": "due", "documents": "date", "conferences": "date",
              "inspections": "date", "letters": "received", "receptions": "date", "supervisions": "date",
              "criticisms": "date", "models": "year"}
ENUMS = {
    "dialogues": {"type": mr.TYPES, "chair": mr.CHAIRS},
    "documents": {"kind": tuple(mr.KIND_CODES.values()), "issued_by": ("cap_uy", "ban_dan_van")},
    "conferences": {"chaired_by": ("cap_uy", "ban_dan_van")},
    "inspections": {"kind": ("kiem_tra", "giam_sat"), "conducted_by": ("cap_uy", "ban_dan_van")},
    "letters": {"kind": ("khieu_nai", "to_cao", "kien_nghi", "phan_anh"), "eligible": ("yes", "no"),
                "status": ("received", "classified", "handling", "resolved", "transferred", "archived")},
    "criticisms": {"form": ("hoi_nghi", "gui_du_thao")},
    "models": {"kind": ("tap_the", "ca_nhan"), "field": mr.FIELDS, "status": mr.STATUSES, "exemplary": ("yes", "no")},
    "conclusions": {"status": ("open", "in_progress", "done")},
}
INTS = {"dialogues": ("participants",), "conferences": ("participants",), "inspections": ("party_orgs", "party_members"),
        "receptions": ("people",), "supervisions": ("documents_reviewed", "recommendations", "accepted"),
        "criticisms": ("recommendations", "accepted")}
SYMBOL = re.compile(r"^(\d+)-([A-Za-zĐđ]+)/([A-Za-zĐđ]+)$")


def is_int(v):
    return v.isdigit()


class Trees:
    """the units of each tree and what a check needs: valid on a day, parent, rank"""

    def __init__(self, world):
        self.w = world
        self.by = world.by

    def unit(self, code, d):
        tree = "old" if d < mr.REFORM else "new"
        return self.by[tree].get(code)


def check_units(w, d, shared):
    vn = os.path.join(shared, "data", "vn-admin")
    cols = mr.HEADERS["units"]
    hd = read_csv(os.path.join(d, "units-hd-2024.csv"), cols)
    if [tuple(r[c] for c in cols) for r in hd] != [tuple(r[c] for c in cols) for r in w.old30]:
        err("units-hd-2024.csv is not old 30 Hải Dương of units-2024.csv")
    ed = read_csv(os.path.join(d, "units-2025.csv"), cols)
    src = {r["code"]: r for r in mr.read_csv(os.path.join(vn, "units-2025.csv"))}
    for r in ed:
        s = src.get(r["code"])
        if not s or any(s[c] != r[c] for c in cols):
            err(f"units-2025.csv line {r['_line']}: {r['code']} not as in units-2025.csv")
    roots = {r["code"] for r in ed if r["level"] == "1"}
    if roots != set(mr.EDITION_PROVINCES):
        err(f"units-2025.csv provinces {sorted(roots)}")
    n31 = [r for r in ed if r["parent_code"] == "31"]
    if len(n31) != 114:
        err(f"new 31 has {len(n31)} communes, not 114")
    want = sum(1 for r in src.values() if r["parent_code"] in mr.EDITION_PROVINCES) + len(mr.EDITION_PROVINCES)
    if len(ed) != want:
        err(f"units-2025.csv: {len(ed)} units, the provinces have {want}")
    # the mapping: exactly the source's rows for the demo's old units
    mp = read_csv(os.path.join(d, "mapping-2025.csv"), mr.HEADERS["mapping"])
    demo_old = {r["code"] for r in w.old31 + w.old30 + w.extra}
    srcmap = [(r["old_code"], r["new_code"], r["share"]) for r in w.mapping_all]
    want_rows = [t for t in srcmap if t[0] in demo_old]
    got = [(r["old_code"], r["new_code"], r["share"]) for r in mp]
    if got != want_rows:
        err(f"mapping-2025.csv: {len(got)} rows, the source has {len(want_rows)} for the demo's old units")
    new_codes = {r["code"] for r in ed}
    for r in mp:
        if r["new_code"] not in new_codes:
            err(f"mapping-2025.csv line {r['_line']}: {r['new_code']} not in the 2025 edition")
    mapped = {r["old_code"] for r in mp}
    for u in w.old31 + w.old30:
        if u["level"] == "3" and u["code"] not in mapped:
            err(f"old commune {u['code']} has no successor in mapping-2025.csv")
    return mp


def check_records(w, d, prior_docs):
    recs = {}
    for reg in mr.REGISTERS:
        for part in ("2024-25", "2025-26"):
            name = f"{reg}-{part}.csv"
            rows = read_csv(os.path.join(d, name), mr.HEADERS[reg])
            recs[(reg, part)] = rows
            lo, hi = WINDOWS[part]
            tree = TREE_OF[part]
            for r in rows:
                at = f"{name} line {r['_line']}"
                v = r[DATE_FIELD[reg]]
                dd = D(int(v), 1, 1) if reg == "models" and is_int(v) else day(v)
                if dd is None:
                    err(f"{at}: bad date {v!r}")
                    continue
                if reg != "models" and not lo <= dd <= (hi if reg != "conclusions" or tree == "old" else D(2099, 1, 1)):
                    err(f"{at}: {DATE_FIELD[reg]} {v} outside {lo}..{hi}")
                unit_field = "dialogue_unit" if reg == "conclusions" else "unit"
                u = w.by[tree].get(r[unit_field])
                if u is None:
                    err(f"{at}: unit {r[unit_field]} is not a unit of the {tree} tree")
                    continue
                for f, opts in ENUMS.get(reg, {}).items():
                    if r[f] not in opts:
                        err(f"{at}: {f} {r[f]!r}")
                for f in INTS.get(reg, ()):
                    if not is_int(r[f]):
                        err(f"{at}: {f} {r[f]!r} not a count")
                check_one(reg, r, at, u, w, tree, dd)
    # per register, across the rows
    for part in ("2024-25", "2025-26"):
        seen = collections.Counter((r["date"], r["unit"]) for r in recs[("receptions", part)])
        for k, n in seen.items():
            if n > 1:
                err(f"receptions-{part}: {n} sessions of {k[1]} on {k[0]}")
        dl = collections.Counter((r["date"], r["unit"]) for r in recs[("dialogues", part)])
        for r in recs[("conclusions", part)]:
            at = f"conclusions-{part}.csv line {r['_line']}"
            k = (r["dialogue_date"], r["dialogue_unit"])
            if dl.get(k) != 1:
                err(f"{at}: {dl.get(k, 0)} dialogues of {k[1]} on {k[0]} (exactly one needed)")
        names = collections.Counter((r["unit"], r["year"], r["name"]) for r in recs[("models", part)])
        for k, n in names.items():
            if n > 1:
                err(f"models-{part}: {k[2]!r} {n} times at {k[0]} for {k[1]}")
        for r in recs[("models", part)]:
            if int(r["year"]) not in ((2024, 2025) if part == "2024-25" else (2026,)):
                err(f"models-{part}.csv line {r['_line']}: year {r['year']}")
    # symbols unique per issuing unit, with the 2023 documents
    taken = collections.defaultdict(list)
    for r in prior_docs:
        taken[(r["unit"], r["symbol"].lstrip("0"))].append("2023")
    for part in ("2024-25", "2025-26"):
        for r in recs[("documents", part)]:
            taken[(r["unit"], r["symbol"].lstrip("0"))].append(f"{part}:{r['_line']}")
    for k, where in taken.items():
        if len(where) > 1:
            err(f"documents: {k[1]} of {k[0]} given {len(where)} times ({', '.join(where)})")
    # numbers rise with the date per issuer and kind
    for part in ("2024-25", "2025-26"):
        last = {}
        for r in sorted(recs[("documents", part)], key=lambda r: (r["date"], int(r["symbol"].split("-")[0]))):
            n, rest = r["symbol"].split("-", 1)
            key = (r["unit"], rest)
            if key in last and int(n) <= last[key]:
                err(f"documents-{part}.csv line {r['_line']}: {r['symbol']} not after {last[key]}")
            last[key] = int(n)
    return recs


def check_one(reg, r, at, u, w, tree, dd):
    if reg == "letters":
        if (r["status"] == "resolved") != bool(r["resolved"]):
            err(f"{at}: resolved date iff status resolved")
        if r["resolved"]:
            res = day(r["resolved"])
            if not res or res < dd:
                err(f"{at}: resolved {r['resolved']} before received")
            elif tree == "old" and res >= mr.REFORM or res > mr.AS_OF:
                err(f"{at}: resolved {r['resolved']} after the unit's tree")
        if "(địa chỉ giả định)" not in r["sender_address"] or not re.search(r"[A-Z]\d+$", r["sender_name"]):
            err(f"{at}: sender not marked as invented")
        if u["rank"] == "comm" and tree == "old":
            err(f"{at}: letters of old communes are not in the annexes")
    elif reg in ("supervisions", "criticisms"):
        if is_int(r["accepted"]) and is_int(r["recommendations"]) and int(r["accepted"]) > int(r["recommendations"]):
            err(f"{at}: accepted > recommendations")
        if reg == "criticisms":
            if r["form"] == "hoi_nghi" and r["drafts"]:
                err(f"{at}: drafts of a conference")
            if r["form"] == "gui_du_thao" and not (is_int(r["drafts"]) and int(r["drafts"]) >= 1):
                err(f"{at}: drafts sent must be >= 1")
    elif reg in ("conferences", "inspections"):
        by = r["chaired_by" if reg == "conferences" else "conducted_by"]
        if by == "ban_dan_van" and u["rank"] == "comm":
            err(f"{at}: no Ban Dân vận at communes")
        if reg == "inspections" and not (is_int(r["party_orgs"]) and int(r["party_orgs"]) >= 1):
            err(f"{at}: party_orgs >= 1")
        if reg == "conferences" and not (is_int(r["participants"]) and int(r["participants"]) >= 1):
            err(f"{at}: participants >= 1")
    elif reg == "receptions":
        if not (is_int(r["people"]) and int(r["people"]) >= 1):
            err(f"{at}: people >= 1")
    elif reg == "documents":
        m = SYMBOL.match(r["symbol"])
        if not m:
            err(f"{at}: symbol {r['symbol']!r}")
            return
        kind = mr.KIND_CODES.get(m.group(2))
        if kind != r["kind"]:
            err(f"{at}: kind {r['kind']} but symbol {r['symbol']}")
        if not r["summary"].startswith(mr.KIND_NAME[m.group(2)] + " "):
            err(f"{at}: summary does not begin with {mr.KIND_NAME[m.group(2)]}")
        want = mr.suffix_of(u, r["issued_by"], dd)
        if m.group(3) != want:
            err(f"{at}: issuer part {m.group(3)}, {u['name']} ({r['issued_by']}) on {dd} writes {want}")
        if r["issued_by"] == "ban_dan_van":
            if u["rank"] == "comm":
                err(f"{at}: no Ban Dân vận at communes")
            if len(r["fields"].split(";")) != 1:
                err(f"{at}: a Ban Dân vận document has exactly one field")
    elif reg == "conclusions":
        dld = day(r["dialogue_date"])
        if not dld or dd < dld:
            err(f"{at}: due before the dialogue")
        resp = w.by[tree].get(r["responsible_unit"])
        if not resp or (resp["code"] != u["code"] and resp["parent_code"] != u["code"]):
            err(f"{at}: responsible unit {r['responsible_unit']} is not the dialogue's or under it")
        if (r["status"] == "done") != bool(r["done_date"]):
            err(f"{at}: done_date iff done")
        if r["done_date"]:
            dn = day(r["done_date"])
            as_of = mr.REFORM - datetime.timedelta(days=1) if tree == "old" else mr.AS_OF
            if not dn or not dld or not dld <= dn <= as_of:
                err(f"{at}: done_date {r['done_date']} outside {r['dialogue_date']}..{as_of}")
            if not r["result"]:
                err(f"{at}: done without a result")
    elif reg == "models":
        if (r["kind"] == "ca_nhan") != bool(r["person_name"]) or bool(r["person_name"]) != bool(r["position"]):
            err(f"{at}: person_name and position exactly for individuals")
        if r["person_name"] and not re.search(r"[A-Z]\d+$", r["person_name"]):
            err(f"{at}: person_name not obviously invented")
        if (r["status"] == "commended") != bool(r["commend_level"]):
            err(f"{at}: commend_level iff commended")
        if not r["goals"] or not r["results"]:
            err(f"{at}: goals and results")
        if "nong_thon_moi" in r["areas"].split(";") and (mr.urban(u) or u["rank"] == "prov"):
            err(f"{at}: nông thôn mới in {u['name']}")


def check_submissions(w, d):
    rows = read_csv(os.path.join(d, "submissions-2024-26.csv"), mr.HEADERS["submissions"])
    today = D(2026, 12, 6)
    for r in rows:
        at = f"submissions-2024-26.csv line {r['_line']}"
        p = r["period"]
        last = D(int(p[:4]), 6, 30) if p.endswith("S1") else D(int(p[:4]), 12, 31)
        tree = "old" if last < mr.REFORM else "new"
        u = w.by[tree].get(r["unit"])
        if not u or u["rank"] == "prov":
            err(f"{at}: {r['unit']} is not a reporting unit of the tree of {last}")
        if r["status"] not in ("submitted", "approved", "returned"):
            err(f"{at}: status {r['status']}")
        sub, dec = day(r["submitted"]), day(r["decided"]) if r["decided"] else None
        if not sub or sub > today or (dec and (dec < sub or dec > today)):
            err(f"{at}: dates {r['submitted']} {r['decided']}")
        if (r["status"] == "submitted") != (dec is None):
            err(f"{at}: decided iff approved or returned")
        if tree == "old" and sub and sub >= mr.REFORM:
            err(f"{at}: submitted after its unit ended")
    got = {(r["form"], r["period"], r["unit"]): r["status"] for r in rows}
    if got.get(("bieu-5", "2026S1", "11311")) != "approved" or got.get(("bieu-5", "2026S1", "11074")) != "returned":
        err("submissions: 11311's 2026S1 Biểu 5 approved and 11074's returned (README's demo users)")
    return rows


def check_plans(d, recs):
    docs = recs[("documents", "2025-26")]
    for fname, unit in (("hp-2026-KH-TU.plan", "31"), ("hongbang-2026-KH-DU.plan", "11311")):
        text = read(os.path.join(d, "plans", fname))
        sym = re.search(r"^plan (\S+)$", text, re.M)
        date = re.search(r"^date (\S+)$", text, re.M)
        if not sym or not date or not re.search(r"^unit %s$" % unit, text, re.M):
            err(f"plans/{fname}: plan, unit {unit}, date")
            continue
        match = [r for r in docs if r["unit"] == unit and r["symbol"] == sym.group(1) and r["date"] == date.group(1)]
        if len(match) != 1 or "công tác dân vận năm 2026" not in match[0]["summary"]:
            err(f"plans/{fname}: {sym.group(1)} of {date.group(1)} is not the unit's 2026 plan in the register")
    ward = read(os.path.join(d, "plans", "hongbang-2026-KH-DU.plan"))
    city = re.search(r"^plan (\S+)$", read(os.path.join(d, "plans", "hp-2026-KH-TU.plan")), re.M).group(1)
    if not re.search(r"^basis %s$" % re.escape(city), ward, re.M):
        err("the ward's plan is not based on the city's")
    if "target models_coverage >= 100 area=chuyen_doi_so min=1 level=2" not in read(
            os.path.join(d, "plans", "hp-2026-KH-TU.plan")):
        err("the city's plan lost its models_coverage target")


def check_report(d, recs):
    doc = json.loads(read(os.path.join(d, "report-31-2026.json")))
    keys = {"number", "symbol", "date", "place", "parent_body", "issuer", "issuer_long", "title", "recipients",
            "sign_on_behalf", "sign_position", "sign_name", "sections"}
    if set(doc) != keys:
        err(f"report-31-2026.json keys {sorted(set(doc) ^ keys)}")
    bc = [int(r["symbol"].split("-")[0]) for r in recs[("documents", "2025-26")]
          if r["unit"] == "31" and r["symbol"].endswith("-BC/TU") and r["date"] <= doc["date"]]
    if doc["number"] != max(bc) + 1:
        err(f"report-31-2026.json: number {doc['number']}, the city's last BC/TU is {max(bc)}")
    dl26 = [r for r in recs[("dialogues", "2025-26")] if r["date"].startswith("2026")]
    if "tổ chức được %s cuộc đối thoại" % mr.vn_num(len(dl26)) not in doc["sections"]["p1.II.1"]:
        err("report-31-2026.json: the dialogues sentence does not give the 2026 count %d" % len(dl26))


# ---------------------------------------------------------------- INFO: Biểu 5 of 31 across the reform
def bieu5(rows):
    c = collections.Counter((r["type"], r["chair"]) for r in rows)
    return sum(c.values()), {t: sum(c[(t, ch)] for ch in mr.CHAIRS) for t in mr.TYPES}


def info(w, recs, subs):
    print("INFO: records per file and half-year:")
    for reg in mr.REGISTERS:
        per = collections.Counter()
        for part in ("2024-25", "2025-26"):
            for r in recs[(reg, part)]:
                v = r[DATE_FIELD[reg]]
                if reg == "models":
                    per[v] += 1
                else:
                    per[v[:4] + ("S1" if v[5:7] <= "06" else "S2")] += 1
        print("  %-13s %s" % (reg, ", ".join("%s %d" % kv for kv in sorted(per.items()))))
    dl = recs[("dialogues", "2024-25")] + recs[("dialogues", "2025-26")]
    for p in ("2024", "2025S1", "2025S2", "2025", "2026S1", "2026"):
        lo, hi = windows_of(p)
        sel = [r for r in dl if lo.isoformat() <= r["date"] <= hi.isoformat()]
        prov = [r for r in sel if w.by["old" if r["date"] < "2025-07-01" else "new"][r["unit"]]["rank"] != "comm"]
        n, by = bieu5(sel)
        print("INFO: Biểu 5 of 31 (new tree) %-6s: %4d dialogues (%s); province row %d, communes %d" % (
            p, n, ", ".join("%s %d" % kv for kv in by.items()), len(prov), n - len(prov)))
    comms = {u.code for u in w.level("new", "comm")}
    held = {r["unit"] for r in recs[("dialogues", "2025-26")] if r["date"].startswith("2026") and r["type"] == "dinh_ky"}
    print("INFO: 2026: %d of %d communes held a định kỳ dialogue by 30/11/2026" % (len(held & comms), len(comms)))
    cds = {r["unit"] for r in recs[("models", "2025-26")] if "chuyen_doi_so" in r["areas"].split(";")}
    print("INFO: models_coverage chuyen_doi_so min 1 level 2, 31, 2026: %d / %d" % (len(cds & comms), len(comms)))
    due = [r for r in recs[("conclusions", "2025-26")] if r["due"].startswith("2026")]
    ok = [r for r in due if r["status"] == "done" and r["done_date"] <= r["due"]]
    print("INFO: conclusions_on_time 31 2026: %d / %d" % (len(ok), len(due)))
    st = collections.Counter((r["form"], r["period"], r["status"]) for r in subs)
    print("INFO: submissions: " + ", ".join("%s %s %s %d" % (*k, v) for k, v in sorted(st.items())))


def windows_of(p):
    y = int(p[:4])
    if p.endswith("S1"):
        return D(y, 1, 1), D(y, 6, 30)
    if p.endswith("S2"):
        return D(y, 7, 1), D(y, 12, 31)
    return D(y, 1, 1), D(y, 12, 31)


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default=os.path.join(HERE, "..", "..", "shared"))
    ap.add_argument("--dir", default=HERE)
    a = ap.parse_args(argv)
    w = mr.World(a.shared)
    check_units(w, a.dir, a.shared)
    prior = mr.read_csv(os.path.join(a.dir, "documents.csv"))
    recs = check_records(w, a.dir, prior)
    subs = check_submissions(w, a.dir)
    check_plans(a.dir, recs)
    check_report(a.dir, recs)
    info(w, recs, subs)
    for m in bad[:60]:
        print("FAIL: " + m)
    if len(bad) > 60:
        print("FAIL: … and %d more" % (len(bad) - 60))
    print("check_reform: %s" % ("%d problem(s)" % len(bad) if bad else "ok"))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
