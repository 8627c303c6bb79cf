"""Python helpers shared by the integration tests' python parts (the counterpart of lib.sh).

lib.sh puts this directory on PYTHONPATH, so a heredoc or a generated script imports it:
    from dvtest import bad, err, Client
(It is not named http.py: that would hide the standard library's http package.)

  - bad, err: the errors a script collects; they are printed (the first MAX_SHOWN) when the
    script exits, also when it stops early on an exception; end with sys.exit(1 if bad else 0).
    show(messages, limit) prints a list of messages the same way.
  - run_dv(dv, *args): runs the binary; a sanitizer report on its stderr is an error.
  - Client(port or base URL, source=ADDRESS to send from): HTTP requests to the server;
    client.login(LOGIN) signs in (the tests' users have the password pass-LOGIN-123) and
    returns a Session holding the cookie and the CSRF token, with get / form / api / upload.
    Every request returns (status, {lower-case header name: value}, body bytes).
  - text_of(data): a page's text, tags removed and entities decoded (for message checks).
  - page_form(html, action), submission(form, overrides): a page's POST form to action and
    the pairs a browser would send from it.
  - window(period), in_subtree(unit, root, parent), write_csv, load_csv, print_units: for the
    tests that compute the annexes themselves from their own CSV files.
"""
import atexit, csv, datetime, html, html.parser, http.client, json, re, subprocess, sys, urllib.parse, uuid

# ---------------- errors ----------------
bad = []
MAX_SHOWN = 60


def err(m):
    bad.append(m)


def show(messages, limit=MAX_SHOWN):
    """the first limit messages, indented, and how many more there are"""
    for m in messages[:limit]: print("  " + m)
    if len(messages) > limit: print(f"  … and {len(messages) - limit} more")


@atexit.register
def report_errors():
    show(bad)


# ---------------- the binary ----------------
def run_dv(dv, *args):
    """danvan ARGS…: the CompletedProcess (text); a sanitizer report is an error"""
    p = subprocess.run([dv, *args], capture_output=True, text=True)
    if "Sanitizer" in p.stderr or "runtime error:" in p.stderr:
        err(f"sanitizer report from danvan {' '.join(args[:2])}: {p.stderr[:2000]}")
    return p


# ---------------- HTTP ----------------
class Client:
    """the server at a port of 127.0.0.1 or at a base URL ("http://127.0.0.1:18123")"""

    def __init__(self, where, timeout=15, source=None):
        self.source = (source, 0) if source else None  # the address requests leave from
        if isinstance(where, int) or str(where).isdigit():
            self.host, self.port = "127.0.0.1", int(where)
        else:
            u = urllib.parse.urlparse(where)
            self.host, self.port = u.hostname, u.port
        self.timeout = timeout

    def req(self, method, path, body=None, headers=None, cookie=None, ctype=None):
        """one request; a body goes as ctype, else as the Content-Type of headers, else as
        application/json"""
        h = dict(headers or {})
        if cookie: h["Cookie"] = cookie
        if body is not None:
            if isinstance(body, str): body = body.encode()
            if ctype: h["Content-Type"] = ctype
            else: h.setdefault("Content-Type", "application/json")
        c = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout, source_address=self.source)
        try:
            c.request(method, path, body=body, headers=h)
            r = c.getresponse()
            data = r.read()
            return r.status, {k.lower(): v for k, v in r.getheaders()}, data
        finally:
            c.close()

    def login(self, login, password=None):
        return Session(self, login, password)


class Session:
    """a signed-in user: POST /api/session must answer 200 with the dv_session cookie and the
    CSRF token (else the script stops)"""

    def __init__(self, client, login, password=None):
        self.client, self.login = client, login
        password = password if password is not None else f"pass-{login}-123"
        st, hdrs, data = client.req("POST", "/api/session", json.dumps({"login": login, "password": password}))
        ck = hdrs.get("set-cookie", "")
        if st != 200 or not ck.startswith("dv_session="):
            raise SystemExit(f"login {login}: HTTP {st} {data[:200]!r}")
        self.cookie = ck.split(";")[0]
        self.csrf = json.loads(data)["csrf"]

    def get(self, path):
        return self.client.req("GET", path, cookie=self.cookie)

    def form(self, path, fields):
        """a form POST; the caller puts the csrf field in when the test wants it"""
        return self.client.req("POST", path, urllib.parse.urlencode(fields).encode(), cookie=self.cookie,
                               ctype="application/x-www-form-urlencoded")

    def api(self, method, path, obj=None):
        """a JSON API call with the X-CSRF-Token header"""
        return self.client.req(method, path, json.dumps(obj).encode() if obj is not None else None,
                               {"X-CSRF-Token": self.csrf}, self.cookie)

    def upload(self, path, name, content, ctype="text/csv"):
        """a multipart form with the csrf field and one file (content: str or bytes)"""
        b = uuid.uuid4().hex
        if isinstance(content, str): content = content.encode()
        body = (f"--{b}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{self.csrf}\r\n"
                f"--{b}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n"
                f"Content-Type: {ctype}\r\n\r\n").encode() + content + f"\r\n--{b}--\r\n".encode()
        return self.client.req("POST", path, body, cookie=self.cookie, ctype=f"multipart/form-data; boundary={b}")


