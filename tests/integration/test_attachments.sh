#!/usr/bin/env bash
# Attachments of documents (issue 3) through the real server: POST /r/documents/ID/attachments
# (multipart, field `file`, with the form's CSRF token read from the record page). A small
# real PDF and a DOCX (a ZIP holding [Content_Types].xml and word/document.xml) are accepted,
# listed on the record page with their SHA-256 and downloaded with the same bytes; a file
# whose content does not match its name (PNG bytes in x.pdf, a plain ZIP as .docx, text as
# .pdf), a type that is not allowed, and a file over 10 MiB (413, as the contract says) are
# rejected and store nothing;
# no CSRF token, a viewer, and a user of another unit cannot upload; a user of another unit
# cannot download.
source "$(dirname "$0")/lib.sh" "$@"
command -v sqlite3 >/dev/null || { echo "FAIL: the sqlite3 CLI is needed" >&2; exit 1; }
cd "$W" || exit 1

cat >units.csv <<'CSV'
code,name,type,level,parent_code
T,Tỉnh Tệp,Tỉnh,1,
D,Huyện Một,Huyện,2,T
E,Huyện Hai,Huyện,2,T
CSV
run_dv o e init db || { fail "init: $(cat e)"; finish; }
run_dv o e import units db units.csv || { fail "import units: $(cat e)"; finish; }
cat >docs.csv <<'CSV'
kind,symbol,date,unit,issued_by,summary,fields
NQ,08-NQ/HU,2023-03-01,D,cap_uy,Nghị quyết có tệp đính kèm,dan_toc
CSV
run_dv o e import documents db docs.csv || { fail "import documents: $(cat e)"; finish; }
DOC=$(sqlite3 db "select id from records where register='documents'")
[ -n "$DOC" ] && ok || { fail "the document is not in the records table"; finish; }
add_user doff D officer
add_user dview D viewer
add_user eoff E officer

# the files
python3 - <<'PY'
import io, zipfile
pdf = (b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\n"
       b"endobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")
open("small.pdf", "wb").write(pdf)
png = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
       b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")
open("image.png", "wb").write(png)
b = io.BytesIO()
with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
               'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>')
    z.writestr("word/document.xml", '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.'
               'openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Nghị quyết</w:t></w:r></w:p>'
               '</w:body></w:document>')
open("doc.docx", "wb").write(b.getvalue())
b = io.BytesIO()
with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("readme.txt", "not a word document")
open("plain.zip", "wb").write(b.getvalue())
big = b"%PDF-1.4\n" + b"0" * ((10 << 20) - 9 - 6) + b"%%EOF\n"
assert len(big) == 10 << 20
open("limit.pdf", "wb").write(big)
open("over.pdf", "wb").write(big + b"\n")
PY

start_server db

check "attachments over HTTP" python3 - "$BASE" "$DOC" <<'PY'
import hashlib, html, http.client, json, re, socket, sqlite3, sys, urllib.parse, uuid
from dvtest import bad, err
base, doc = sys.argv[1], sys.argv[2]
host = urllib.parse.urlparse(base)

def req(method, path, body=None, headers=None, cookie=None):
    h = dict(headers or {})
    if cookie: h["Cookie"] = cookie
    if body is not None and len(body) > (1 << 20):
        return raw_req(method, path, body, h)
    c = http.client.HTTPConnection(host.hostname, host.port, timeout=60)
    c.request(method, path, body=body, headers=h)
    r = c.getresponse(); data = r.read()
    out = (r.status, dict((k.lower(), v) for k, v in r.getheaders()), data)
    c.close()
    return out

