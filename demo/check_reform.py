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
against the document register. The new city's bodies (units-2025.csv, column kind) and their
recommendations one by one (supervision_recs, criticism_recs: on an existing activity of the
bodies whose totals are empty; status, due and answer dates); Biểu 6/7 count such an activity's
records instead of its totals, and the report's figures are checked against that count. Prints
(INFO) the counts and Biểu 5 of 31 per period, computed across the reform as the system must
(old units' records into the new 31), and Biểu 6/7 of 31 for 2026 with the bodies' rows.

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
        "receptions": ("people",), "supervisions": ("documents_reviewed",)}
TOTALS = ("recommendations", "accepted")  # of supervisions and criticisms: counts, or both empty (itemised)
ITEMISED = {"supervision_recs": "supervisions", "criticism_recs": "criticisms"}  # register -> its activities
REC_STATUSES = ("open", "in_progress", "accepted", "rejected")
BODY_KINDS = ("party", "front", "organisation", "government", "agency", "police", "military", "court")
KIND_ROW = {"front": "Mặt trận Tổ quốc", "organisation": "Tổ chức chính trị - xã hội"}  # Biểu 6/7's "trong đó" rows
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
    ed_all = read_csv(os.path.join(d, "units-2025.csv"), cols + ["kind"])
    ed = [r for r in ed_all if not r["kind"]]  # the areas: the source's units
    bodies = check_bodies(w, ed_all)
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
    return bodies


def check_bodies(w, rows):
    """the bodies of the 2025 edition: a code with a dash (never a GSO code), a kind, the level
    left empty, the parent an area of the new 31 or a body before it; each right after its area's
    block. Returns them as units of the new tree (rank: their area's), by code"""
    out = {}
    seen = set()
    for r in rows:
        at = f"units-2025.csv line {r['_line']}"
        if not r["kind"]:
            seen.add(r["code"])
            continue
        if r["kind"] not in BODY_KINDS:
            err(f"{at}: kind {r['kind']!r}")
        if "-" not in r["code"] or r["code"].split("-")[0] not in w.by["new"]:
            err(f"{at}: a body's code is its area's code, a dash and letters, not {r['code']!r}")
        if r["level"]:
            err(f"{at}: a body leaves level empty (its area's)")
        area = w.by["new"].get(r["parent_code"]) or (out.get(r["parent_code"]) or {}).get("area")
        if r["parent_code"] not in seen or not area:
            err(f"{at}: parent {r['parent_code']} is not an area of the new 31 or a body before it")
            continue
        u = mr.Unit(r)
        u["tree"], u["rank"], u["area"] = "new", area["rank"], area
        out[r["code"]] = u
        seen.add(r["code"])
    if not any(u["kind"] == "front" and u["parent_code"] == mr.CITY for u in out.values()):
        err("units-2025.csv: the city has no Front (kind front under 31)")
    return out


def check_records(w, d, prior_docs, bodies):
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
                if u is None and tree == "new" and reg in ("supervisions", "criticisms"):
                    u = bodies.get(r[unit_field])  # the Front and its organisations record their own
                if u is None:
                    err(f"{at}: unit {r[unit_field]} is not a unit of the {tree} tree")
                    continue
                for f, opts in ENUMS.get(reg, {}).items():
                    if r[f] not in opts:
                        err(f"{at}: {f} {r[f]!r}")
                for f in INTS.get(reg, ()):
                    if not is_int(r[f]):
                        err(f"{at}: {f} {r[f]!r} not a count")
                if reg in ("supervisions", "criticisms") and \
                        not (all(is_int(r[f]) for f in TOTALS) or not any(r[f] for f in TOTALS)):
                    err(f"{at}: recommendations and accepted both counts, or both empty (itemised)")
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