def text_of(data, squeeze=True):
    """the page's text, scripts, styles and tags removed, entities decoded; runs of white
    space made one space unless squeeze=False"""
    s = data.decode("utf-8", "replace")
    s = re.sub(r"<script.*?</script>|<style.*?</style>", " ", s, flags=re.S)
    s = html.unescape(re.sub(r"<[^>]+>", " ", s))
    return re.sub(r"\s+", " ", s) if squeeze else s


# ---------------- the pages' forms ----------------
class Forms(html.parser.HTMLParser):
    """every <form> of a page: its action and its controls in order"""
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms, self.cur, self.select, self.textarea, self.disabled = [], None, None, None, 0
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.cur = {"action": a.get("action", ""), "method": a.get("method", "get").lower(), "controls": []}
            self.forms.append(self.cur)
        elif self.cur is None:
            return
        elif tag == "fieldset" and "disabled" in a:
            self.disabled += 1
        elif tag == "input" and a.get("name"):
            t = a.get("type", "text").lower()
            if t in ("submit", "button", "reset", "file", "image"): return
            self.cur["controls"].append({"kind": t, "name": a["name"], "value": a.get("value", "on" if t == "checkbox" else ""),
                                         "checked": "checked" in a, "disabled": self.disabled > 0})
        elif tag == "select" and a.get("name"):
            self.select = {"kind": "select", "name": a["name"], "options": [], "disabled": self.disabled > 0}
            self.cur["controls"].append(self.select)
        elif tag == "option" and self.select is not None:
            self.select["options"].append((a.get("value", ""), "selected" in a))
        elif tag == "textarea" and a.get("name"):
            self.textarea = {"kind": "textarea", "name": a["name"], "value": "", "disabled": self.disabled > 0}
            self.cur["controls"].append(self.textarea)
    def handle_endtag(self, tag):
        if tag == "form": self.cur = None
        elif tag == "select": self.select = None
        elif tag == "textarea": self.textarea = None
        elif tag == "fieldset" and self.disabled: self.disabled -= 1
    def handle_data(self, d):
        if self.textarea is not None: self.textarea["value"] += d

def page_form(page, action):
    """the POST form of the page (text) whose action is action; None if none"""
    p = Forms()
    p.feed(page)
    for f in p.forms:
        if f["action"] == action and f["method"] == "post": return f
    return None

def submission(form, overrides):
    """the pairs a browser sends, with overrides {name: value, or a list of checkbox values}"""
    pairs, done = [], set()
    for ctl in form["controls"]:
        if ctl.get("disabled"): continue
        n = ctl["name"]
        if ctl["kind"] == "checkbox":
            want = overrides.get(n)
            if want is None: on = ctl["checked"]
            else: on = ctl["value"] in (want if isinstance(want, list) else [want])
            if on: pairs.append((n, ctl["value"]))
            continue
        if ctl["kind"] == "radio":
            if ctl["checked"]: pairs.append((n, ctl["value"]))
            continue
        if n in overrides:
            if n not in done: pairs.append((n, overrides[n]))
            done.add(n)
            continue
        if ctl["kind"] == "select":
            opts = ctl["options"]
            sel = [v for v, s in opts if s]
            pairs.append((n, sel[-1] if sel else (opts[0][0] if opts else "")))
        else:
            pairs.append((n, ctl["value"]))
    names = {c["name"] for c in form["controls"] if not c.get("disabled")}
    for n in overrides:
        if n not in names: err(f"form {form['action']}: no control named {n!r} (controls: {sorted(names)})")
    return pairs

# ---------------- periods, units, CSV ----------------
D = datetime.date


def window(p):
    """the first and last day of a period: 2023, 2023S1, 2023Q2, 202305, 2023C9 (January to September)"""
    y = int(p[:4]); rest = p[4:]
    if rest == "": return D(y, 1, 1), D(y, 12, 31)
    if rest[0] == "S": return (D(y, 1, 1), D(y, 6, 30)) if rest == "S1" else (D(y, 7, 1), D(y, 12, 31))
    if rest[0] == "Q":
        q = int(rest[1]); m1 = 3 * q - 2
        end = D(y + 1, 1, 1) if q == 4 else D(y, m1 + 3, 1)
        return D(y, m1, 1), end - datetime.timedelta(days=1)
    if rest[0] == "C":
        m = int(rest[1:]); end = D(y + 1, 1, 1) if m == 12 else D(y, m + 1, 1)
        return D(y, 1, 1), end - datetime.timedelta(days=1)
    m = int(rest); end = D(y + 1, 1, 1) if m == 12 else D(y, m + 1, 1)
    return D(y, m, 1), end - datetime.timedelta(days=1)


def in_subtree(u, root, parent):
    """unit u is root or below it; parent maps a code to its parent's (None or "" at the top)"""
    while u:
        if u == root: return True
        u = parent[u]
    return False


def write_csv(name, header, rows):
    with open(name, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=header, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def load_csv(name):
    with open(name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def print_units(units, header=("code", "name", "type", "level", "parent_code")):
    """the units file for `danvan import units` (one tuple a unit, in header's order) on stdout"""
    w = csv.writer(sys.stdout, lineterminator="\n")
    w.writerow(header)
    w.writerows(units)
