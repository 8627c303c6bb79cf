#!/usr/bin/env bash
# Connections (issue 13, F5 and F7): one address that misbehaves cannot stop the service.
#   - the limits are settings: `danvan config DB server.per_ip_connections N` and the others
#     of docs/contract.md are taken, values out of range refused;
#   - 1,100 connections from 127.0.0.1 that send half a request and then one header line
#     every 0.4 s: at most server.per_ip_connections (20 here) stay open, the rest are closed
#     at once; meanwhile an officer signed in from 127.0.0.2 gets every page within 1 s;
#     the trickling connections are closed by the server once server.header_timeout (2 s
#     here) has passed since they opened, although they never stopped sending;
#   - the deadline is for the headers only: a POST whose body arrives over 3 s is answered;
#   - a URL over 8,192 bytes (of one long argument, or of 5,000 or 40,000 arguments) and a
#     shorter one with over 200 arguments are answered 414 within 2 s, with a message that
#     says the limit; a URL of 200 arguments is answered as usual; headers past the 256 KiB
#     of a connection's memory (6,000 lines, a cookie of 200 KB, 5,000 cookies) get 431;
#   - the server still runs and its log holds no sanitizer report.
source "$(dirname "$0")/lib.sh" "$@"
cd "$W" || exit 1

if ! run_dv o e init db --demo; then fail "init --demo: $(cat e)"; finish; fi
add_user off304 304 officer

# the settings: accepted in range, refused out of it (the message names the key)
for kv in "server.per_ip_connections 20" "server.header_timeout 2" "server.timeout 5" "server.connections 1000"; do
  set -- $kv
  if run_dv o e config db "$1" "$2"; then ok; else fail "config $1 $2: $(cat e)"; fi
done
for kv in "server.per_ip_connections -1" "server.header_timeout 0" "server.timeout abc" "server.connections 5" \
  "server.header_timeout 100000"; do
  set -- $kv
  if run_dv o e config db "$1" "$2"; then fail "config $1 $2 was accepted"
  elif grep -qF "$1" e; then ok
  else fail "config $1 $2: the message does not name the key: $(cat e)"; fi
done

start_server db

check "one address's slow connections do not stop the others" python3 - "$PORT" <<'PY'
import resource, socket, sys, time
from dvtest import bad, err, Client
port = int(sys.argv[1])
soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 4096), hard))

def is_open(s):
    """the server has not closed s (nothing to read, no end of file)"""
    s.setblocking(False)
    try:
        return s.recv(1) != b""
    except BlockingIOError:
        return True
    except OSError:
        return False

flood, t0 = [], time.monotonic()
for i in range(1100):
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    try:
        s.settimeout(2)
        s.connect(("127.0.0.1", port))
        s.sendall(b"GET /login HTTP/1.1\r\nHost: localhost\r\n")
    except OSError:
        pass
    flood.append(s)
time.sleep(0.3)
held = [s for s in flood if is_open(s)]
print(f"{len(held)} of {len(flood)} slow connections held by the server")
if len(held) > 20: err(f"{len(held)} slow connections of one address held open, the cap is 20")

# an officer from another address, while the slow ones trickle
officer = Client(port, timeout=5, source="127.0.0.2")
worst = 0.0
try:
    sess = officer.login("off304")
    for path in ("/", "/registers", "/r/letters", "/report?form=bieu-5&period=2023S1&unit=304", "/"):
        for s in held: s.send(b"X-Slow: 1\r\n") if is_open(s) else None
        t = time.monotonic()
        st, _, body = sess.get(path)
        dt = time.monotonic() - t
        worst = max(worst, dt)
        if st != 200: err(f"GET {path} from 127.0.0.2 during the flood: HTTP {st}")
        time.sleep(0.4)
except Exception as e:
    err(f"the officer at 127.0.0.2 got no answer during the flood: {e!r}")
print(f"slowest officer page during the flood: {worst:.2f} s")
if worst > 1.0: err(f"an officer's page took {worst:.2f} s during the flood (limit 1 s)")

