#!/usr/bin/env bash
# The authorisation matrix (issue 13, items 1 and 6; docs/access.md, "The matrix"): every row of
# access_matrix.tsv is one request by one demo user (or nobody) against the real server on a
# demo database, with the status it must get, whether the record's personal data must be in
# the answer or not, and whether it must leave an audit entry. A mismatch is printed with its
# row's line number in the file.
source "$(dirname "$0")/lib.sh" "$@"
command -v sqlite3 >/dev/null || { echo "FAIL: the sqlite3 CLI is needed" >&2; exit 1; }
MATRIX=${MATRIX:-$HERE/access_matrix.tsv}
cd "$W" || exit 1

run_dv o e init db --demo || { fail "init --demo: $(cat e)"; finish; }
# the annexes the XLSX rows upload, as downloaded (unchanged: the upload changes no cell)
for spec in bieu-1:2023S1:304 bieu-1:2023S1:11329 bieu-1:2023S1:303 bieu-1:2023S1:31; do
  IFS=: read -r f p u <<<"$spec"
  run_dv o e report db --form "$f" --period "$p" --unit "$u" --format xlsx --out "$f-$p-$u.xlsx" ||
    fail "report $spec as XLSX: $(cat e)"
done
start_server db

check "the access matrix" python3 - "$PORT" "$MATRIX" <<'PY'
import html, io, json, re, sqlite3, sys, urllib.parse, uuid, zipfile
from dvtest import bad, err, Client

port, matrix = int(sys.argv[1]), sys.argv[2]
client = Client(port, timeout=20)
PASSWORDS = {"admin": "admin-dv-123", "xem": "xem-dv-123", "tuky": "tuky-dv-123", "ubnd": "ubnd-dv-123",
             "mattran": "mattran-dv-123", "pheduyet": "pheduyet123", "ngoquyen": "ngoquyen123",
             "maychai": "maychai123", "hongbang": "hongbang123"}
sessions = {}
def session(login):
    if login not in sessions: sessions[login] = client.login(login, PASSWORDS[login])
    return sessions[login]

db = sqlite3.connect("db", timeout=10)
def one(sql):
    row = db.execute(sql).fetchone()
    return row[0] if row else None

def audit_count():
    """entries of changes: reads (private.read) and sessions are not changes"""
    return one("SELECT count(*) FROM audit WHERE action <> 'private.read' AND action NOT LIKE 'session.%'")

# ---------------- the file ----------------
COLUMNS = ["actor", "method", "path", "body", "csrf", "status", "private", "audit"]
places, rows = {}, []
for n, line in enumerate(open(matrix, encoding="utf-8"), 1):
    line = line.rstrip("\n")
    if not line.strip() or line.startswith("#"): continue
    cells = line.split("\t")
    if cells[0].startswith("@"):
        if len(cells) != 2: err(f"{matrix}:{n}: a placeholder line is @name<TAB>definition"); continue
        places[cells[0][1:]] = (n, cells[1])
        continue
    if len(cells) != len(COLUMNS):
        err(f"{matrix}:{n}: {len(cells)} columns, expected {len(COLUMNS)} ({' '.join(COLUMNS)})"); continue
    rows.append((n, dict(zip(COLUMNS, cells))))
if bad: sys.exit(1)

# ---------------- placeholders ----------------
values = {}
def resolve(n, s):
    def sub(m):
        if m.group(1) not in values:
            err(f"{matrix}:{n}: unknown placeholder {{{m.group(1)}}}"); return m.group(0)
        return values[m.group(1)]
    return re.sub(r"\{([a-z0-9_]+)\}", sub, s)

def define(name):
    """a placeholder's value: `sql: SELECT …` (the first column of the first row) or
    `new LOGIN REG {json}` (a record that LOGIN creates through the API before the walk);
    it may name the placeholders defined above it"""
    n, d = places[name]
    d = resolve(n, d) if d.startswith("sql:") else d
    if d.startswith("sql:"):
        v = one(d[4:])
    elif d.startswith("new "):
        _, login, reg, body = d.split(" ", 3)
        st, _, data = session(login).api("POST", f"/api/registers/{reg}", json.loads(body))
        v = json.loads(data).get("id") if st in (200, 201) else None
        if v is None: err(f"{matrix}:{n}: @{name}: {login} could not create it: HTTP {st} {data[:200]!r}")
    else:
        err(f"{matrix}:{n}: @{name}: the definition is neither sql: nor new"); v = None
    if v is None and not bad: err(f"{matrix}:{n}: @{name} finds nothing")
    return None if v is None else str(v)

for name in places: values[name] = define(name)
if bad: sys.exit(1)

def private_values(rid):
    """the personal data of record rid, {field: value}, but for a value its public data holds
    as well (the demo's individual models are named after their person: the name is public)"""
    d = one(f"SELECT data FROM record_private WHERE record_id = {int(rid)}")
    public = one(f"SELECT data FROM records WHERE id = {int(rid)}") or ""
    public = json.dumps(json.loads(public), ensure_ascii=False) if public else ""
    return {k: v for k, v in json.loads(d or "{}").items() if isinstance(v, str) and v and v not in public}

# ---------------- one request ----------------
FORGED = "0" * 64

def multipart(fields, filename, content, ctype):
    b = uuid.uuid4().hex
    out = b"".join(f"--{b}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n".encode() for k, v in fields)
    out += (f"--{b}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{filename}\"\r\n"
            f"Content-Type: {ctype}\r\n\r\n").encode() + content + f"\r\n--{b}--\r\n".encode()
    return out, f"multipart/form-data; boundary={b}"