def check_recs(w, d, recs, bodies):
    """supervision_recs-2025-26.csv, criticism_recs-2025-26.csv: each on an activity of exactly its
    date and unit whose totals are empty (and every such activity has records); the addressee a
    unit or body of the new tree; due 30-60 days after, answer_date iff accepted|rejected, between
    the activity and 30/11/2026, with an answer; no activity with totals on an itemised day"""
    out = {}
    for reg, act in ITEMISED.items():
        name = f"{reg}-2025-26.csv"
        rows = read_csv(os.path.join(d, name), mr.HEADERS[reg])
        out[reg] = rows
        acts = collections.defaultdict(list)
        for a in recs[(act, "2025-26")]:
            acts[(a["date"], a["unit"])].append(a)
        for r in rows:
            at = f"{name} line {r['_line']}"
            ad, due, ans = day(r["activity_date"]), day(r["due"]), day(r["answer_date"]) if r["answer_date"] else None
            if not ad or not due or (r["answer_date"] and not ans):
                err(f"{at}: bad date")
                continue
            mine = acts.get((r["activity_date"], r["unit"]), [])
            if not mine:
                err(f"{at}: no {act[:-1]} of {r['unit']} on {r['activity_date']}")
            elif any(a["recommendations"] or a["accepted"] for a in mine):
                err(f"{at}: the {act[:-1]} of {r['unit']} on {r['activity_date']} has its totals")
            if not (w.by["new"].get(r["addressee"]) or bodies.get(r["addressee"])):
                err(f"{at}: addressee {r['addressee']} is not a unit of the new tree")
            if r["status"] not in REC_STATUSES:
                err(f"{at}: status {r['status']!r}")
            if not 30 - 3 <= (due - ad).days <= 60:  # a working day at most three days before
                err(f"{at}: due {r['due']} not 30-60 days after the activity")
            if not mr.workday(due):
                err(f"{at}: due {r['due']} not a working day")
            if (r["status"] in ("accepted", "rejected")) != bool(ans):
                err(f"{at}: answer_date iff accepted or rejected")
            if ans and not ad <= ans <= mr.AS_OF:
                err(f"{at}: answer_date {r['answer_date']} outside {r['activity_date']}..{mr.AS_OF}")
            if ans and not r["answer"]:
                err(f"{at}: answered without an answer")
            if not r["content"]:
                err(f"{at}: no content")
        keys = {(r["activity_date"], r["unit"]) for r in rows}
        for k, mine in acts.items():
            empty = [a for a in mine if not a["recommendations"]]
            if empty and k not in keys:
                err(f"{act}-2025-26.csv line {empty[0]['_line']}: totals empty and no itemised recommendations")
            if k in keys and len(empty) != len(mine):
                err(f"{act}-2025-26.csv: {k[1]} on {k[0]}: totals beside itemised recommendations")
    return out


def activity_counts(acts, items):
    """recommendations and accepted of the activities: their totals, or where those are empty
    their itemised records (one each, accepted ones)"""
    n = collections.Counter((r["activity_date"], r["unit"]) for r in items)
    ok = collections.Counter((r["activity_date"], r["unit"]) for r in items if r["status"] == "accepted")
    recs = acc = 0
    for a in acts:
        k = (a["date"], a["unit"])
        recs += int(a["recommendations"]) if a["recommendations"] else n[k]
        acc += int(a["accepted"]) if a["accepted"] else ok[k]
    return recs, acc


def annex_67(acts, items, form):
    """the four columns of Biểu 6 (count, documents) or 7 (conferences, drafts), then
    recommendations and accepted"""
    if form == "bieu-6":
        head = [len(acts), sum(int(a["documents_reviewed"]) for a in acts)]
    else:
        head = [sum(a["form"] == "hoi_nghi" for a in acts), sum(int(a["drafts"]) for a in acts if a["form"] == "gui_du_thao")]
    return head + list(activity_counts(acts, items))


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


