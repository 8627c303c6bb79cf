#!/usr/bin/env bash
# Counting registers into the annexes (issue 3) at three levels of a generated tree: a
# province P, two districts and five communes, records of every register at every level,
# hand-entered values for some cells. Biểu 1, 2, 4, 6 and 7 of every unit, for several
# periods, must equal what this test computes from its own CSV files by the contract's rules:
#   - Biểu 1 counts cap_uy records, Biểu 2 ban_dan_van ones (documents by field, a document
#     in each of its fields; the documents' Tổng số counts each once); their by-level columns
#     are the unit itself (@self) and the level directly under it (@below, not deeper:
#     communes are not in a province's Biểu 1/2); Tổng số = the two;
#   - letters count as received in the period of `received`, as resolved in that of
#     `resolved`; receptions are "sessions/people";
#   - Biểu 6, 7: one row per level under the unit, then the total;
#   - a record counts in every period containing its date, a document with a `period`
#     in that period (dated 2022-12-20 with period 2023S1: in 2023S1, not in 2022);
#   - an empty number adds nothing (a level whose records all leave it empty is null), an
#     explicit 0 is 0;
#   - a unit's cell is its records' total where records contribute to that cell, else its
#     hand-entered value, else null; a record added later replaces the entered value.
# Biểu 4 lists the unit's own cap_uy documents of the period in date order.
source "$(dirname "$0")/lib.sh" "$@"
cd "$W" || exit 1

cat >model.py <<'PY'
import csv, datetime, glob, json, os, random, subprocess, sys
from dvtest import window, write_csv, load_csv as read, show, print_units

UNITS = [("P", "Tỉnh Sinh Thử", "Tỉnh", 1, ""),
         ("D1", "Huyện Một", "Huyện", 2, "P"), ("D2", "Huyện Hai", "Huyện", 2, "P"),
         ("C11", "Xã Một Một", "Xã", 3, "D1"), ("C12", "Xã Một Hai", "Xã", 3, "D1"),
         ("C13", "Xã Một Ba", "Xã", 3, "D1"),
         ("C21", "Xã Hai Một", "Xã", 3, "D2"), ("C22", "Xã Hai Hai", "Xã", 3, "D2")]
LEVEL = {u[0]: u[3] for u in UNITS}
PARENT = {u[0]: u[4] for u in UNITS}
CODES = [u[0] for u in UNITS]

def ancestors(u):
    while u:
        yield u
        u = PARENT[u]

def in_subtree(u, root):
    return root in ancestors(u)

D = datetime.date
def iso(d): return d.isoformat()

# ---------------- periods (calendar windows: dvtest.window) ----------------

def within(day, p):
    a, b = window(p)
    return a <= day <= b

# ---------------- generation ----------------
KINDS = ["NQ", "CT", "KL", "QD", "KH", "CTr", "BC", "TB", "TT", "HD", "CV", "DA"]
KIND_LABEL = {"NQ": "Nghị quyết", "CT": "Chỉ thị", "KL": "Kết luận", "QD": "Quyết định", "KH": "Kế hoạch",
              "CTr": "Chương trình", "BC": "Báo cáo", "TB": "Thông báo", "TT": "Thông tri", "HD": "Hướng dẫn",
              "CV": "Công văn", "DA": "Đề án"}
SYM_KIND = {"QD": "QĐ", "DA": "ĐA"}
FIELDS = ["dan_toc", "ton_giao", "dan_van_chinh_quyen", "mttq_ctxh", "khac"]
HEADERS = {
    "documents": "kind,symbol,date,unit,issued_by,summary,fields,period",
    "conferences": "date,unit,chaired_by,title,participants",
    "inspections": "kind,date,unit,conducted_by,subject,party_orgs,party_members",
    "letters": "received,unit,kind,eligible,status,resolved,sender_name,sender_address",
    "receptions": "date,unit,people",
    "supervisions": "date,unit,subject,documents_reviewed,recommendations,accepted",
    "criticisms": "date,unit,form,drafts,recommendations,accepted",
}
S1 = window("2023S1")

