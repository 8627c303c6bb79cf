#!/usr/bin/env python3
"""Lists every Vietnamese UI string of the tree and updates po/en.po.

  tools/po_extract.py [--check] [ROOT]

A string is Vietnamese when it has a non-ASCII letter. It is taken as the web server looks
it up at run time (src/util/i18n.c, src/web/html.c):
  - a C string literal (adjacent literals joined, as the compiler does) in src/web/*.c,
    src/app/*.c, src/core/*.c: a literal with markup ('<' or '>') gives its text between
    tags and its title / placeholder / aria-label / alt / label values, one msgid each;
    another gives itself (printf formats exactly, other text without its leading and
    trailing white space);
  - a label of forms/*.form, forms/elements.txt and registers/*.reg (titles, column headers
    split at '|', field and option labels, messages of checks).
Left out: the lines marked "i18n: none", the files in SKIP (documents stay Vietnamese;
the demo's data stays as entered; app.js and app.css are not HTML of the template layer).

The catalogue keeps its translations and its leading comments (the glossary); new msgids
come in with an empty msgstr, gone ones become obsolete ("#~") unless marked "#. manual".
Every untranslated msgid is printed as FILE:LINE: MSGID. With --check nothing is written
and the exit status is 1 when a msgid is untranslated or po/en.po is not up to date."""
import os, re, sys, unicodedata

SKIP = {"src/web/static.c", "src/web/static_ux.c", "src/app/app_demo.c", "src/app/app_doc_build.c", "src/core/document.c"}
HEADER = ["Project-Id-Version: danvan", "PO-Revision-Date: 2026-12-07 00:00+0700",
          "Last-Translator: danvan developers", "Language-Team: danvan developers", "Language: en",
          "MIME-Version: 1.0", "Content-Type: text/plain; charset=UTF-8", "Content-Transfer-Encoding: 8bit"]
HUMAN_ATTRS = {"title", "placeholder", "aria-label", "alt", "label"}


def vietnamese(s):
    return any(ord(ch) > 127 and unicodedata.category(ch).startswith("L") for ch in s)


# ---------------- C sources ----------------
ESC = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "'": "'", "0": "\0", "a": "\a"}


def unescape(body):
    out, i = bytearray(), 0
    while i < len(body):
        ch = body[i]
        if ch != "\\":
            out += ch.encode()
            i += 1
            continue
        nxt = body[i + 1]
        if nxt == "x":
            m = re.match(r"[0-9a-fA-F]+", body[i + 2:])
            out.append(int(m.group(0), 16) & 0xFF)
            i += 2 + len(m.group(0))
        elif nxt in "01234567":
            m = re.match(r"[0-7]{1,3}", body[i + 1:])
            out.append(int(m.group(0), 8) & 0xFF)
            i += 1 + len(m.group(0))
        else:
            out += ESC.get(nxt, nxt).encode()
            i += 2
    return out.decode("utf-8", "replace")


