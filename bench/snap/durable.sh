#!/usr/bin/env bash
# Issue 15: the cost of `serve --state DIR`. One run, two servers (same binary, fixtures, seed and clock): in
# memory, and with durable state; top-ups (each waits for its record's fsync) and balance inquiries (logged,
# never waiting) against each, interleaved, ROUNDS times; then the restart time of the state server's log.
#   bash bench/snap/durable.sh          # DURATION=8 s per case, ROUNDS=3, CONNS=64; BENCH_OUT=/tmp/snapsim-durable-bench
# Each case runs ROUNDS pairs, in memory then with --state (A/B/A/B/A/B), each from an idle server; the summary
# prints each pair's ratio (req/s and server CPU per answer) and the median over the pairs: one pair's ratio
# swings 10-20 points with the other sessions' load, the median of interleaved pairs much less.
#   SNAPSHOT_EVERY=N passes --snapshot-every N to the state server (default: the server's, 10000)
#   STATE_ARGS="--journal-in-memory" passes more options to the state server (and to its restart)
#   CASES="balance" runs only those cases (default "topup balance"). PROFILE=DIR records the server of each case
#   with `perf record -g` (DIR/<case>.data); STRACE=DIR counts its syscalls with `strace -c -f` (DIR/<case>.strace).
#   Either slows the server (strace very much): figures of such a run are for the profile, not the ratios.
# After each case's per-thread CPU: the server's context switches per 100 answers, voluntary/involuntary.
# Each case also reports the server's CPU time per answer (user + system, all its threads, from /proc): on a
# machine shared with other sessions the req/s of two servers measured one after the other move with the load,
# while the CPU an answer costs does not (much). Each case starts once its server is idle (settle, below).
set -euo pipefail
cd "$(dirname "$0")/../.."

OUT=${BENCH_OUT:-/tmp/snapsim-durable-bench}
DURATION=${DURATION:-8}
ROUNDS=${ROUNDS:-3}
CASES=${CASES:-topup balance}
# ORDER=grouped (default): every balance pair, then every top-up pair, so each case is charged its own snapshots
# (a snapshot after top-ups packs 100k+ top-up records, ~0.3 s of CPU, and used to fall into the balance pair
# after them: ~1.3 us per inquiry); ORDER=interleaved: each round a top-up pair then a balance pair, as before.
ORDER=${ORDER:-grouped}
# Where the pre-signed requests go (~900 MB at the defaults): REQUESTS=/dev/shm/NAME (a directory of their own,
# emptied first) keeps them off a full disk; the state directory stays in OUT, on the disk whose fsyncs count.
REQUESTS=${REQUESTS:-$OUT}
PROFILE=${PROFILE:-}
STRACE=${STRACE:-}
has() { case " $CASES " in *" $1 "*) return 0;; esac; return 1; }
CONNS=${CONNS:-64}
MEM_PORT=${MEM_PORT:-18094}
DUR_PORT=${DUR_PORT:-18095}
# Requests pre-signed per second of a case: more than the server can answer, since wrk starts over at the first
# line when a slice runs out and a reused X-EXTERNAL-ID is a 409 (an "unexpected answer" inflating req/s). The
# in-memory server answers balance inquiries at 20-30k req/s on this machine, top-ups well under 20k.
PER_SECOND=${PER_SECOND:-20000}
BALANCE_PER_SECOND=${BALANCE_PER_SECOND:-45000}
COUNT=$((PER_SECOND * DURATION * ROUNDS))
BALANCE_COUNT=$((BALANCE_PER_SECOND * DURATION * ROUNDS))
CLOCK=2026-01-15T09:00:00+07:00
A=snapsim-demo
rm -rf "$OUT" && mkdir -p "$OUT"
if [ "$REQUESTS" != "$OUT" ]; then rm -rf "$REQUESTS" && mkdir -p "$REQUESTS"; fi
ulimit -n 65536 2>/dev/null || true

for tool in wrk openssl python3 curl; do
    command -v $tool >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk openssl python3 curl >/dev/null; break; }
done
if [ -n "${SNAPSIM_BIN:-}" ]; then SNAPSIM=$SNAPSIM_BIN; else
    echo "== building snapsim (release)"
    swift build -c release --scratch-path .build-bench --product snapsim 2>&1 | tail -1
    SNAPSIM=.build-bench/release/snapsim