def gen():
    rnd = random.Random(20230630)
    start, span = D(2022, 10, 1), (D(2023, 12, 31) - D(2022, 10, 1)).days
    def rdate(avoid_s1=False, only_s1=False):
        while True:
            d = start + datetime.timedelta(days=rnd.randrange(span + 1))
            if only_s1 and not (S1[0] <= d <= S1[1]): continue
            if avoid_s1 and S1[0] <= d <= S1[1]: continue
            return d
    def maybe(p_blank, hi):
        return "" if rnd.random() < p_blank else str(rnd.randrange(hi))
    recs = {r: [] for r in HEADERS}
    seq = [0]
    def symbol(kind, unit):
        seq[0] += 1
        return f"{seq[0]}-{SYM_KIND.get(kind, kind)}/{'TU' if LEVEL[unit] == 1 else 'HU' if LEVEL[unit] == 2 else 'ĐU'}"
    for u in CODES:
        lvl = LEVEL[u]
        for _ in range(rnd.randint(3, 6)):
            kind = rnd.choice(KINDS)
            by = rnd.choice(["cap_uy", "ban_dan_van"])
            fs = rnd.sample(FIELDS, rnd.randint(1, 3))
            recs["documents"].append(dict(kind=kind, symbol=symbol(kind, u), date=iso(rdate()), unit=u, issued_by=by,
                                          summary=f"Văn bản số {seq[0]} của {u}, về dân vận", fields=";".join(fs),
                                          period=""))
        for _ in range(rnd.randint(2, 5)):
            by = rnd.choice(["cap_uy", "ban_dan_van"])
            d = rdate()
            if u == "C11" and by == "cap_uy": d = rdate(avoid_s1=True)   # C11's hand-entered conf_count is used
            recs["conferences"].append(dict(date=iso(d), unit=u, chaired_by=by, title=f"Hội nghị ở {u}",
                                            participants=maybe(0.25, 300)))
        for _ in range(rnd.randint(2, 5)):
            recs["inspections"].append(dict(kind=rnd.choice(["kiem_tra", "giam_sat"]), date=iso(rdate()), unit=u,
                                            conducted_by=rnd.choice(["cap_uy", "ban_dan_van"]),
                                            subject=f"Kiểm tra, giám sát ở {u}", party_orgs=str(rnd.randrange(6)),
                                            party_members=str(rnd.randrange(40))))
        for _ in range(rnd.randint(2, 5)):
            rec = rdate(avoid_s1=(u == "D1"))     # D1: no letter received in 2023S1 (hand-entered value)
            status = rnd.choice(["received", "classified", "handling", "resolved", "transferred", "archived"])
            res = ""
            if status == "resolved":
                res = iso(min(rec + datetime.timedelta(days=rnd.randrange(120)), D(2023, 12, 31)))
            recs["letters"].append(dict(received=iso(rec), unit=u, kind=rnd.choice(["khieu_nai", "kien_nghi", "phan_anh"]),
                                        eligible=rnd.choice(["yes", "no"]), status=status, resolved=res,
                                        sender_name=f"Người gửi {u}", sender_address=f"Địa chỉ ở {u}"))
        for _ in range(rnd.randint(1, 4)):
            recs["receptions"].append(dict(date=iso(rdate(avoid_s1=(u == "D1"))), unit=u, people=str(rnd.randrange(50))))
        for _ in range(rnd.randint(1, 4)):
            if u == "C13":
                d = rdate(avoid_s1=True)          # C13: hand-entered Biểu 6 values for 2023S1
            else:
                d = rdate()
            if lvl == 2:   # districts: documents never given (null), recommendations 0 (0)
                docs, recs_, acc = "", "0", "0"
            else:
                docs, recs_ = maybe(0.3, 20), maybe(0.2, 15)
                acc = "" if recs_ == "" or rnd.random() < 0.2 else str(rnd.randrange(int(recs_) + 1))
            recs["supervisions"].append(dict(date=iso(d), unit=u, subject=f"Giám sát ở {u}", documents_reviewed=docs,
                                             recommendations=recs_, accepted=acc))
        for _ in range(rnd.randint(1, 4)):
            if lvl == 3:   # communes: conferences only (drafts given sometimes, never counted)
                form, drafts = "hoi_nghi", maybe(0.5, 9)
            elif lvl == 2:  # districts: drafts sent, 0 of them
                form, drafts = "gui_du_thao", "0"
            else:
                form = rnd.choice(["hoi_nghi", "gui_du_thao"])
                drafts = str(rnd.randrange(1, 9)) if form == "gui_du_thao" else ""
            r_ = rnd.randrange(20)
            recs["criticisms"].append(dict(date=iso(rdate()), unit=u, form=form, drafts=drafts, recommendations=str(r_),
                                           accepted=str(rnd.randrange(r_ + 1))))
    # edge records
    E = recs
    E["documents"].append(dict(kind="NQ", symbol="01-NQ/TU", date="2022-12-20", unit="P", issued_by="cap_uy",
                               summary="Nghị quyết ban hành cuối năm 2022, tính vào 6 tháng đầu năm 2023",
                               fields="dan_toc", period="2023S1"))
    E["documents"].append(dict(kind="HD", symbol="02-HD/BDVTU", date="2022-12-21", unit="P", issued_by="ban_dan_van",
                               summary="Hướng dẫn tính vào 2023S1", fields="dan_toc;ton_giao;khac", period="2023S1"))
    E["documents"].append(dict(kind="CT", symbol="03-CT/TU", date="2023-07-01", unit="P", issued_by="cap_uy",
                               summary="Chỉ thị ngày 01/7: ngoài kỳ 2023S1", fields="khac", period=""))
    E["documents"].append(dict(kind="KL", symbol="04-KL/TU", date="2023-06-30", unit="P", issued_by="cap_uy",
                               summary="Kết luận ngày 30/6: trong kỳ", fields="khac", period=""))
    E["documents"].append(dict(kind="QD", symbol="05-QĐ/TU", date="2023-01-01", unit="P", issued_by="cap_uy",
                               summary="Quyết định ngày 01/01", fields="khac", period=""))
    E["documents"].append(dict(kind="TB", symbol="06-TB/TU", date="2022-12-31", unit="P", issued_by="cap_uy",
                               summary="Thông báo ngày 31/12/2022: ngoài kỳ", fields="khac", period=""))
    for d in ("2022-12-31", "2023-01-01", "2023-06-30", "2023-07-01"):
        E["conferences"].append(dict(date=d, unit="P", chaired_by="cap_uy", title=f"Hội nghị ngày {d}", participants="10"))
    E["conferences"].append(dict(date="2023-03-03", unit="D2", chaired_by="cap_uy", title="Hội nghị của huyện",
                                 participants="20"))
    E["letters"].append(dict(received="2023-06-20", unit="P", kind="khieu_nai", eligible="yes", status="resolved",
                             resolved="2023-07-05", sender_name="A", sender_address="B"))
    E["letters"].append(dict(received="2022-12-10", unit="P", kind="kien_nghi", eligible="yes", status="resolved",
                             resolved="2023-01-10", sender_name="C", sender_address="D"))
    E["letters"].append(dict(received="2022-12-11", unit="D1", kind="phan_anh", eligible="no", status="resolved",
                             resolved="2023-02-10", sender_name="", sender_address=""))
    E["supervisions"].append(dict(date="2023-02-02", unit="C12", subject="Giám sát có số 0", documents_reviewed="0",
                                  recommendations="0", accepted="0"))
    E["criticisms"].append(dict(date="2023-02-02", unit="D1", form="gui_du_thao", drafts="0", recommendations="0",
                                accepted="0"))
    E["criticisms"].append(dict(date="2023-02-03", unit="C21", form="hoi_nghi", drafts="7", recommendations="3",
                                accepted="3"))
    for reg, rows in recs.items():
        rnd.shuffle(rows)
        write(f"records_{reg}.csv", reg, rows)
    # hand-entered values for 2023S1
    vals = [
        ("fs_count", "default", "2023S1", "C13", "7"),      # C13 has no supervision in 2023S1: used
        ("fs_docs", "default", "2023S1", "C13", "3"),
        ("fs_recs", "default", "2023S1", "C13", "4"),
        ("conf_count", "cap_uy", "2023S1", "D2", "99"),     # D2 has cap_uy conferences: records win
        ("conf_count", "cap_uy", "2023S1", "C11", "50"),    # C11 has none in 2023S1: used (D1's @below)
        ("letters_received", "default", "2023S1", "D1", "13"),
        ("reception_sessions", "default", "2023S1", "D1", "11"),
        ("reception_people", "default", "2023S1", "D1", "111"),
        ("doc_count", "ban_dan_van.mttq_ctxh", "2023S1", "C22", "5"),
        ("fc_conferences", "default", "2023S2", "D2", "6"),  # another period: only there
    ]
    with open("values.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["element", "combo", "period", "unit", "value"])
        w.writerows(vals)
    # records added later: they replace the hand-entered values where they contribute
    write("add_supervisions.csv", "supervisions", [dict(date="2023-05-05", unit="C13", subject="Giám sát bổ sung",
                                                        documents_reviewed="2", recommendations="", accepted="")])
    write("add_letters.csv", "letters", [dict(received="2023-03-03", unit="D1", kind="kien_nghi", eligible="yes",
                                              status="received", resolved="", sender_name="", sender_address="")])
    write("add_conferences.csv", "conferences", [dict(date="2023-02-02", unit="C11", chaired_by="cap_uy",
                                                      title="Hội nghị xã bổ sung", participants="30")])

def write(name, reg, rows): write_csv(name, HEADERS[reg].split(","), rows)

# ---------------- the expected counts ----------------
def load(phase):
    recs = {}
    for reg in HEADERS:
        recs[reg] = read(f"records_{reg}.csv")
        if phase == "after" and os.path.exists(f"add_{reg}.csv"):
            recs[reg] += read(f"add_{reg}.csv")
    vals = {(v["element"], v["combo"], v["period"], v["unit"]): int(v["value"]) for v in read("values.csv")}
    return recs, vals

def pd(s): return D.fromisoformat(s)

def contributions(reg, r):
    """(element, combo, day, value) of one record, per the contract"""
    out = []
    if reg == "documents":
        day = window(r["period"])[0] if r["period"] else pd(r["date"])
        out.append(("doc_count", r["issued_by"], day, 1))
        if r["issued_by"] == "ban_dan_van":
            for f in r["fields"].split(";"): out.append(("doc_count", "ban_dan_van." + f, day, 1))
    elif reg == "conferences":
        day = pd(r["date"])
        out.append(("conf_count", r["chaired_by"], day, 1))
        if r["participants"] != "": out.append(("conf_people", r["chaired_by"], day, int(r["participants"])))
    elif reg == "inspections":
        day, c = pd(r["date"]), f'{r["conducted_by"]}.{r["kind"]}'
        out += [("insp_count", c, day, 1), ("insp_orgs", c, day, int(r["party_orgs"])),
                ("insp_members", c, day, int(r["party_members"]))]
    elif reg == "letters":
        out.append(("letters_received", "default", pd(r["received"]), 1))
        if r["resolved"]: out.append(("letters_resolved", "default", pd(r["resolved"]), 1))
    elif reg == "receptions":
        out += [("reception_sessions", "default", pd(r["date"]), 1),
                ("reception_people", "default", pd(r["date"]), int(r["people"]))]
    elif reg == "supervisions":
        day = pd(r["date"])
        out.append(("fs_count", "default", day, 1))
        for el, f in (("fs_docs", "documents_reviewed"), ("fs_recs", "recommendations"), ("fs_accepted", "accepted")):
            if r[f] != "": out.append((el, "default", day, int(r[f])))
    elif reg == "criticisms":
        day = pd(r["date"])
        if r["form"] == "hoi_nghi": out.append(("fc_conferences", "default", day, 1))
        if r["form"] == "gui_du_thao" and r["drafts"] != "": out.append(("fc_drafts", "default", day, int(r["drafts"])))
        out += [("fc_recs", "default", day, int(r["recommendations"])), ("fc_accepted", "default", day, int(r["accepted"]))]
    return out

class Model:
    def __init__(self, phase, period):
        recs, self.vals = load(phase)
        self.period = period
        self.cells = {}   # (element, combo, unit) -> [count, total]
        for reg, rows in recs.items():
            for r in rows:
                for el, combo, day, v in contributions(reg, r):
                    if within(day, period):
                        c = self.cells.setdefault((el, combo, r["unit"]), [0, 0])
                        c[0] += 1; c[1] += v
        self.recs = recs

    def unit(self, el, combo, u):
        c = self.cells.get((el, combo, u))
        if c: return c[1]
        return self.vals.get((el, combo, self.period, u))

    def level_sum(self, el, combo, root, level):
        vs = [self.unit(el, combo, u) for u in CODES if LEVEL[u] == level and in_subtree(u, root)]
        vs = [v for v in vs if v is not None]
        return sum(vs) if vs else None

def add(*xs):
    xs = [x for x in xs if x is not None]
    return sum(xs) if xs else None

def bieu12(m, form, u):
    """the one row of Biểu 1 or 2, column by column as the seed lays them out"""
    self_ = lambda el, c: m.unit(el, c, u)
    below = lambda el, c: m.level_sum(el, c, u, LEVEL[u] + 1)
    cols = []
    by = "cap_uy" if form == "bieu-1" else "ban_dan_van"
    s3, s4, b5, b6 = self_("conf_count", by), self_("conf_people", by), below("conf_count", by), below("conf_people", by)
    cols += [add(s3, b5), add(s4, b6), s3, s4, b5, b6]
    if form == "bieu-1":
        s, b = self_("doc_count", "cap_uy"), below("doc_count", "cap_uy")
        cols += [add(s, b), s, b]
    else:
        # Tổng số: every Ban Dân vận document once (also those of "khac" only), the unit and the
        # level below; then the four fields of the seed, each document in each of its fields
        cells = []
        for f in ("dan_toc", "ton_giao", "dan_van_chinh_quyen", "mttq_ctxh"):
            cells += [self_("doc_count", "ban_dan_van." + f), below("doc_count", "ban_dan_van." + f)]
        cols += [add(self_("doc_count", "ban_dan_van"), below("doc_count", "ban_dan_van"))] + cells
    for kind in ("kiem_tra", "giam_sat"):
        c = f"{by}.{kind}"
        sv = [self_(el, c) for el in ("insp_count", "insp_orgs", "insp_members")]
        bv = [below(el, c) for el in ("insp_count", "insp_orgs", "insp_members")]
        cols += [add(x, y) for x, y in zip(sv, bv)] + sv + bv
    if form == "bieu-1":
        for el in ("letters_received", "letters_resolved"):
            s, b = self_(el, "default"), below(el, "default")
            cols += [add(s, b), s, b]
        def pair(a, b):
            return None if a is None and b is None else f"{a or 0}/{b or 0}"
        ss, sp = self_("reception_sessions", "default"), self_("reception_people", "default")
        bs, bp = below("reception_sessions", "default"), below("reception_people", "default")
        cols += [pair(add(ss, bs), add(sp, bp)), pair(ss, sp), pair(bs, bp)]
    return cols

def bieu67(m, form, u):
    els = ["fs_count", "fs_docs", "fs_recs", "fs_accepted"] if form == "bieu-6" else \
          ["fc_conferences", "fc_drafts", "fc_recs", "fc_accepted"]
    levels = sorted({LEVEL[x] for x in CODES if in_subtree(x, u)})
    rows = [[m.level_sum(el, "default", u, l) for el in els] for l in levels]
    rows.append([add(*[r[i] for r in rows]) for i in range(len(els))])
    return rows

def bieu4(m, u):
    docs = [(i, r) for i, r in enumerate(m.recs["documents"]) if r["unit"] == u and r["issued_by"] == "cap_uy"
            and within(window(r["period"])[0] if r["period"] else pd(r["date"]), m.period)]
    docs.sort(key=lambda x: (x[1]["date"], x[0]))
    out = []
    for k, (_, r) in enumerate(docs, 1):
        out.append([k, f'{KIND_LABEL[r["kind"]]} số {r["symbol"]}', r["summary"], pd(r["date"]).strftime("%d/%m/%Y")])
    return out

def report(dv, form, period, unit):
    p = subprocess.run([dv, "report", "db", "--form", form, "--period", period, "--unit", unit, "--format", "json"],
                       capture_output=True, text=True)
    if p.returncode: raise RuntimeError(p.stderr.strip())
    return json.loads(p.stdout)

def norm(v):
    return int(v) if isinstance(v, float) and v == int(v) else v

def check(dv, phase, periods, units):
    bad, n = [], 0
    for period in periods:
        m = Model(phase, period)
        for u in units:
            for form in ("bieu-1", "bieu-2", "bieu-4", "bieu-6", "bieu-7"):
                n += 1
                try:
                    got = report(dv, form, period, u)
                except Exception as e:
                    bad.append(f"{form} {period} {u}: {e}"); continue
                rows = [[norm(v) for v in r["values"]] for r in got["rows"]]
                if form in ("bieu-1", "bieu-2"):
                    want = [bieu12(m, form, u)]
                    if len(got["columns"]) != len(want[0]):
                        bad.append(f"{form}: {len(got['columns'])} columns, expected {len(want[0])}")
                elif form == "bieu-4":
                    want = bieu4(m, u)
                else:
                    want = bieu67(m, form, u)
                if rows != want:
                    if len(rows) != len(want):
                        bad.append(f"{form} {period} {u}: {len(rows)} rows, expected {len(want)}: {rows} / {want}")
                        continue
                    for i, (g, w) in enumerate(zip(rows, want)):
                        for j, (a, b) in enumerate(zip(g, w)):
                            if a != b:
                                bad.append(f"{form} {period} unit {u} row {i + 1} ({got['rows'][i]['label']}) "
                                           f"column {j + 1}: got {a!r}, expected {b!r}")
                        if len(g) != len(w):
                            bad.append(f"{form} {period} unit {u} row {i + 1}: {len(g)} values, expected {len(w)}")
    show(bad, 40)
    print(f"  {n} reports compared ({phase})")
    return not bad

if __name__ == "__main__":
    if sys.argv[1] == "gen":
        gen()
    elif sys.argv[1] == "check":
        dv, phase = sys.argv[2], sys.argv[3]
        periods = sys.argv[4].split(",")
        sys.exit(0 if check(dv, phase, periods, CODES) else 1)
    elif sys.argv[1] == "units":
        print_units(UNITS)
PY

check "generate the tree and the records" python3 model.py gen
python3 model.py units >units.csv
if ! run_dv o e init db; then fail "init: $(cat e)"; finish; fi
if ! run_dv o e import units db units.csv; then fail "import units: $(cat e)"; finish; fi
# the values first: typed before the records came; a value where the unit has records is refused (docs/entry.md)
if run_dv o e import values db values.csv; then ok; else fail "import values: $(cat e)"; fi
for reg in documents conferences inspections letters receptions supervisions criticisms; do
  if run_dv o e import "$reg" db "records_$reg.csv"; then ok; else fail "import $reg: $(cat e)"; fi
done

PERIODS=2023S1,2023S2,2023,2023Q1,2023Q3,202306,202301,2023C9,2022,2022S2,202212
check "the annexes of every unit equal the counts computed from the CSV files" \
  python3 model.py check "$DV" before "$PERIODS"

# a few of the rules, spelled out (the model above computes them too)
# json_cell FORM PERIOD UNIT ROW COL (1-based)
json_cell() {
  "$DV" report db --form "$1" --period "$2" --unit "$3" --format json |
    python3 -c 'import json,sys; r=json.load(sys.stdin)["rows"]; print(json.dumps(r[int(sys.argv[1])-1]["values"][int(sys.argv[2])-1]))' "$4" "$5"
}
expect_cell() { # FORM PERIOD UNIT ROW COL WANT WHY
  local got
  got=$(json_cell "$1" "$2" "$3" "$4" "$5")
  if [ "$got" = "$6" ]; then ok; else fail "$1 $2 $3 row $4 col $5: got $got, expected $6 ($7)"; fi
}
# Biểu 6: districts' documents_reviewed are all empty (null), recommendations all 0 (0)
expect_cell bieu-6 2023S1 P 2 2 null "level 2 fs_docs: every record leaves it empty"
expect_cell bieu-6 2023S1 P 2 3 0 "level 2 fs_recs: explicit zeros"
# Biểu 7: communes hold only conferences (drafts never counted), districts send 0 drafts
expect_cell bieu-7 2023S1 P 3 2 null "level 3 fc_drafts: only hoi_nghi records"
expect_cell bieu-7 2023S1 P 2 2 0 "level 2 fc_drafts: gui_du_thao with 0 drafts"
# hand-entered D1 letters (13) are P's "level below" column
expect_cell bieu-1 2023S1 D1 1 29 13 "D1 has no letter received in 2023S1: its entered 13"
# a hand-entered value of another period stays there
expect_cell bieu-7 2023S2 D2 1 1 6 "D2 fc_conferences entered for 2023S2"

# the province's Biểu 1 and 2 before a commune's record is added
for f in bieu-1 bieu-2; do "$DV" report db --form "$f" --period 2023S1 --unit P --format json >"p_$f.json"; done

# records added later replace the entered values where they contribute to the same cell
for reg in supervisions letters conferences; do
  if run_dv o e import "$reg" db "add_$reg.csv"; then ok; else fail "import add_$reg: $(cat e)"; fi
done
check "after records replace entered values, the annexes equal the computed counts" \
  python3 model.py check "$DV" after "$PERIODS"
expect_cell bieu-6 2023S1 C13 1 1 1 "C13 fs_count: one record now, not the entered 7"
expect_cell bieu-6 2023S1 C13 1 2 2 "C13 fs_docs: the record's 2, not the entered 3"
expect_cell bieu-6 2023S1 C13 1 3 4 "C13 fs_recs: the record leaves it empty, the entered 4 stays"
expect_cell bieu-6 2023S1 C13 1 4 null "C13 fs_accepted: empty record, nothing entered"
expect_cell bieu-1 2023S1 D1 1 29 1 "D1 letters received: the added record, not the entered 13"

# entered values that records replace are warned about on the annex
expect_warning() { # FORM UNIT UNIT-NAME ENTERED
  if "$DV" report db --form "$1" --period 2023S1 --unit "$2" --format json |
    python3 -c '
import json, sys
w = json.load(sys.stdin).get("warnings", [])
sys.exit(0 if any(sys.argv[1] in x and f"nhập tay {sys.argv[2]} " in x for x in w) else 1)' "$3" "$4"; then ok; else
    fail "$1 2023S1 $2: no warning that $3 entered $4 while its records say otherwise"
  fi
}
expect_warning bieu-1 D2 "Huyện Hai" 99
expect_warning bieu-1 P "Huyện Hai" 99
expect_warning bieu-1 P "Huyện Một" 13
expect_warning bieu-6 D1 "Xã Một Ba" 7
expect_warning bieu-6 P "Xã Một Ba" 3

# a commune's record does not move the province's Biểu 1 or 2
for f in bieu-1 bieu-2; do
  "$DV" report db --form "$f" --period 2023S1 --unit P --format json >"p2_$f.json"
  if cmp -s "p_$f.json" "p2_$f.json"; then ok; else
    # the D1 letter moves P's level-below letters column (13 -> 1), nothing else may
    python3 - "p_$f.json" "p2_$f.json" "$f" <<'PY' && ok || fail "$f of the province changed by more than the district's letter"
import json, sys
a, b = (json.load(open(x))["rows"][0]["values"] for x in sys.argv[1:3])
diff = [i + 1 for i, (x, y) in enumerate(zip(a, b)) if x != y]
allowed = [28, 30] if sys.argv[3] == "bieu-1" else []
if diff != allowed:
    print(f"  columns changed: {diff}, only {allowed} may"); sys.exit(1)
PY
  fi
done

finish
