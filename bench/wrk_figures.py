"""bench/load.sh: reads wrk --latency output on stdin, prints "p50_ms p99_ms req/s errors"
(errors: non-2xx answers and timeouts)."""
import re
import sys

t = sys.stdin.read()


def ms(v):
    x, u = re.match(r"([\d.]+)(us|ms|s|m)", v).groups()
    return float(x) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[u]


p = dict(re.findall(r"^\s+(50|99)%\s+(\S+)", t, re.M))
rps = re.search(r"Requests/sec:\s+([\d.]+)", t)
err = sum(int(x) for x in re.findall(r"(?:Non-2xx or 3xx responses|timeout)\D*(\d+)", t))
if not p or not rps:
    sys.exit("wrk_figures: no latency figures in wrk's output:\n" + t)
print(f"{ms(p['50']):.2f} {ms(p['99']):.2f} {float(rps.group(1)):.0f} {err}")
