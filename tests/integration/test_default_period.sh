#!/usr/bin/env bash
# The period a page shows when the URL names none (found by the authorisation matrix, issue 13):
# it was the demo's 2023S1 everywhere, so an officer of a ward of the new tree (from 01/07/2025)
# got 403/404 on /registers and /indicators. Now it is the half-year that holds today
# (clock.today) or, for a unit that ended before today, the half-year of its last day:
#   hongbang (Phường Hồng Bàng, from 01/07/2025), today 07/12/2026 -> 2026S2 on every page;
#   ngoquyen (Quận Ngô Quyền, ended 30/06/2025)                    -> 2025S1;
#   today 10/03/2026                                              -> 2026S1;
#   today 01/07/2026                                              -> 2026S2.
source "$(dirname "$0")/lib.sh" "$@"
cd "$W" || exit 1
run_dv o e init db --demo || { fail "init --demo: $(cat e)"; finish; }

# pages LOGIN PASSWORD WANT : every page with a period selector answers 200 with WANT selected
pages() {
  python3 - "$PORT" "$@" <<'EOF'
import re, sys
from dvtest import bad, err, Client
port, login, password, want = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
s = Client(port).login(login, password)
for path in ("/", "/registers", "/indicators", "/report?form=bieu-5", "/entry?form=bieu-5",
             "/r/dialogues", "/documents/report"):
    st, _, data = s.get(path)
    page = data.decode()
    sel = re.search(r'<select[^>]*name="period"[^>]*>(.*?)</select>', page, re.S)
    got = re.findall(r'<option value="([^"]*)" selected', sel.group(1)) if sel else []
    if st != 200 or got != [want]:
        err(f"{login} GET {path}: HTTP {st}, period selected {got or 'none'}, want {want}")
sys.exit(1 if bad else 0)
EOF
}

# halt : stops the server (stop_server would also remove the work directory)
halt() { kill "$SPID" && wait "$SPID" 2>/dev/null; SPID=; }

run_dv o e config db clock.today 2026-12-07 || fail "config: $(cat e)"
start_server db
check "hongbang on 07/12/2026: 2026S2" pages hongbang hongbang123 2026S2
check "ngoquyen (ended 30/06/2025): 2025S1" pages ngoquyen ngoquyen123 2025S1
check_server_end
halt

run_dv o e config db clock.today 2026-03-10 || fail "config: $(cat e)"
start_server db
check "hongbang on 10/03/2026: 2026S1" pages hongbang hongbang123 2026S1
halt

run_dv o e config db clock.today 2026-07-01 || fail "config: $(cat e)"
start_server db
check "hongbang on 01/07/2026: 2026S2" pages hongbang hongbang123 2026S2
check_server_end
finish