def raw_req(method, path, body, h):
    """a large body over a plain socket: a server may answer (413) and close before it has
    read it all, as curl and browsers allow; the answer is read even if sending failed"""
    s = socket.create_connection((host.hostname, host.port), timeout=60)
    head = f"{method} {path} HTTP/1.1\r\nHost: {host.hostname}:{host.port}\r\nContent-Length: {len(body)}\r\n" \
           + "".join(f"{k}: {v}\r\n" for k, v in h.items()) + "Connection: close\r\n\r\n"
    try:
        s.sendall(head.encode())
        for i in range(0, len(body), 1 << 16):
            s.sendall(body[i:i + (1 << 16)])
    except (BrokenPipeError, ConnectionResetError):
        pass
    data = b""
    try:
        while True:
            chunk = s.recv(1 << 16)
            if not chunk: break
            data += chunk
    except (ConnectionResetError, socket.timeout):
        pass
    s.close()
    m = re.match(rb"HTTP/1\.[01] (\d{3})", data)
    if not m: return 0, {}, b"no HTTP answer: " + data[:100]
    head, _, rest = data.partition(b"\r\n\r\n")
    hdrs = {}
    for line in head.split(b"\r\n")[1:]:
        k, _, v = line.decode("latin-1").partition(":")
        hdrs[k.strip().lower()] = v.strip()
    return int(m.group(1)), hdrs, rest

def login(user):
    st, hdrs, data = req("POST", "/api/session", json.dumps({"login": user, "password": f"pass-{user}-123"}).encode(),
                         {"Content-Type": "application/json"})
    ck = hdrs.get("set-cookie", "")
    if st != 200 or not ck.startswith("dv_session="):
        err(f"login {user}: HTTP {st}"); return None
    return ck.split(";")[0]

def page(cookie):
    st, _, data = req("GET", f"/r/documents/{doc}", cookie=cookie)
    return st, data.decode("utf-8", "replace")

def csrf_of(text):
    # <input type="hidden" name="csrf" value="…"> in the upload form
    m = re.search(r'<form[^>]*action="/r/documents/%s/attachments"[^>]*>(.*?)</form>' % doc, text, re.S)
    scope = m.group(1) if m else text
    for tag in re.findall(r"<input[^>]*>", scope):
        if re.search(r'name="csrf"', tag):
            v = re.search(r'value="([^"]*)"', tag)
            if v: return html.unescape(v.group(1))
    return None

def upload(cookie, name, data, csrf, ctype="application/octet-stream"):
    bnd = "----dv" + uuid.uuid4().hex
    parts = []
    if csrf is not None:
        parts.append(f'--{bnd}\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n{csrf}\r\n'.encode())
    parts.append(f'--{bnd}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
                 f"Content-Type: {ctype}\r\n\r\n".encode() + data + b"\r\n")
    parts.append(f"--{bnd}--\r\n".encode())
    return req("POST", f"/r/documents/{doc}/attachments", b"".join(parts),
               {"Content-Type": f"multipart/form-data; boundary={bnd}"}, cookie)

def stored():
    con = sqlite3.connect("db")
    rows = con.execute("select id, name, type, size, sha256 from attachments order by id").fetchall()
    con.close()
    return rows

doff, dview, eoff = login("doff"), login("dview"), login("eoff")
st, text = page(doff)
if st == 404 or st != 200:
    err(f"GET /r/documents/{doc} as the officer: HTTP {st} (the registers' pages are not there?)")
csrf = csrf_of(text) if st == 200 else None
if st == 200 and not csrf:
    err("the record page has no upload form with a csrf token")

def accepted(name, path, ctype, want_type):
    data = open(path, "rb").read()
    before = stored()
    st, hdrs, body = upload(doff, name, data, csrf, ctype)
    if st not in (200, 201, 302, 303):
        err(f"upload {name} ({len(data)} bytes): HTTP {st}, expected success {body[:300]!r}")
        return
    after = stored()
    new = [r for r in after if r not in before]
    if len(new) != 1:
        err(f"upload {name}: {len(new)} attachments stored, expected 1"); return
    aid, sname, stype, ssize, ssha = new[0]
    sha = hashlib.sha256(data).hexdigest()
    if (sname, stype, ssize, ssha) != (name, want_type, len(data), sha):
        err(f"upload {name}: stored as {(sname, stype, ssize, ssha)}, expected {(name, want_type, len(data), sha)}")
    # the record page lists it with its SHA-256 and a download link
    st, text = page(doff)
    if f"/attachments/{aid}" not in text: err(f"the record page has no link /attachments/{aid} for {name}")
    if sha not in text: err(f"the record page does not show the SHA-256 of {name} ({sha})")
    if name not in html.unescape(text): err(f"the record page does not show the name {name}")
    # download: same bytes, its type
    for who, ck in (("the officer", doff), ("the viewer", dview)):
        st, hdrs, body = req("GET", f"/attachments/{aid}", cookie=ck)
        if st != 200: err(f"download {name} by {who}: HTTP {st}"); continue
        if body != data: err(f"download {name} by {who}: {len(body)} bytes, not the {len(data)} uploaded")
        if not hdrs.get("content-type", "").startswith(want_type):
            err(f"download {name}: Content-Type {hdrs.get('content-type')!r}, expected {want_type}")
        if "attachment" not in hdrs.get("content-disposition", ""):
            err(f"download {name}: Content-Disposition {hdrs.get('content-disposition')!r}")
    # another unit's officer may not download it
    st, _, body = req("GET", f"/attachments/{aid}", cookie=eoff)
    if st != 403: err(f"download {name} by an officer of another district: HTTP {st}, expected 403")
    if data[:64] in body: err(f"download {name} by an officer of another district returned the file")
    # without a session
    st, _, body = req("GET", f"/attachments/{aid}")
    if st not in (302, 303, 401): err(f"download {name} without a session: HTTP {st}")
    if data[:64] in body: err(f"download {name} without a session returned the file")
    return aid

