#!/usr/bin/env bash
# Benchmark of issue #7 ("Fast at scale"); not part of the test suite. Each measurement is a fresh JVM:
#   a  bare scan: spark.read.json with the explicit schema + a count of every parsed field the job reads
#   b  the whole job, gzip'd JSON -> Delta (bin/agent-audit run)
#   c  the whole job from Parquet (same events, nested layout) -> Delta
#   r  (extra) the job's own reader alone (binaryFiles + RecordSplitter + from_json), same count as a
# Wall time and peak RSS come from /usr/bin/time -v. The machine is shared, so only ratios of runs made
# in the same round are reported, as medians over the rounds.
#   jobs/benchmark.sh [--runs N] [--10m] [--only 1m|10m] [--data DIR]
#   env AGENT_AUDIT_JAVA_OPTS (default -Xmx2g), AGENT_AUDIT_PROFILE (default local)
# Results: target/benchmark/results.tsv (one line per measurement) and target/benchmark/summary.txt.
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs=3
sets=(1m)
data="${BENCH_DATA:-$home/target/benchmark/data}"
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --10m) sets=(1m 10m); shift ;;
    --only) sets=("$2"); shift 2 ;;
    --data) data="$2"; shift 2 ;;
    *) echo "usage: $0 [--runs N] [--10m] [--only 1m|10m] [--data DIR]" >&2; exit 2 ;;
  esac
done
out="$home/target/benchmark"
mkdir -p "$out" "$data"
export AGENT_AUDIT_JAVA_OPTS="${AGENT_AUDIT_JAVA_OPTS:--Xmx2g}"
[ -x /usr/bin/time ] || { echo "benchmark: needs /usr/bin/time (apt-get install time)" >&2; exit 1; }

"$home/bin/agent-audit" --help >/dev/null 2>&1 || true # builds the jar when it is stale
flags="$(sed -n 's/^spark\.jvm\.flags *= *//p' "$home/conf/jvm.properties")"
# shellcheck disable=SC2206  # the flag lists are meant to split into words
bench=(java $flags $AGENT_AUDIT_JAVA_OPTS -Dagent.audit.home="$home" -Dlog4j2.configurationFile="$home/conf/log4j2.properties"
  -cp "$home/target/agent-audit.jar:$(cat "$home/target/classpath.txt")" org.agentaudit.bench.Bench)

agents_of() { case "$1" in 1m) echo 670 ;; 10m) echo 6700 ;; esac; }
days=5 start=2025-06-01 to=2025-06-05

prepare() { # $1 = set name
  local set="$1" dir="$data/$1"
  if [ ! -f "$dir/.generated" ]; then
    rm -rf "$dir"
    "$home/bin/agent-audit" generate --agents "$(agents_of "$set")" --days $days --start $start --out "$dir/stream" --seed 7 >&2
    touch "$dir/.generated"
  fi
  if [ ! -f "$dir/.prepared" ]; then
    rm -rf "$dir/jsonl" "$dir/parquet"
    local files; files=$(find "$dir/stream" -type f | wc -l)
    "${bench[@]}" prepare "$dir/stream" "$dir/jsonl" "$dir/parquet" "$(( files < 64 ? files : 64 ))" >&2
    touch "$dir/.prepared"
  fi
}

measure() { # $1 set, $2 round, $3 kind, then the command; appends one line to results.tsv
  local set="$1" round="$2" kind="$3"; shift 3
  local log="$out/$set-$kind-$round.log"
  if ! /usr/bin/time -v -o "$log.time" "$@" >"$log" 2>&1; then
    echo "benchmark: $set $kind round $round failed, see $log" >&2; exit 1
  fi
  local wall rss
  wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$log.time" | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }')
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$log.time")
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$set" "$kind" "$round" "$wall" "$rss" >>"$out/results.tsv"
  printf '  %-4s %-2s round %s: %7.1f s, peak RSS %5d MB\n' "$set" "$kind" "$round" "$wall" $(( rss / 1024 )) >&2
}

[ -f "$out/results.tsv" ] || printf 'when\tset\tkind\tround\twall_s\tpeak_rss_kb\n' >"$out/results.tsv"
stamp=$(date -u +%FT%TZ)
for set in "${sets[@]}"; do
  prepare "$set"
  dir="$data/$set"
  for round in $(seq 1 "$runs"); do
    measure "$set" "$round" a "${bench[@]}" scan "$dir/jsonl"
    rm -rf "$out/table-$set"
    measure "$set" "$round" b "$home/bin/agent-audit" run --input "$dir/stream" --from $start --to $to --table "$out/table-$set"
    rm -rf "$out/table-$set"
    measure "$set" "$round" c "$home/bin/agent-audit" run --input "$dir/parquet" --format parquet --from $start --to $to --table "$out/table-$set"
    measure "$set" "$round" r "${bench[@]}" readscan "$dir/stream"
  done
done
rm -rf "$out"/table-*

# Events per set: what the job reported as valid events in its last b run.
awk -v since="$stamp" -v out="$home/target/benchmark" -F'\t' '
  function median(list, n,   i, j, t, a) { n = split(list, a, " "); for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
  NR > 1 && $1 >= since { w[$2, $3, $4] = $5; r[$2, $3] = (r[$2, $3] > $6 ? r[$2, $3] : $6); sets[$2]; rounds[$2, $4] }
  END {
    for (s in sets) {
      ba = ""; cb = ""; ra = ""; for (k in rounds) { split(k, p, SUBSEP); if (p[1] != s) continue
        ba = ba " " w[s, "b", p[2]] / w[s, "a", p[2]]; cb = cb " " w[s, "c", p[2]] / w[s, "b", p[2]]; ra = ra " " w[s, "r", p[2]] / w[s, "a", p[2]]
        wa[s] = wa[s] " " w[s, "a", p[2]]; wb[s] = wb[s] " " w[s, "b", p[2]]; wc[s] = wc[s] " " w[s, "c", p[2]] }
      printf "%s: median wall a %.1f s, b %.1f s, c %.1f s; median ratios b/a %.2f, c/b %.2f, r/a %.2f; peak RSS a %d MB, b %d MB, c %d MB\n",
        s, median(wa[s]), median(wb[s]), median(wc[s]), median(ba), median(cb), median(ra), r[s, "a"] / 1024, r[s, "b"] / 1024, r[s, "c"] / 1024
    }
    if (("10m", "b", 1) in w && ("1m", "b", 1) in w) printf "b(10m)/b(1m): %.2f (medians of each set; not measured in the same round)\n", median(wb["10m"]) / median(wb["1m"])
  }' "$out/results.tsv" | tee "$out/summary.txt"
for set in "${sets[@]}"; do
  ev=$(grep -ho 'read [0-9]* records: [0-9]* events' "$out/$set-b-1.log" | head -1 | awk '{ print $4 }')
  b=$(sed -n "s/^$set: .* b \([0-9.]*\) s,.*/\1/p" "$out/summary.txt")
  [ -n "$ev" ] && [ -n "$b" ] && awk -v e="$ev" -v b="$b" -v s="$set" 'BEGIN { printf "%s: %d events, job b %.0f events/s\n", s, e, e / b }' | tee -a "$out/summary.txt"
done
