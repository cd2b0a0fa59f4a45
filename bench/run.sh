#!/usr/bin/env bash
# hcpay benchmark (DESIGN.md §9). Usage: bench/run.sh [SIZES...]   (default: 1000 10000 100000)
#
# For each size N: generate a roster of N accounts with a year of payments
# (bench/gen_roster.py) into bench/out/N/, import it into a fresh ledger, then time
# single-account reads side by side with the sqlite3 floor (bench/measure.py).
# A summary across sizes is printed at the end and written to bench/out/results.txt.
#
# Knobs (environment):
#   BENCH_SKIP_BUILD=1    do not run `cargo build --release`
#   BENCH_HCPAY=PATH      binary to test (default: target/release/hcpay)
#   BENCH_AS_OF=DATE      the clock for every hcpay command (default: 2027-12-01, after the roster's last payment)
#   BENCH_RUNS=30 BENCH_WARMUP=3 BENCH_RSS_RUNS=3
#   BENCH_YEAR_MAX=10000  the 12-month scheduler catch-up runs at sizes up to this
#   BENCH_ALL_RUNS=5      rounds of the whole-ledger group (status --all beside sqlite3 reading every payment)
#   BENCH_JOURNAL_MAX=10000  largest size whose journal is exported and read by hledger and ledger
#   BENCH_JOURNAL_RUNS=5  rounds of the journal group (hledger/ledger bal beside hcpay balance)
#   BENCH_ONLY=scheduler  only the import and the scheduler's group (its floor, month, year)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
OUT=bench/out
RESULTS=$OUT/results.jsonl
AS_OF=${BENCH_AS_OF:-2027-12-01}
# The scheduler's benchmarks: a month from AS_OF (statement day, draft day, the
# coverage pass after the due date), then the next twelve months.
read -r NEXT_MONTH DRAFT_ON MONTH_END YEAR_END < <(python3 - "$AS_OF" <<'PY'
import datetime as dt, sys
t = dt.date.fromisoformat(sys.argv[1])
first_next = (t.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
month_end = first_next - dt.timedelta(days=1)
year_end = month_end.replace(year=month_end.year + 1)
print(first_next.strftime("%Y-%m"), t.replace(day=22), month_end, year_end)
PY
)
YEAR_MAX=${BENCH_YEAR_MAX:-10000}
RUNS=${BENCH_RUNS:-30}
WARMUP=${BENCH_WARMUP:-3}
RSS_RUNS=${BENCH_RSS_RUNS:-3}
ALL_RUNS=${BENCH_ALL_RUNS:-5}
JOURNAL_MAX=${BENCH_JOURNAL_MAX:-10000}
JOURNAL_RUNS=${BENCH_JOURNAL_RUNS:-5}
ONLY=${BENCH_ONLY:-}
case "$ONLY" in ""|scheduler) ;; *) echo "run.sh: BENCH_ONLY must be scheduler: $ONLY" >&2; exit 2 ;; esac
HCPAY=${BENCH_HCPAY:-$ROOT/target/release/hcpay}
if [ "$#" -gt 0 ]; then SIZES=("$@"); else SIZES=(1000 10000 100000); fi
for n in "${SIZES[@]}"; do
    [[ "$n" =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: size must be a positive integer: $n" >&2; exit 2; }
done

# A clean environment for hcpay: no HCPAY_* from the caller (HCPAY_LEDGER,
# HCPAY_TODAY, HCPAY_SANDBOX_FAULT, ...), and a config path that does not exist,
# which means every default (DESIGN.md §2).
while read -r v; do unset "$v"; done < <(compgen -e | grep '^HCPAY_' || true)
export HCPAY_CONFIG=/nonexistent-hcpay-bench/config.toml
export NO_COLOR=1

# Tools: sqlite3 (the floor) is required; GNU time (/usr/bin/time, for an honest
# peak RSS of the child, see measure.py) is wanted, and hledger and ledger for
# the journal group (skipped without them).
need=()
command -v sqlite3 >/dev/null || need+=(sqlite3)
[ -x /usr/bin/time ] || need+=(time)
[ "$ONLY" = scheduler ] || command -v hledger >/dev/null || need+=(hledger)
[ "$ONLY" = scheduler ] || command -v ledger >/dev/null || need+=(ledger)
if [ "${#need[@]}" -gt 0 ]; then
    sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
    echo "== installing ${need[*]}"
    $sudo apt-get update -qq && $sudo apt-get install -y -qq "${need[@]}" >/dev/null \
        || echo "run.sh: could not install ${need[*]}" >&2
fi
command -v sqlite3 >/dev/null || { echo "run.sh: sqlite3 is required" >&2; exit 1; }

if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
    echo "== cargo build --release"
    cargo build --release
fi
[ -x "$HCPAY" ] || { echo "run.sh: no hcpay binary at $HCPAY" >&2; exit 1; }

mkdir -p "$OUT"
rm -f "$RESULTS"
measure() { python3 bench/measure.py "$@"; }

for N in "${SIZES[@]}"; do
    D=$OUT/$N
    L=$D/ledger.db
    echo "== $N accounts"
    rm -rf "$D"                                    # fresh roster and ledger (+ -wal, -shm)
    python3 bench/gen_roster.py "$N" "$D"
    G=(--ledger "$L" --as-of "$AS_OF")             # global flags of every hcpay command

    # Bulk load, timed once each (creates the ledger).
    rows_e=$(( $(wc -l < "$D/enrollments.csv") - 1 ))
    rows_p=$(( $(wc -l < "$D/payments.csv") - 1 ))
    measure once --size "$N" --name import_enrollments --rows "$rows_e" --results "$RESULTS" \
        -- "$HCPAY" "${G[@]}" import enrollments "$D/enrollments.csv"
    measure once --size "$N" --name import_payments --rows "$rows_p" --results "$RESULTS" \
        -- "$HCPAY" "${G[@]}" import payments "$D/payments.csv"
    echo "ledger: $(du -h "$L" | cut -f1)"

    if [ "$ONLY" != scheduler ]; then   # the reads (skipped by BENCH_ONLY=scheduler)
        # The account read in every benchmark: one in the middle of the roster
        # (same handle format as gen_roster.py: acct + at least 6 digits).
        width=${#N}; [ "$width" -ge 6 ] || width=6
        MID=$(printf "acct%0${width}d" $(( (N + 1) / 2 )))
        echo "account $MID: balance $("$HCPAY" "${G[@]}" balance --account "$MID" </dev/null)"
        # `pay` charges the sandbox: the account needs a card.
        "$HCPAY" "${G[@]}" method add card --account "$MID" --number 4242424242424242 --exp 12/30 --holder Bench \
            --quiet </dev/null

        # Side-by-side benchmarks: one line each, `add NAME COMMAND...`; the first is
        # the floor every other command is compared with.
        CMDS=()
        add() { local name=$1; shift; CMDS+=(--cmd "$name=$(printf '%q ' "$@")"); }
        add floor   sqlite3 "$L" 'select 1'
        add balance "$HCPAY" "${G[@]}" balance --account "$MID"
        add status  "$HCPAY" "${G[@]}" status --account "$MID" --json
        add history "$HCPAY" "${G[@]}" history --account "$MID" --limit 20
        add pay     "$HCPAY" "${G[@]}" pay 1.00 --account "$MID" --yes --allow-overpay --json
        measure bench --size "$N" --runs "$RUNS" --warmup "$WARMUP" --rss-runs "$RSS_RUNS" \
            --results "$RESULTS" "${CMDS[@]}"

        # The whole ledger: `status --all` (CSV, every account replayed) beside the
        # sqlite3 shell reading every payment row of the same file.
        CMDS=()
        add payments_scan sqlite3 "$L" 'select * from payments'
        add status_all    "$HCPAY" "${G[@]}" status --all --format csv
        measure bench --size "$N" --runs "$ALL_RUNS" --warmup 1 --rss-runs 1 --results "$RESULTS" "${CMDS[@]}"

        # The journal: exported once, then one account's balance read by hledger and
        # ledger from it, beside `hcpay balance` (what keeping these books in hledger costs).
        if [ "$N" -le "$JOURNAL_MAX" ] && command -v hledger >/dev/null && command -v ledger >/dev/null; then
            J=$D/premiums.journal
            measure once --size "$N" --name export_journal --results "$RESULTS" --stdout "$J" \
                -- "$HCPAY" "${G[@]}" export journal
            echo "journal: $(du -h "$J" | cut -f1), $(grep -c '^[0-9]' "$J") entries"
            owed=$(hledger -f "$J" bal -N "liabilities:premiums:$MID" | xargs echo)
            echo "account $MID: hcpay balance $("$HCPAY" "${G[@]}" balance --account "$MID" </dev/null);" \
                "hledger: ${owed:-0} (the liability, minus what is due)"
            CMDS=()
            add journal_floor sqlite3 "$L" 'select 1'
            add hcpay_balance "$HCPAY" "${G[@]}" balance --account "$MID"
            add hledger_bal   hledger -f "$J" bal "liabilities:premiums:$MID"
            add ledger_bal    ledger -f "$J" bal "liabilities:premiums:$MID"
            measure bench --size "$N" --runs "$JOURNAL_RUNS" --warmup 1 --rss-runs 1 --results "$RESULTS" "${CMDS[@]}"
        fi
    fi

    # The scheduler (DESIGN §9). Every account goes on autopay (what is due, the
    # default draft day) with a sandbox card that approves, set up in SQL: 100k
    # `method add` and `autopay enable` processes would take longer than the run
    # itself. A first run brings the ledger up to AS_OF (untimed); then one
    # month's run is timed against its floor, a bare SQLite bulk insert of one row
    # per account into a fresh file (same WAL and full sync as the ledger).
    sqlite3 "$L" "BEGIN;
        INSERT INTO sandbox_tokens (token, kind, behaviour) SELECT 'tok_bench_' || id, 'card', 'approve' FROM accounts;
        INSERT INTO methods (account_id, kind, nickname, brand, last4, exp, holder, state, token, is_default,
                             created_on, updated_on)
            SELECT id, 'card', 'bench', 'Visa', '4242', '12/30', 'Bench', 'verified', 'tok_bench_' || id, 0,
                   '$AS_OF', '$AS_OF' FROM accounts;
        INSERT INTO autopay (account_id, enabled, method_id, draft_day, amount_mode, start_month, first_draft_on,
                             version, changed_on)
            SELECT account_id, 1, id, NULL, 'due', '$NEXT_MONTH', '$DRAFT_ON', 1, '$AS_OF' FROM methods
            WHERE token LIKE 'tok_bench_%';
        COMMIT;"
    "$HCPAY" "${G[@]}" scheduler run >/dev/null </dev/null
    rm -f "$D/floor.db"*
    measure once --size "$N" --name bulk_insert_floor --rows "$N" --results "$RESULTS" \
        -- sqlite3 "$D/floor.db" "PRAGMA journal_mode = wal; PRAGMA synchronous = full;
            CREATE TABLE drafts (account INTEGER, month TEXT, amount_cents INTEGER, key TEXT UNIQUE);
            BEGIN;
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $N)
            INSERT INTO drafts SELECT i, '$NEXT_MONTH', 20200, 'autopay:acct' || i || ':$NEXT_MONTH:1' FROM n;
            COMMIT;"
    # The records floor: what the month's drafts must write at the least, as pure
    # SQL on a copy of this ledger (bench/records_floor.sql says what it counts).
    sqlite3 "$L" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
    rm -f "$D/records.db"*
    cp "$L" "$D/records.db"
    sed "s/@DAY@/$DRAFT_ON/g; s/@MONTH@/$NEXT_MONTH/g" bench/records_floor.sql > "$D/records_floor.sql"
    measure once --size "$N" --name records_floor --rows "$N" --floor bulk_insert_floor --results "$RESULTS" \
        -- sqlite3 "$D/records.db" ".read $D/records_floor.sql"
    rm -f "$D/records.db"*
    measure once --size "$N" --name scheduler_month --rows "$N" --floor bulk_insert_floor --floor records_floor \
        --results "$RESULTS" \
        -- "$HCPAY" --ledger "$L" --as-of "$MONTH_END" scheduler run --quiet
    if [ "$N" -le "$YEAR_MAX" ]; then
        measure once --size "$N" --name scheduler_year --rows $(( N * 12 )) --results "$RESULTS" \
            -- "$HCPAY" --ledger "$L" --as-of "$YEAR_END" scheduler run --quiet
    fi
    "$HCPAY" --ledger "$L" --as-of "$YEAR_END" scheduler status </dev/null | head -1

    if [ "$ONLY" != scheduler ]; then
        # status and balance again, now that every account is on autopay with the
        # scheduler's history (drafts, alerts): they must stay where they were.
        CMDS=()
        A=(--ledger "$L" --as-of "$MONTH_END")
        add floor_autopay   sqlite3 "$L" 'select 1'
        add balance_autopay "$HCPAY" "${A[@]}" balance --account "$MID"
        add status_autopay  "$HCPAY" "${A[@]}" status --account "$MID" --json
        measure bench --size "$N" --runs "$RUNS" --warmup "$WARMUP" --rss-runs "$RSS_RUNS" \
            --results "$RESULTS" "${CMDS[@]}"
    fi
done

echo "== summary"
measure summary --results "$RESULTS" --out "$OUT/results.txt" \
    --title "hcpay bench $(date -u +%Y-%m-%dT%H:%MZ) commit $(git rev-parse --short HEAD 2>/dev/null || echo none), $(nproc) cpus, as-of $AS_OF" \
    --check 'balance.ratio<=2' --check 'status.ratio<=2' \
    --check 'history.ratio<=3' --check 'pay.ratio<=3' \
    --check 'balance.growth<=1.3' --check 'status.growth<=1.3' \
    --check 'status.rss_mb<20' \
    --check 'import_enrollments.seconds<10' --check 'import_payments.seconds<10' \
    --check 'status_all.ratio<=5' --check 'status_all.rss_mb<128' \
    --check 'hledger_bal.median_ms>=hcpay_balance.median_ms' --check 'ledger_bal.median_ms>=hcpay_balance.median_ms' \
    --check 'scheduler_month.ratio<=3' --check 'scheduler_month.rss_mb<64' \
    --check 'scheduler_year.seconds<30' --check 'scheduler_year.rss_mb<64' \
    --check 'status_autopay.ratio<=1.5' --check 'balance_autopay.ratio<=1.5'
echo "(written to $OUT/results.txt)"