fi
PROBE=${SNAPSHOT_PROBE:-$(dirname "$SNAPSIM")/snapsim-snapshot-probe}
if [ ! -x "$PROBE" ] && [ -z "${SNAPSIM_BIN:-}" ]; then
    swift build -c release --scratch-path .build-bench --product snapsim-snapshot-probe 2>&1 | tail -1
fi

# The defaults plus a customer and tier that take a top-up per request for the whole run (as run.sh does).
cp -r fixtures "$OUT/fixtures"
python3 bench/snap/bench-fixtures.py "$OUT/fixtures" "$A"

PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill -INT "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT
start() {  # start PORT READYFILE [extra args]: returns once the ready file is there
    local port=$1 ready=$2; shift 2
    rm -f "$ready"
    "$SNAPSIM" serve --port "$port" --clock "$CLOCK" --seed 7 --fixtures "$OUT/fixtures" --admin-token bench \
        --ready-file "$ready" "$@" >> "$OUT/server-$port.log" 2>&1 &
    PIDS+=($!)
    while [ ! -s "$ready" ]; do sleep 0.01; done
}
start "$MEM_PORT" "$OUT/mem.ready"
SNAP_ARGS=()
[ -n "${SNAPSHOT_EVERY:-}" ] && SNAP_ARGS=(--snapshot-every "$SNAPSHOT_EVERY")
# shellcheck disable=SC2206
[ -n "${STATE_ARGS:-}" ] && SNAP_ARGS+=($STATE_ARGS)
start "$DUR_PORT" "$OUT/dur.ready" --state "$OUT/state" "${SNAP_ARGS[@]}"

presign() {
    python3 bench/snap/presign.py "http://127.0.0.1:$MEM_PORT" "$A" "$(cat "$OUT/$A.secret")" "$OUT/$A.key" "$CLOCK" \
        "$1" "$2" 2 "$REQUESTS/$3" "$4"
}
echo "== pre-signing $BALANCE_COUNT balance inquiries and $COUNT top-ups"
has balance && presign balance "$BALANCE_COUNT" balance 100000000
has topup && presign topup "$COUNT" topup 300000000
# Same seed, same fixtures: the state server's first token is the one the requests were signed with.
curl -s -o /dev/null -X POST "http://127.0.0.1:$DUR_PORT/v1.0/access-token/b2b" \
    -H "Content-Type: application/json" -H "X-TIMESTAMP: $CLOCK" -H "X-CLIENT-KEY: $A" \
    -H "X-SIGNATURE: $(printf '%s' "$A|$CLOCK" | openssl dgst -sha256 -sign "$OUT/$A.key" | base64 -w0)" \
    -d '{"grantType":"client_credentials"}'