TOKEN = re.compile(r'//[^\n]*|/\*.*?\*/|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'|\n|[^"\'/\n]+|/', re.S)


def c_literals(text):
    """(line, joined literal) for each run of adjacent string literals; lines holding
    'i18n: none' are skipped"""
    skip_lines = {i + 1 for i, l in enumerate(text.split("\n")) if "i18n: none" in l}
    line, run, start = 1, [], 0
    for m in TOKEN.finditer(text):
        tok = m.group(0)
        if tok.startswith('"'):
            if not run: start = line
            run.append(unescape(tok[1:-1]))
        elif tok.startswith("//") or tok.startswith("/*") or tok == "\n" or tok.isspace():
            pass
        else:
            if run and start not in skip_lines: yield start, "".join(run)
            run = []
        line += tok.count("\n")
    if run and start not in skip_lines: yield start, "".join(run)


def tag_end(s, i, out):
    """from i (inside a tag) to after its '>': human attribute values into out"""
    while i < len(s) and s[i] != ">":
        q = s.find('="', i)
        gt = s.find(">", i)
        if q < 0 or (0 <= gt < q): break
        name = s[i:q].split(" ")[-1]
        ve = s.find('"', q + 2)
        if ve < 0: break
        if name in HUMAN_ATTRS: out.append(s[q + 2:ve])
        i = ve + 1
    gt = s.find(">", i)
    return gt + 1 if gt >= 0 else len(s)


def segments(s):
    """the texts that html.c looks up in a literal with markup"""
    out, i = [], 0
    lt, gt = s.find("<"), s.find(">")
    if gt >= 0 and (lt < 0 or gt < lt): i = tag_end(s, 0, out)
    while i < len(s):
        if s[i] == "<":
            raw = s.startswith("<script", i) or s.startswith("<style", i)
            i = tag_end(s, i, out)
            if raw:
                end = s.find("</", i)
                if end >= 0: i = end
            continue
        e = s.find("<", i)
        e = len(s) if e < 0 else e
        out.append(s[i:e])
        i = e
    return out


def is_format(s):
    return re.search(r"%[-+ #0-9.*'hlLqjzt]*[a-zA-Z]", s.replace("%%", "")) is not None


def keys_of_literal(s):
    if "<" in s or ">" in s: texts = [t.strip() for t in segments(s)]
    elif is_format(s): texts = [s]
    else: texts = [s.strip()]
    return [t for t in texts if vietnamese(t)]


# ---------------- forms and registers ----------------
def label_tail(words):
    """the label at the end of a line: from the first word with a capital or non-ASCII letter"""
    for i, w in enumerate(words):
        if any(ch.isupper() or ord(ch) > 127 for ch in w) or w.startswith('"'): return " ".join(words[i:])
    return ""


def keys_of_decl(line):
    line = line.strip()
    if not line or line.startswith("#"): return []
    words = line.split()
    kw = words[0]
    if kw == "col":
        header = line[4:].split(" = ")[0]
        return [h.strip() for h in header.split("|")]
    if kw in ("title", "item", "row_header", "total_label", "row_label"): return [line[len(kw):].strip()]
    if kw == "field": return [" ".join(words[4:])]
    if kw == "option": return [" ".join(words[2:])]
    return [label_tail(words[1:])]


def keys_of_elements(line):
    line = line.strip()
    if not line or line.startswith("#"): return []
    return [" ".join(line.split()[3:])]


# ---------------- the tree ----------------
def sources(root):
    for d, pat in (("src/web", ".c"), ("src/app", ".c"), ("src/core", ".c"), ("forms", ".form"),
                   ("forms", ".txt"), ("registers", ".reg")):
        for name in sorted(os.listdir(os.path.join(root, d))):
            rel = f"{d}/{name}"
            if name.endswith(pat) and rel not in SKIP: yield rel


JS_SOURCES = {"src/web/static.c": "app_js", "src/web/static_ux.c": "web_ux_js"}
JS_STRING = re.compile(r"'((?:[^'\\\n])*)'")


def js_keys(text, var):
    """the script's single-quoted messages (util/i18n.c tr_js), trimmed"""
    start = text.index(var + "[] =")
    ln, js = next(c_literals(text[start:]))
    ln += text[:start].count("\n")
    return [(ln + js[:m.start()].count("\n"), m.group(1).strip()) for m in JS_STRING.finditer(js)]


def extract(root):
    """{msgid: [file:line, …]} in the order first met"""
    found = {}
    for rel in sources(root):
        text = open(os.path.join(root, rel), encoding="utf-8").read()
        if rel.endswith(".c"):
            items = [(ln, k) for ln, lit in c_literals(text) for k in keys_of_literal(lit)]
        else:
            fn = keys_of_elements if rel.endswith(".txt") else keys_of_decl
            items = [(i + 1, k) for i, l in enumerate(text.split("\n")) for k in fn(l)]
        for ln, k in items:
            if vietnamese(k): found.setdefault(k, []).append(f"{rel}:{ln}")
    for rel, var in JS_SOURCES.items():
        for ln, k in js_keys(open(os.path.join(root, rel), encoding="utf-8").read(), var):
            if vietnamese(k): found.setdefault(k, []).append(f"{rel}:{ln}")
    return found


# ---------------- PO files ----------------
def po_unq(s):
    return unescape(s[1:-1]) if s.startswith('"') else ""


def po_q(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t") + '"'


def read_po(path):
    """(leading comment lines, {msgid: (msgstr, manual)}, order of msgids)"""
    lead, entries, order = [], {}, []
    if not os.path.exists(path): return lead, entries, order
    cur, field, manual, seen_entry = None, None, False, False
    for line in open(path, encoding="utf-8").read().split("\n"):
        if not seen_entry and line.startswith("#") and not line.startswith("#~"):
            lead.append(line)
            continue
        if line.startswith("#. manual"): manual = True
        if line.startswith("msgid "):
            seen_entry = True
            cur, field = [po_unq(line[6:]), ""], 0
        elif line.startswith("msgstr ") and cur is not None:
            cur[1], field = po_unq(line[7:]), 1
        elif line.startswith('"') and cur is not None:
            cur[field] += po_unq(line)
        elif not line.strip() and cur is not None:
            if cur[0]:
                entries[cur[0]] = (cur[1], manual)
                order.append(cur[0])
            cur, manual = None, False
    if cur is not None and cur[0]:
        entries[cur[0]] = (cur[1], manual)
        order.append(cur[0])
    return lead, entries, order


def write_po(path, lead, found, old):
    out = list(lead) if lead else ["# English catalogue of danvan (see docs/i18n.md)."]
    out += ['msgid ""', 'msgstr ""'] + [po_q(h + "\n") for h in HEADER] + [""]
    for k, refs in found.items():
        if is_format(k): out.append("#, c-format")
        out.append("#: " + " ".join(refs[:4]))
        out += ["msgid " + po_q(k), "msgstr " + po_q(old.get(k, ("", False))[0]), ""]
    for k, (v, manual) in old.items():
        if k in found: continue
        if manual: out += ["#. manual", "msgid " + po_q(k), "msgstr " + po_q(v), ""]
        else: out += ["#~ msgid " + po_q(k), "#~ msgstr " + po_q(v), ""]
    open(path, "w", encoding="utf-8").write("\n".join(out))


def main(argv):
    check = "--check" in argv
    args = [a for a in argv if a != "--check"]
    root = args[0] if args else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    po = os.path.join(root, "po", "en.po")
    lead, old, _ = read_po(po)
    found = extract(root)
    untranslated = [(refs[0], k) for k, refs in found.items() if not old.get(k, ("", False))[0]]
    for ref, k in untranslated: print(f"{ref}: {po_q(k)}")
    new = [k for k in found if k not in old]
    gone = [k for k, (v, manual) in old.items() if k not in found and not manual]
    print(f"{len(found)} msgids, {len(untranslated)} untranslated, {len(new)} new, {len(gone)} gone",
          file=sys.stderr)
    if check: return 1 if untranslated or new else 0
    write_po(po, lead, found, old)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
