#!/usr/bin/env bash
# Drill-down across the 2025 reform (issue 12 item 6, docs/entry.md): every number of an annex
# that links to a register list opens a list of exactly that many records — also for a period
# that began before the tree of its last day. The year 2025 of Thành phố Hải Phòng on the 2025
# tree counts the first half's work of the old Hải Dương into the new city (core/view.c); the
# list /r/dialogues?unit=31&period=2025… once showed only the records of 31's own subtree
# (34 where the annex said 55). Checked on the demo for Biểu 5 (every number a count of
# dialogues) of 2025 (across the reform), 2024 (the old tree) and 2026 (the new one), for the
# city and a new commune; Biểu 1 and 6 (sums and counts) open their lists.
source "$(dirname "$0")/lib.sh" "$@"
cd "$W" || exit 1
run_dv o e init db --demo || { fail "init --demo: $(cat e)"; finish; }
start_server db

check "each annex number opens a list of that many records" python3 - "$PORT" <<'PY'
import html, re, sys
from dvtest import Client, err, bad
c = Client(int(sys.argv[1])).login("admin", "admin-dv-123")
LINK = re.compile(r'<a href="(/r/[^"]+)">([0-9.]+)</a>')
COUNT = re.compile(r"([0-9.]+) bản ghi")
checked = 0
for unit in ("31", "11311"):
    for period in ("2025", "2024", "2026"):
        for form in ("bieu-5", "bieu-1", "bieu-6"):
            st, _, body = c.get(f"/report?form={form}&period={period}&unit={unit}")
            if st != 200: err(f"{form} {period} {unit}: HTTP {st}"); continue
            table = body.decode().split('<table class="annex', 1)[-1].split("</table>", 1)[0]
            for href, num in LINK.findall(table)[:12]:
                url = html.unescape(href)
                st, _, page = c.get(url)
                m = COUNT.search(page.decode())
                got = int(m.group(1).replace(".", "")) if m else 0
                checked += 1
                if st != 200 or (form == "bieu-5" and got != int(num.replace(".", ""))):
                    err(f"{form} {period} {unit}: the number {num} opens {url} with {got} records")
if checked < 60: err(f"only {checked} links checked")
print(f"{checked} links checked")
sys.exit(1 if bad else 0)
PY
check_server_end
finish