def check_report(d, recs, items):
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
    # the Front's figures: Biểu 6/7 of 31 for 2026 (itemised activities count their records)
    fs = [r for r in recs[("supervisions", "2025-26")] if r["date"].startswith("2026")]
    fc = [r for r in recs[("criticisms", "2025-26")] if r["date"].startswith("2026")]
    n6, d6, r6, a6 = annex_67(fs, items["supervision_recs"], "bieu-6")
    n7, d7, r7, a7 = annex_67(fc, items["criticism_recs"], "bieu-7")
    want = ("tổ chức %s cuộc giám sát; nghiên cứu, xem xét %s văn bản; đề xuất %s ý kiến, kiến nghị, trong đó %s ý "
            "kiến, kiến nghị được tiếp thu" % tuple(map(mr.vn_num, (n6, d6, r6, a6))),
            "Tổ chức %s hội nghị phản biện xã hội và phản biện %s dự thảo văn bản; đề xuất %s ý kiến, kiến nghị, "
            "trong đó %s ý kiến được tiếp thu" % tuple(map(mr.vn_num, (n7, d7, r7, a7))))
    for w_ in want:
        if w_ not in doc["sections"]["p1.II.3"]:
            err("report-31-2026.json: p1.II.3 does not say %r" % w_)


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


def info_bodies(w, recs, items, bodies):
    """Biểu 6/7 of 31 for 2026 by level, with a row per kind of body, and the recommendations'
    state as of 30/11/2026 (overdue: open or in progress past the due date)"""
    print("INFO: bodies: " + ", ".join("%s (%s)" % (c, u["kind"]) for c, u in bodies.items()))
    for form, reg, items_reg in (("bieu-6", "supervisions", "supervision_recs"), ("bieu-7", "criticisms", "criticism_recs")):
        acts = [r for r in recs[(reg, "2025-26")] if r["date"].startswith("2026")]
        mine = items[items_reg]
        rows = []
        for level, label in ((1, "Thành phố"), (2, "Xã, phường")):
            def lv(a):
                u = w.by["new"].get(a["unit"]) or bodies[a["unit"]]["area"]
                return 1 if u["rank"] == "prov" else 2
            sel = [a for a in acts if lv(a) == level]
            rows.append((label, annex_67(sel, mine, form)))
            for kind in ("front", "organisation"):
                ks = [a for a in sel if a["unit"] in bodies and bodies[a["unit"]]["kind"] == kind]
                if any(u["kind"] == kind and (u["area"]["rank"] == "prov") == (level == 1) for u in bodies.values()):
                    rows.append(("trong đó: " + KIND_ROW[kind], annex_67(ks, mine, form)))
        rows.append(("Tổng", annex_67(acts, mine, form)))
        print("INFO: %s of 31, 2026: %s" % (form, "; ".join("%s %s" % (l, "/".join(map(str, v))) for l, v in rows)))
    for reg, rows in items.items():
        st = collections.Counter(r["status"] for r in rows)
        late = [r for r in rows if r["status"] in ("open", "in_progress") and r["due"] < mr.AS_OF.isoformat()]
        by = collections.Counter(r["addressee"] for r in late)
        print("INFO: %s: %d (%s); overdue on %s: %d (%d open), by addressee %s" % (
            reg, len(rows), ", ".join("%s %d" % kv for kv in sorted(st.items())), mr.AS_OF, len(late),
            sum(r["status"] == "open" for r in late), ", ".join("%s %d" % kv for kv in sorted(by.items()))))


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
    bodies = check_units(w, a.dir, a.shared)
    prior = mr.read_csv(os.path.join(a.dir, "documents.csv"))
    recs = check_records(w, a.dir, prior, bodies)
    items = check_recs(w, a.dir, recs, bodies)
    subs = check_submissions(w, a.dir)
    check_plans(a.dir, recs)
    check_report(a.dir, recs, items)
    info(w, recs, subs)
    info_bodies(w, recs, items, bodies)
    for m in bad[:60]:
        print("FAIL: " + m)
    if len(bad) > 60:
        print("FAIL: … and %d more" % (len(bad) - 60))
    print("check_reform: %s" % ("%d problem(s)" % len(bad) if bad else "ok"))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