# Each round takes the next DURATION's worth of lines (split per wrk thread by presign.py): both servers get the
# same requests, each X-EXTERNAL-ID once per server.
slice() {  # slice CASE ROUND
    for t in 1 2; do
        local per=$(( $(wc -l < "$REQUESTS/$1-$t.txt") / ROUNDS ))
        awk -v a=$(( $2 * per )) -v b=$(( ($2 + 1) * per )) 'NR > a && NR <= b' "$REQUESTS/$1-$t.txt" > "$REQUESTS/$1-r$2-$t.txt"
    done
    python3 bench/snap/wire.py "$REQUESTS/$1-r$2-1.txt" "$REQUESTS/$1-r$2-2.txt"  # loaded at once (wire.py says why)
}
cpu() {  # cpu PID: the process's user + system CPU time so far, in clock ticks
    awk '{ print $14 + $15 }' "/proc/$1/stat"
}
threads() {  # threads PID: "tid ticks" of each living thread (user + system); the comm may hold spaces; a thread
    # may end while it is read (a snapshot's)
    for f in /proc/"$1"/task/*/stat; do sed 's/^\([0-9]*\) (.*) /\1 /' "$f" 2>/dev/null || true; done | awk '{ print $1, $13 + $14 }'
}
switches() {  # switches PID: context switches so far of its living threads (voluntary, involuntary)
    cat /proc/"$1"/task/*/status 2>/dev/null | awk '/^voluntary_ctxt_switches/ { v += $2 } /^nonvoluntary_ctxt_switches/ { n += $2 }
        END { print v + 0, n + 0 }'
}
settle() {  # settle PID: waits (up to 30 s) until the server is idle, e.g. a snapshot of the last case's changes done
    local last now tries=0
    last=$(cpu "$1")
    while [ $tries -lt 100 ]; do
        sleep 0.3
        now=$(cpu "$1")
        [ $((now - last)) -le 2 ] && return 0
        last=$now
        tries=$((tries + 1))
    done
}
run() {  # run NAME PORT PREFIX; also the server's CPU time per answer (steadier than req/s on a shared machine)
    local pid=${PIDS[0]} before
    [ "$2" = "$DUR_PORT" ] && pid=${PIDS[1]}
    # Each case starts on an idle server: the snapshot that falls due at the end of the state server's top-ups
    # (packing 100k top-up records and movements, ~0.3 s of CPU) is not counted to the balance inquiries after.
    settle "$pid"
    local tool=
    if [ -n "$PROFILE" ]; then
        mkdir -p "$PROFILE"
        perf record -F 999 -g -p "$pid" -o "$PROFILE/$1.data" -- sleep "$DURATION" > /dev/null 2>&1 &
        tool=$!
    elif [ -n "$STRACE" ]; then
        mkdir -p "$STRACE"
        strace -c -f -p "$pid" -o "$STRACE/$1.strace" > /dev/null 2>&1 &
        tool=$!
        sleep 1  # strace attaches to every thread
    fi
    before=$(cpu "$pid")
    threads "$pid" > "$OUT/$1.threads-before"
    switches "$pid" > "$OUT/$1.switches-before"
    cut -d' ' -f1 /proc/loadavg > "$OUT/$1.load"
    wrk -t2 -c"$CONNS" -d"${DURATION}s" --latency -s bench/snap/cycle.lua "http://127.0.0.1:$2" -- "$REQUESTS/$3" 200 > "$OUT/$1.txt"
    awk -v t=$(( $(cpu "$pid") - before )) -v hz="$(getconf CLK_TCK)" '/^Requests\/sec/ { r = $2 } /requests in/ { n = $1 }
        END { printf "%.1f\n", 1e6 * t / hz / n }' "$OUT/$1.txt" > "$OUT/$1.cpu"
    # Per thread (µs per answer): the busiest first; threads that ended during the case (a snapshot's) as one.
    local n hz=$(getconf CLK_TCK) total=$(( $(cpu "$pid") - before ))
    n=$(awk '/requests in/ { print $1 }' "$OUT/$1.txt")
    threads "$pid" | awk 'NR == FNR { b[$1] = $2; next } { d = $2 - ($1 in b ? b[$1] : 0); if (d > 0) print d }' \
        "$OUT/$1.threads-before" - | sort -rn > "$OUT/$1.threads-delta"
    { head -4 "$OUT/$1.threads-delta" | awk -v hz="$hz" -v n="$n" '{ printf "%.1f ", 1e6 * $1 / hz / n }'
      awk -v t="$total" -v hz="$hz" -v n="$n" '{ s += $1 } END { printf "+ ended %.1f", 1e6 * (t - s) / hz / n }' \
        "$OUT/$1.threads-delta"
      # Context switches per 100 answers, voluntary/involuntary (threads living at the end; a snapshot's not).
      switches "$pid" | awk -v n="$n" 'NR == FNR { v = $1; i = $2; next } { printf "; switches/100 %.1f/%.1f\n",
          100 * ($1 - v) / n, 100 * ($2 - i) / n }' "$OUT/$1.switches-before" -; } > "$OUT/$1.threads"
    if [ -n "$tool" ]; then
        [ -n "$STRACE" ] && kill -INT "$tool" 2>/dev/null
        wait "$tool" || true
    fi
}
rps() { awk '/^Requests\/sec/ { printf "%d", $2 }' "$OUT/$1.txt"; }
pct() { awk -v p="$2%" '$1 == p { print $2 }' "$OUT/$1.txt"; }
bad() { awk -F': ' '/^unexpected answers/ { print $2 }' "$OUT/$1.txt"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f%%", 100 * a / b }'; }
median() { tr ' ' '\n' | grep . | sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) exit;
    printf "%.1f%%", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
RATIOS=()  # "case kind value" for the medians

pair() {  # pair CASE ROUND: in memory, then with --state
    slice "$1" "$2"
    run "$1-mem-$2" "$MEM_PORT" "$1-r$2"
    run "$1-dur-$2" "$DUR_PORT" "$1-r$2"
}
if [ "$ORDER" = interleaved ]; then
    for round in $(seq 0 $((ROUNDS - 1))); do
        echo "== round $((round + 1)) of $ROUNDS: $CONNS connections, ${DURATION}s per case"
        if has topup; then pair topup "$round"; fi
        if has balance; then pair balance "$round"; fi
    done
else
    for c in balance topup; do
        has $c || continue
        for round in $(seq 0 $((ROUNDS - 1))); do
            echo "== $c, pair $((round + 1)) of $ROUNDS: $CONNS connections, ${DURATION}s per server"
            pair $c "$round"
        done
    done
fi

# Restart time: SIGKILL the state server and time the start (replay of its whole log) until it listens.
DUR_PID=${PIDS[1]}
kill -9 "$DUR_PID"; wait "$DUR_PID" 2>/dev/null || true
records_bytes=$(du -sb "$OUT/state" | cut -f1)
state_files="$(ls "$OUT/state" | grep -v '^part\.' | tr '\n' ' ')+ $(ls "$OUT/state" | grep -c '^part\.') part files"
t0=$(date +%s.%N)
start "$DUR_PORT" "$OUT/dur.ready" --state "$OUT/state" "${SNAP_ARGS[@]}"
t1=$(date +%s.%N)
resumed=$(grep -o 'resumed from [^;]*' "$OUT/server-$DUR_PORT.log" | tail -1)
# The final state's snapshot: its size, decode and encode times, and the same state as JSON (read only).
probe="(no snapshot probe at $PROBE)"
if [ -x "$PROBE" ] && [ -f "$OUT/state/snapshot" ]; then probe=$("$PROBE" "$OUT/state" 2>&1 || true); fi

{
    echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); wrk -t2 -c$CONNS ${DURATION}s per case, $ROUNDS rounds;" \
        "state server: --state ${SNAP_ARGS[*]}"
    printf '%-22s %9s %9s %9s %11s %11s  %s\n' "case" "req/s" "p50" "p99" "CPU us/req" "unexpected" \
        "CPU us/req of its busiest threads"
    for round in $(seq 0 $((ROUNDS - 1))); do
        for name in topup-mem topup-dur balance-mem balance-dur; do
            [ -f "$OUT/$name-$round.txt" ] || continue
            printf '%-22s %9s %9s %9s %11s %11s  %s\n' "$name-$round" "$(rps $name-$round)" "$(pct $name-$round 50)" \
                "$(pct $name-$round 99)" "$(cat "$OUT/$name-$round.cpu")" "$(bad $name-$round)" \
                "$(cat "$OUT/$name-$round.threads")"
        done
        for c in topup balance; do
            has $c || continue
            r=$(ratio "$(rps $c-dur-$round)" "$(rps $c-mem-$round)")
            u=$(ratio "$(cat "$OUT/$c-mem-$round.cpu")" "$(cat "$OUT/$c-dur-$round.cpu")")
            RATIOS+=("$c rps ${r%\%}" "$c cpu ${u%\%}")
            echo "pair $round (load $(cat "$OUT/$c-mem-$round.load")/$(cat "$OUT/$c-dur-$round.load")):" \
                "$c with --state / in memory: $r; server CPU per answer, in memory / with --state: $u"
        done
    done
    for c in topup balance; do
        has $c || continue
        echo "median of $ROUNDS pairs: $c with --state / in memory:" \
            "$(printf '%s\n' "${RATIOS[@]}" | awk -v c=$c '$1 == c && $2 == "rps" { print $3 }' | tr '\n' ' ' | median);" \
            "server CPU per answer, in memory / with --state:" \
            "$(printf '%s\n' "${RATIOS[@]}" | awk -v c=$c '$1 == c && $2 == "cpu" { print $3 }' | tr '\n' ' ' | median)"
    done
    echo "restart after SIGKILL: $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }') s to listen again," \
        "state directory $((records_bytes / 1024)) KiB [$state_files] ($resumed)"
    for round in $(seq 0 $((ROUNDS - 1))); do
        for name in topup-mem topup-dur balance-mem balance-dur; do
            [ -f "$OUT/$name-$round.txt" ] || continue
            n=$(bad "$name-$round")
            if [ -n "$n" ] && [ "$n" != 0 ]; then
                echo "WARNING: $name-$round had $n unexpected answers (raise PER_SECOND or BALANCE_PER_SECOND)"
            fi
        done
    done
    echo "$probe"
} | tee "$OUT/summary.txt"
# The pre-signed requests take hundreds of MB; the summary, wrk outputs, logs and state stay.
rm -f "$REQUESTS"/balance-[12].txt "$REQUESTS"/topup-[12].txt "$REQUESTS"/balance-r*-[12].txt "$REQUESTS"/topup-r*-[12].txt