def url_of(n, row):
    """the row's path, placeholders resolved, letters and spaces percent-encoded (% is kept)"""
    return urllib.parse.quote(resolve(n, row["path"]), safe="/?&=%:,")

def send(row, n):
    """the request of a row: (status, headers, body)"""
    actor, method, path, body, csrf = row["actor"], row["method"], url_of(n, row), row["body"], row["csrf"]
    s = session(actor) if actor != "-" else None
    cookie = s.cookie if s else None
    token = {"ok": s.csrf if s else FORGED, "forged": FORGED, "none": None, "-": None}[csrf]
    kind, _, spec = body.partition(":")
    if body == "-":
        headers = {"X-CSRF-Token": token} if token and method != "GET" else {}
        return client.req(method, path, headers=headers, cookie=cookie)
    spec = resolve(n, spec)
    if kind == "json":
        headers = {"X-CSRF-Token": token} if token else {}
        return client.req(method, path, spec.encode(), headers, cookie)
    if kind == "form":
        pairs = urllib.parse.parse_qsl(spec, keep_blank_values=True)
        if token: pairs.insert(0, ("csrf", token))
        return client.req(method, path, urllib.parse.urlencode(pairs).encode(), cookie=cookie,
                          ctype="application/x-www-form-urlencoded")
    if kind in ("csv", "xlsx"):
        # csv:TEXT (\n between lines) or xlsx:FORM:PERIOD:UNIT (the annex downloaded by the CLI)
        fields = [("csrf", token)] if token else []
        if kind == "csv":
            content, name, ctype = spec.replace("\\n", "\n").encode(), "import.csv", "text/csv"
        else:
            f, p, u = spec.split(":")
            fields += [("form", f), ("period", p), ("unit", u)]
            content, name = open(f"{f}-{p}-{u}.xlsx", "rb").read(), "annex.xlsx"
            ctype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        data, mtype = multipart(fields, name, content, ctype)
        return client.req(method, path, data, cookie=cookie, ctype=mtype)
    err(f"{matrix}:{n}: body {body[:40]!r}: expected -, json:, form:, csv: or xlsx:")
    return None

def text_of(hdrs, data):
    """the answer as text: JSON without \\u escapes, HTML entities decoded, an XLSX's XML parts"""
    ctype = hdrs.get("content-type", "")
    if data[:2] == b"PK":
        z = zipfile.ZipFile(io.BytesIO(data))
        return html.unescape("".join(z.read(i).decode("utf-8", "replace") for i in z.namelist() if i.endswith(".xml")))
    t = data.decode("utf-8", "replace")
    if "json" in ctype:
        try: return json.dumps(json.loads(t), ensure_ascii=False)
        except ValueError: return t
    return html.unescape(t)

def check_private(n, row, path, hdrs, data):
    """private: shown / hidden (the record in the path) or shown:{p} / hidden:{p} (that record),
    has:TEXT / lacks:TEXT (the answer holds TEXT, placeholders resolved, or not)"""
    want, _, probe = row["private"].partition(":")
    if want == "-": return
    if want in ("has", "lacks"):
        probe = resolve(n, probe)
        if (probe in text_of(hdrs, data)) != (want == "has"):
            err(f"{matrix}:{n}: {row['actor']} {row['method']} {path}: the answer {'lacks' if want == 'has' else 'holds'} {probe!r}")
        return
    if want not in ("shown", "hidden"):
        err(f"{matrix}:{n}: private {row['private']!r}: expected -, shown or hidden"); return
    if probe:
        rid = resolve(n, probe)
    else:
        m = re.search(r"/(\d+)(?:\?|$)", path)
        if not m: err(f"{matrix}:{n}: private {want} but no record id in {path}"); return
        rid = m.group(1)
    vals = private_values(rid)
    if not vals: err(f"{matrix}:{n}: record {rid} has no personal data to look for"); return
    t = text_of(hdrs, data)
    found = [k for k, v in vals.items() if v in t]
    if want == "shown" and len(found) != len(vals):
        err(f"{matrix}:{n}: {row['actor']} {row['method']} {path}: personal data of record {rid} not shown "
            f"({sorted(set(vals) - set(found))})")
    if want == "hidden" and found:
        err(f"{matrix}:{n}: {row['actor']} {row['method']} {path}: personal data of record {rid} shown ({found})")

def walk(n, row):
    before = audit_count()
    r = send(row, n)
    if r is None: return
    st, hdrs, data = r
    path = url_of(n, row)
    what = f"{matrix}:{n}: {row['actor']} {row['method']} {path}"
    if str(st) != row["status"]:
        err(f"{what}: HTTP {st}, expected {row['status']} {data[:160]!r}")
    if 200 <= st < 300: check_private(n, row, path, hdrs, data)
    changed = audit_count() - before
    if row["audit"] == "yes" and changed < 1: err(f"{what}: HTTP {st} left no audit entry")
    if row["audit"] == "no" and changed: err(f"{what}: HTTP {st} left {changed} audit entries")
    if row["audit"] not in ("yes", "no", "-"): err(f"{matrix}:{n}: audit {row['audit']!r}: expected yes, no or -")

for n, row in rows: walk(n, row)
print(f"{len(rows)} rows walked, {len(places)} placeholders")
sys.exit(1 if bad else 0)
PY
check_server_end
finish
