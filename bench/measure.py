#!/usr/bin/env python3
"""Side-by-side process timing for the hcpay benchmark (generic: any commands).

  measure.py bench   --size N [--runs 30] [--warmup 3] [--floor NAME] [--results FILE]
                     --cmd NAME=COMMAND [--cmd NAME=COMMAND ...]
      Runs every command `warmup` rounds, then `runs` rounds, round-robin
      (interleaved, the order rotated each round so no command always runs right
      after the same one). Prints per command: median ms, p90 ms, ratio of its
      median to the floor's median (the floor is --floor, default the first --cmd),
      and the child's peak RSS (MB, the max of --rss-runs extra runs under GNU time,
      see run_once). Wall time covers spawn to reap, process start included.
  measure.py once    --size N --name NAME [--rows R] [--floor NAME ...] [--results FILE] [--stdout FILE] -- COMMAND...
      Runs one command once (e.g. an import); prints seconds, rows/s, peak RSS, and
      with each --floor the ratio to that one-shot command's time at the same size (read
      from --results: time the floor first). With --stdout, the command's output goes
      to FILE (an export) instead of /dev/null.
  measure.py summary --results FILE [--out FILE] [--title T] [--check SPEC ...]
      Prints one table across sizes from the records collected in FILE (JSON lines),
      optionally also writing it to --out. SPEC is NAME.METRIC<=VALUE (or <, >=, >),
      METRIC one of median_ms p90_ms ratio rss_mb seconds rows_per_s growth;
      VALUE a number, or OTHER.METRIC to compare two commands size by size (e.g.
      'hledger_bal.median_ms>=balance.median_ms'). Checks are reported PASS/FAIL
      (informational: the exit status stays 0). Each interleaved command's ratio is
      to the floor of its own group, named in the table.

COMMAND in --cmd is split like a shell would (shlex), but no shell runs it. Every
command runs with stdin from /dev/null and stdout to /dev/null; it must exit 0,
otherwise its stderr is shown and measure.py exits 1. The environment is inherited
(run.sh sets HCPAY_CONFIG and unsets HCPAY_LEDGER / HCPAY_TODAY).
"""
import argparse
import json
import math
import os
import re
import shlex
import statistics
import sys
import tempfile
import time


# --------------------------------------------------------------------------- running

# GNU time, used only to read a child's peak RSS (see run_once).
GNU_TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None