def rejected(name, path_or_bytes, ctype, what, statuses=(400, 413, 415, 422), cookie=None, token="csrf", says=None):
    data = path_or_bytes if isinstance(path_or_bytes, bytes) else open(path_or_bytes, "rb").read()
    before = stored()
    st, hdrs, body = upload(cookie or doff, name, data, csrf if token == "csrf" else token, ctype)
    if st not in statuses:
        err(f"{what}: HTTP {st}, expected one of {statuses} {body[:200]!r}")
    if st in statuses and st != 0 and (st != 413 or says):
        t = body.decode("utf-8", "replace")
        if len(t.strip()) == 0: err(f"{what}: HTTP {st} without a message")
        if says and not any(x in t for x in says): err(f"{what}: HTTP {st}, the answer does not say why ({says})")
    if stored() != before: err(f"{what}: an attachment was stored")

if csrf:
    accepted("nghi-quyet-08.pdf", "small.pdf", "application/pdf", "application/pdf")
    accepted("Nghị quyết (bản Word).docx", "doc.docx",
             "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
             "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    accepted("anh.png", "image.png", "image/png", "image/png")
    rejected("x.pdf", "image.png", "application/pdf", "PNG bytes named x.pdf", says=("không đúng loại",))
    rejected("x.docx", "plain.zip", "application/zip", "a plain ZIP named x.docx")
    rejected("y.pdf", b"Hello, this is text, not a PDF\n", "application/pdf", "text named y.pdf")
    rejected("z.png", open("small.pdf", "rb").read(), "image/png", "PDF bytes named z.png")
    rejected("script.exe", b"MZ\x90\x00" + b"\x00" * 100, "application/octet-stream", "an .exe")
    rejected("noext", open("small.pdf", "rb").read(), "application/pdf", "a name without an extension")
    rejected("over.pdf", "over.pdf", "application/pdf", "a PDF of 10 MiB + 1 byte", (413,),
             says=("quá lớn", "10 MB"))
    rejected("huge.pdf", b"%PDF-1.4\n" + b"0" * (12 << 20), "application/pdf", "a PDF of 12 MiB", (0, 413))
    # exactly at the limit is accepted
    accepted("limit.pdf", "limit.pdf", "application/pdf", "application/pdf")
    # no CSRF token, a wrong one, a viewer, an officer of another unit
    rejected("a.pdf", "small.pdf", "application/pdf", "upload without a CSRF token", (403,), token=None)
    rejected("a.pdf", "small.pdf", "application/pdf", "upload with a wrong CSRF token", (403,), token="0" * 64)
    for who, ck in (("the viewer of D", dview), ("an officer of E", eoff)):
        if not ck: continue
        st, text = page(ck)
        tok = csrf_of(text) or csrf
        rejected("a.pdf", "small.pdf", "application/pdf", f"upload by {who}", (403,), cookie=ck, token=tok)
    # the audit log has an entry per stored file
    con = sqlite3.connect("db")
    n = con.execute("select count(*) from audit where action='attachment.add'").fetchone()[0]
    con.close()
    if n != len(stored()): err(f"{n} attachment.add audit entries for {len(stored())} files")
sys.exit(1 if bad else 0)
PY

check_server_end
finish