# keep trickling a header line every 0.4 s until 3.5 s after the flood began
while time.monotonic() - t0 < 3.5:
    for s in held:
        try: s.send(b"X-Slow: 1\r\n")
        except OSError: pass
    time.sleep(0.4)
time.sleep(0.3)
still = [s for s in held if is_open(s)]
if still: err(f"{len(still)} connections that never finished their headers are still open 3.5 s on "
              f"(server.header_timeout is 2 s)")
for s in flood: s.close()

# the deadline is for the headers: a slow body is read to its end and answered
s = socket.create_connection(("127.0.0.1", port), timeout=10)
body = b'{"login":"off304","password":"pass-off304-123"}'
s.sendall(b"POST /api/session HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
          b"Content-Length: %d\r\n\r\n" % len(body))
for i in range(0, len(body), len(body) // 6 + 1):
    time.sleep(0.5)
    s.sendall(body[i:i + len(body) // 6 + 1])
try:
    head = s.recv(4096)
except OSError as e:
    head = repr(e).encode()
if not head.startswith(b"HTTP/1.1 200"): err(f"a POST whose body took 3 s: {head[:80]!r}")
s.close()
sys.exit(1 if bad else 0)
PY

check "oversized URLs and argument lists get a clear 414" python3 - "$PORT" <<'PY'
import socket, sys, time
from dvtest import bad, err
port = int(sys.argv[1])

def get(path, headers=b""):
    """(status line, body, seconds) of GET path; the status line is '' when the server closed
    without answering or did not answer within 5 s"""
    s = socket.create_connection(("127.0.0.1", port), timeout=5)
    t = time.monotonic()
    data = b""
    try:
        s.sendall(b"GET " + path.encode() + b" HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n" + headers +
                  b"\r\n")
        while True:
            d = s.recv(65536)
            if not d: break
            data += d
    except OSError:
        pass
    s.close()
    head, _, body = data.partition(b"\r\n\r\n")
    return head.split(b"\r\n")[0].decode("latin-1"), body.decode("utf-8", "replace"), time.monotonic() - t

for what, path, says in (
        ("a URL of 9,000 bytes", "/login?next=" + "a" * 9000, "8192"),
        ("5,000 query arguments", "/login?" + "&".join(f"a{i}=1" for i in range(5000)), "8192"),
        ("40,000 empty query arguments", "/login?" + "&" * 40000, "8192"),
        ("1,000 query arguments in 4 KB", "/login?" + "&".join("a=1" for i in range(1000)), "200"),
        ("5,000 empty query arguments in 5 KB", "/login?" + "&" * 5000, "200"),
        ("3,600 arguments of long names", "/login?" + "&".join(f"argument_{i}=value" for i in range(3600)), "8192")):
    st, body, dt = get(path)
    if not st.startswith("HTTP/1.1 414"): err(f"{what}: {st or 'no answer'} after {dt:.1f} s, expected 414")
    elif says not in body: err(f"{what}: the 414 does not say the limit ({says}): {body[:200]!r}")
    if dt > 2: err(f"{what}: answered after {dt:.1f} s")
st, body, dt = get("/login?" + "&".join(f"a{i}=1" for i in range(200)))
if not st.startswith("HTTP/1.1 200"): err(f"200 query arguments: {st}, expected 200")
# headers past the connection's memory: libmicrohttpd's own 431
for what, headers in (("6,000 header lines", b"".join(b"X-%d: 1\r\n" % i for i in range(6000))),
                      ("a cookie of 200 KB", b"Cookie: a=" + b"b" * 200000 + b"\r\n"),
                      ("5,000 cookies", b"Cookie: " + b";".join(b"a%d=1" % i for i in range(5000)) + b"\r\n")):
    st, body, dt = get("/login", headers)
    if not st.startswith("HTTP/1.1 431") or dt > 2: err(f"{what}: {st or 'no answer'} after {dt:.1f} s, expected 431")
sys.exit(1 if bad else 0)
PY

check_server_end
finish