def run_once(argv, errfile, want_rss=False, outfile=os.devnull):
    """Spawn argv, wait for it; return (seconds, peak RSS in MB or None).

    Timing: posix_spawn + wait4, spawn to reap (process start included).

    Peak RSS: a child forked or spawned from Python inherits Python's own
    high-water RSS (Linux records the old mm's hiwater on exec), so ru_maxrss from
    wait4 would read ~10-15 MB even for `true`. With want_rss the command is run
    under GNU time (a ~1 MB C program: `time -f %M`), whose child starts from a
    small process; without GNU time we fall back to ru_maxrss, an upper bound.
    On Linux both are in KiB. Exits the program loudly on a non-zero exit status.
    """
    rssfile = errfile + ".rss"
    run = argv
    if want_rss and GNU_TIME:
        run = [GNU_TIME, "-f", "%M", "-o", rssfile, "--"] + argv
    actions = [
        (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
        (os.POSIX_SPAWN_OPEN, 1, outfile, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600),
        (os.POSIX_SPAWN_OPEN, 2, errfile, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600),
    ]
    t0 = time.perf_counter()
    try:
        pid = os.posix_spawnp(run[0], run, os.environ, file_actions=actions)
    except OSError as e:
        sys.exit("measure.py: cannot run %s: %s" % (shlex.join(argv), e))
    _, status, ru = os.wait4(pid, 0)
    dt = time.perf_counter() - t0
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        with open(errfile, errors="replace") as f:
            err = f.read().strip()
        sys.exit("measure.py: FAILED (exit %d): %s\n%s" % (code, shlex.join(argv), err))
    rss = None
    if want_rss:
        rss = ru.ru_maxrss / 1024.0
        if run is not argv:
            with open(rssfile) as f:
                rss = int(f.read().split()[-1]) / 1024.0
            os.unlink(rssfile)
    return dt, rss


def p90(xs):
    """Nearest-rank 90th percentile."""
    s = sorted(xs)
    return s[max(0, math.ceil(0.9 * len(s)) - 1)]


def append_records(path, records):
    if path:
        with open(path, "a") as f:
            for r in records:
                f.write(json.dumps(r) + "\n")


# --------------------------------------------------------------------------- tables

def table(headers, rows):
    """Plain fixed-width table; first column left-aligned, the rest right-aligned."""
    cells = [headers] + [[str(c) for c in r] for r in rows]
    w = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    fmt = lambda r: "  ".join(c.ljust(w[i]) if i == 0 else c.rjust(w[i])
                              for i, c in enumerate(r))
    lines = [fmt(headers), "  ".join("-" * x for x in w)]
    lines += [fmt(r) for r in cells[1:]]
    return "\n".join(lines)


# --------------------------------------------------------------------------- modes

def parse_cmd(spec):
    name, sep, cmd = spec.partition("=")
    if not sep or not name or not cmd.strip():
        sys.exit("measure.py: --cmd wants NAME=COMMAND, got %r" % spec)
    return name, shlex.split(cmd)


def mode_bench(a):
    cmds = [parse_cmd(s) for s in a.cmd]
    names = [n for n, _ in cmds]
    if len(set(names)) != len(names):
        sys.exit("measure.py: duplicate command names: %s" % names)
    floor = a.floor or names[0]
    if floor not in names:
        sys.exit("measure.py: --floor %s is not one of %s" % (floor, names))
    times = {n: [] for n in names}
    rss = {n: 0.0 for n in names}
    fd, errfile = tempfile.mkstemp(prefix="measure-", suffix=".stderr")
    os.close(fd)
    try:
        for rnd in range(a.warmup + a.runs):
            k = rnd % len(cmds)                       # rotate the starting command
            for name, argv in cmds[k:] + cmds[:k]:
                dt, _ = run_once(argv, errfile)
                if rnd >= a.warmup:
                    times[name].append(dt * 1000.0)
        # Peak memory in separate runs (under GNU time), so timing stays unwrapped.
        for _ in range(a.rss_runs):
            for name, argv in cmds:
                _, mb = run_once(argv, errfile, want_rss=True)
                rss[name] = max(rss[name], mb)
    finally:
        os.unlink(errfile)
    fmed = statistics.median(times[floor])
    records, rows = [], []
    for name, argv in cmds:
        med = statistics.median(times[name])
        r = {"kind": "bench", "size": a.size, "name": name, "runs": a.runs,
             "median_ms": round(med, 3), "p90_ms": round(p90(times[name]), 3),
             "ratio": round(med / fmed, 3) if fmed > 0 else None,
             "rss_mb": round(rss[name], 1), "floor": floor, "cmd": shlex.join(argv)}
        records.append(r)
        rows.append([name, "%.2f" % r["median_ms"], "%.2f" % r["p90_ms"],
                     "%.2fx" % r["ratio"], "%.1f" % r["rss_mb"]])
    print("size %s: %d runs each after %d warm-ups, interleaved; floor = %s; RSS %s"
          % (a.size, a.runs, a.warmup, floor,
             "via GNU time" if GNU_TIME else "via wait4 (upper bound: no /usr/bin/time)"))
    print(table(["command", "median ms", "p90 ms", "x floor", "peak RSS MB"], rows))
    print()
    append_records(a.results, records)


def mode_once(a):
    argv = a.command[1:] if a.command[:1] == ["--"] else a.command
    if not argv:
        sys.exit("measure.py once: no command given")
    fd, errfile = tempfile.mkstemp(prefix="measure-", suffix=".stderr")
    os.close(fd)
    try:
        dt, mb = run_once(argv, errfile, want_rss=True, outfile=a.stdout or os.devnull)
    finally:
        os.unlink(errfile)
    r = {"kind": "once", "size": a.size, "name": a.name, "seconds": round(dt, 3),
         "rows": a.rows, "rows_per_s": round(a.rows / dt) if a.rows else None,
         "rss_mb": round(mb, 1), "cmd": shlex.join(argv)}
    extra = ", %d rows, %s rows/s" % (a.rows, format(r["rows_per_s"], ",")) if a.rows else ""
    for i, name in enumerate(a.floor or []):
        # The ratio to another one-shot command of the same size, timed earlier in
        # this run; the first --floor is the one the checks read ("ratio").
        floor = [f for f in read_records(a.results)
                 if f["kind"] == "once" and f["name"] == name and f["size"] == a.size]
        if not floor:
            sys.exit("measure.py once: no %s record of size %s to compare with" % (name, a.size))
        ratio = round(dt / floor[-1]["seconds"], 3) if floor[-1]["seconds"] > 0 else None
        if i == 0:
            r["floor"], r["ratio"] = name, ratio
        r.setdefault("ratios", {})[name] = ratio
        extra += ", %.2fx %s" % (ratio, name)
    print("size %s: %-20s %8.2f s%s, peak RSS %.1f MB" % (a.size, a.name, dt, extra, mb))
    append_records(a.results, [r])


def read_records(path):
    recs = []
    if path and os.path.exists(path):
        with open(path) as f:
            for line in f:
                if line.strip():
                    recs.append(json.loads(line))
    return recs


METRICS = ("median_ms", "p90_ms", "ratio", "rss_mb", "seconds", "rows_per_s", "growth")


def mode_summary(a):
    recs = read_records(a.results)
    sizes = sorted({r["size"] for r in recs})
    out = [a.title, ""] if a.title else []
    # Timed-once commands (imports): seconds and rows/s per size.
    once = [r for r in recs if r["kind"] == "once"]
    if once:
        names = list(dict.fromkeys(r["name"] for r in once))
        rows = []
        for n in names:
            for r in sorted((r for r in once if r["name"] == n), key=lambda r: r["size"]):
                rows.append([n, r["size"], "%.2f" % r["seconds"], r["rows"] or "",
                             format(r["rows_per_s"], ",") if r["rows_per_s"] else "",
                             ", ".join("%.2fx %s" % (v, k) for k, v in
                                       (r.get("ratios") or ({r["floor"]: r["ratio"]} if r.get("ratio") else {})).items()),
                             "%.1f" % r["rss_mb"]])
        out += ["one-shot commands", table(["command", "size", "seconds", "rows", "rows/s",
                                            "x floor", "peak RSS MB"], rows), ""]
    # Interleaved benchmarks: one column group per size, plus the growth of the
    # median from the smallest to the largest size ("flat" means growth near 1).
    bench = [r for r in recs if r["kind"] == "bench"]
    growth = {}
    if bench:
        names = list(dict.fromkeys(r["name"] for r in bench))
        by = {(r["name"], r["size"]): r for r in bench}
        bsizes = [s for s in sizes if any(r["size"] == s for r in bench)]
        headers = ["command", "floor"] + ["%s ms (x floor)" % s for s in bsizes] + \
                  ["growth %s->%s" % (bsizes[0], bsizes[-1]), "max RSS MB"]
        rows = []
        for n in names:
            row = [n, next(r["floor"] for r in bench if r["name"] == n)]
            for s in bsizes:
                r = by.get((n, s))
                row.append("%.2f (%.2fx)" % (r["median_ms"], r["ratio"]) if r else "-")
            first, last = by.get((n, bsizes[0])), by.get((n, bsizes[-1]))
            if first and last and first["median_ms"] > 0:
                growth[n] = last["median_ms"] / first["median_ms"]
                row.append("%.2fx" % growth[n])
            else:
                row.append("-")
            row.append("%.1f" % max(r["rss_mb"] for r in bench if r["name"] == n))
            rows.append(row)
        out += ["interleaved commands (median ms, ratio to the floor median)",
                table(headers, rows), ""]
    # Optional target checks.
    if a.check:
        out.append("targets")
        for spec in a.check:
            m = re.fullmatch(r"([\w.-]+)\.(\w+)\s*(<=|<|>=|>)\s*(?:([0-9.]+)|([\w-]+)\.(\w+))", spec)
            if not m or m.group(2) not in METRICS or (m.group(6) and m.group(6) not in METRICS):
                sys.exit("measure.py: bad --check %r (want NAME.METRIC<=VALUE or <=OTHER.METRIC)" % spec)
            name, metric, op = m.group(1), m.group(2), m.group(3)
            if metric == "growth":
                vals = [(bsizes[-1], growth[name])] if name in growth else []
            else:
                vals = [(r["size"], r[metric]) for r in recs
                        if r["name"] == name and r.get(metric) is not None]
            # The limit: a number, or the other command's figure at the same size.
            other = {r["size"]: r[m.group(6)] for r in recs
                     if m.group(5) and r["name"] == m.group(5) and r.get(m.group(6)) is not None}
            if m.group(5):
                vals = [(size, v) for size, v in vals if size in other]
            limit_at = (lambda size: other[size]) if m.group(5) else (lambda size: float(m.group(4)))
            if not vals:
                out.append("  SKIP  %s (no data)" % spec)
                continue
            cmp = {"<=": lambda v, l: v <= l, "<": lambda v, l: v < l,
                   ">=": lambda v, l: v >= l, ">": lambda v, l: v > l}[op]
            ok = all(cmp(v, limit_at(size)) for size, v in vals)
            pick = min if op.startswith(">") else max
            worst = pick(vals, key=lambda sv: sv[1])
            out.append("  %s  %s   (worst %.2f at size %s)"
                       % ("PASS" if ok else "FAIL", spec, worst[1], worst[0]))
        out.append("")
    text = "\n".join(out)
    print(text)
    if a.out:
        with open(a.out, "w") as f:
            f.write(text + "\n")


def main():
    ap = argparse.ArgumentParser(description="process timing for the hcpay benchmark")
    sub = ap.add_subparsers(dest="mode", required=True)
    b = sub.add_parser("bench", help="interleaved repeated runs of named commands")
    b.add_argument("--size", default="-", help="label for this run (number of accounts)")
    b.add_argument("--runs", type=int, default=30)
    b.add_argument("--warmup", type=int, default=3)
    b.add_argument("--rss-runs", type=int, default=3,
                   help="extra runs per command, under GNU time, for peak RSS")
    b.add_argument("--floor", help="name of the floor command (default: the first)")
    b.add_argument("--results", help="append JSON-lines records to this file")
    b.add_argument("--cmd", action="append", required=True, metavar="NAME=COMMAND")
    o = sub.add_parser("once", help="time one command once (e.g. an import)")
    o.add_argument("--size", default="-")
    o.add_argument("--name", required=True)
    o.add_argument("--rows", type=int, help="rows processed, for rows/s")
    o.add_argument("--floor", action="append",
                   help="a one-shot command of the same size timed before: record the ratio to it "
                        "(repeatable; the first is the ratio the checks read)")
    o.add_argument("--results")
    o.add_argument("--stdout", help="write the command's output to this file")
    o.add_argument("command", nargs=argparse.REMAINDER)
    s = sub.add_parser("summary", help="table across sizes from a results file")
    s.add_argument("--results", required=True)
    s.add_argument("--out", help="also write the summary here")
    s.add_argument("--title", help="a first line for the summary (date, commit, ...)")
    s.add_argument("--check", action="append", metavar="NAME.METRIC<=VALUE")
    a = ap.parse_args()
    if a.mode == "bench" and (a.runs < 1 or a.rss_runs < 1):
        ap.error("--runs and --rss-runs must be at least 1")
    if a.mode in ("bench", "once"):
        try:                                   # sizes are numbers in practice
            a.size = int(a.size)
        except ValueError:
            pass
    {"bench": mode_bench, "once": mode_once, "summary": mode_summary}[a.mode](a)


if __name__ == "__main__":
    main()
