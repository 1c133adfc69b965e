#!/usr/bin/env bash
# Resident memory of a sender and a ROS receiver over time (issue 9; results in BENCHMARKS.md,
# section "Footprint"). For each scenario it starts, inside the test network namespace
# (scripts/netns-run.sh), a signaling server, a sender, the ROS receiver (a WebRTC receiver that
# publishes every frame to DDS) and one MJPEG client (curl on /rgb.mjpg), then samples the RSS of
# the sender and the ROS receiver every 10 s for N minutes and prints the series, the sender's Java
# heap allocation rate (from its GC log) and a verdict against the budgets:
#   sender RSS <= 250 MB and flat (mean of the last minute within 5 % of the second minute's),
#   ROS receiver RSS <= 250 MB and flat.
# Scenarios: pattern = test pattern color + infrared 640x480@30; bag = a RealSense recording made at
# run time (color + infrared + depth, 640x480@30, played paced) with --enable-depth.
# Every JVM runs with the bounds of scripts/jvm-bounds.sh. With --baseline DIR, each scenario first
# runs the jars in DIR (sender.jar, ros-receiver.jar, signaling-server.jar) as they were started
# before those bounds existed (no JVM options), then the jars built from this tree.
#
# Usage: scripts/bench-footprint.sh [--minutes 10] [--scenarios pattern,bag] [--baseline DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
MINUTES=10
SCENARIOS=pattern,bag
BASELINE=""
while [ $# -gt 0 ]; do
  case "$1" in
    --minutes) MINUTES="$2"; shift 2 ;;
    --scenarios) SCENARIOS="$2"; shift 2 ;;
    --baseline) BASELINE="$(cd "$2" && pwd)"; shift 2 ;;
    *) echo "usage: $0 [--minutes N] [--scenarios pattern,bag] [--baseline DIR]" >&2; exit 2 ;;
  esac
done
SUFFIX="${BENCH_BUILD_SUFFIX:--bench}"
OUT="sender/target$SUFFIX/footprint"

if [ "${CAMRTC_NETNS:-}" != "1" ]; then
  mvn -B -q -Dbuild.suffix="$SUFFIX" -pl sender,ros-receiver,signaling-server -am -DskipTests package \
      dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/sender/target$SUFFIX/footprint.classpath" >/dev/null
  rm -rf "$OUT"; mkdir -p "$OUT"
  echo "bench-footprint: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, load average $(cut -d' ' -f1-3 /proc/loadavg)," \
       "$(java -version 2>&1 | head -1); logs in $OUT"
  exec scripts/netns-run.sh "$0" --minutes "$MINUTES" --scenarios "$SCENARIOS" ${BASELINE:+--baseline "$BASELINE"}
fi

PORT=18080
MJPEG_PORT=18000
NAME=footprint-cam
SECONDS_TOTAL=$((MINUTES * 60))
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; pids=(); }
trap cleanup EXIT INT TERM

rss_mb() { awk '/VmRSS/{printf "%.0f", $2/1024}' "/proc/$1/status" 2>/dev/null || echo "-"; }
cpu_ticks() { awk '{print $14+$15}' "/proc/$1/stat" 2>/dev/null || echo 0; }

# Java heap allocation rate in MB/s from a unified GC log (-Xlog:gc:file=...:uptime): the heap grows
# by what is allocated between collections, so sum(before[i] - after[i-1]) over the logged interval.
alloc_rate() {
  awk '
    function mb(x,   u, v) { u = substr(x, length(x)); v = substr(x, 1, length(x) - 1) + 0
                           return u == "K" ? v / 1024 : (u == "G" ? v * 1024 : v) }
    /Pause/ {
      for (i = 2; i <= NF; i++) if ($i ~ /^[0-9]+[KMG]->[0-9]+[KMG]\(/) break
      if (i > NF) next
      split($i, p, "->"); sub(/\(.*/, "", p[2])
      up = $1; gsub(/[^0-9.]/, "", up); up += 0
      before = mb(p[1]); after = mb(p[2])
      if (n > 0) { total += before - prev; last = up } else { first = up }
      prev = after; n++
    }
    END { if (n > 1 && last > first) printf "%.1f MB/s (%d collections)", total / (last - first), n; else print "n/a (fewer than 2 collections)" }' "$1"
}

make_bag() {
  local bag="$OUT/d435.bag"
  if [ ! -f "$bag" ]; then
    java -cp "sender/target$SUFFIX/test-classes:sender/target$SUFFIX/classes:$(cat "sender/target$SUFFIX/footprint.classpath")" \
      dev.camrtc.sender.camera.realsense.MakeTestRecording "$bag" 60 >"$OUT/make-bag.log" 2>&1
  fi
  echo "$bag"
}

# run LABEL SCENARIO SERVER_JAR SENDER_JAR RECEIVER_JAR SENDER_OPTS RECEIVER_OPTS SERVER_OPTS
run() {
  local label="$1" scenario="$2" server_jar="$3" sender_jar="$4" receiver_jar="$5"
  local sender_opts="$6" receiver_opts="$7" server_opts="$8"
  local dir="$OUT/$scenario-$label"
  mkdir -p "$dir"
  local source_args=(--source testpattern)
  if [ "$scenario" = bag ]; then source_args=(--source "bag:$(make_bag)" --enable-depth); fi
  # shellcheck disable=SC2086
  java $server_opts -jar "$server_jar" --host 127.0.0.1 --port "$PORT" >"$dir/server.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
  # shellcheck disable=SC2086
  java $sender_opts -Xlog:gc:file="$dir/sender-gc.log":uptime -jar "$sender_jar" --server "ws://127.0.0.1:$PORT" \
    --name "$NAME" "${source_args[@]}" --mjpeg-port "$MJPEG_PORT" --mjpeg-bind 127.0.0.1 >"$dir/sender.log" 2>&1 &
  local sender=$!
  pids+=($sender)
  for _ in $(seq 1 300); do
    curl -fs "http://127.0.0.1:$PORT/api/senders" 2>/dev/null | grep -q "\"name\":\"$NAME\",\"streams\"" && break
    sleep 0.2
  done
  # shellcheck disable=SC2086
  java $receiver_opts -Xlog:gc:file="$dir/receiver-gc.log":uptime -jar "$receiver_jar" --server "ws://127.0.0.1:$PORT" \
    --sender-name "$NAME" >"$dir/receiver.log" 2>&1 &
  local receiver=$!
  pids+=($receiver)
  curl -s -o /dev/null --max-time $((SECONDS_TOTAL + 60)) "http://127.0.0.1:$MJPEG_PORT/rgb.mjpg" &
  pids+=($!)

  echo
  echo "### $scenario, $label: $sender_jar ${sender_opts:-(no JVM options)}"
  echo "| t (s) | sender RSS (MB) | ROS receiver RSS (MB) |"
  echo "| ---: | ---: | ---: |"
  local series="$dir/rss.tsv" hz cpu0 cpu1
  hz=$(getconf CLK_TCK)
  : >"$series"
  cpu0=$(cpu_ticks "$sender")
  for t in $(seq 10 10 "$SECONDS_TOTAL"); do
    sleep 10
    local s r
    s=$(rss_mb "$sender"); r=$(rss_mb "$receiver")
    echo "| $t | $s | $r |"
    printf '%s\t%s\t%s\n' "$t" "$s" "$r" >>"$series"
    if [ "$s" = "-" ]; then echo "sender exited; see $dir/sender.log"; break; fi
  done
  cpu1=$(cpu_ticks "$sender")
  awk -F'\t' -v total="$SECONDS_TOTAL" -v label="$scenario $label" '
    function verdict(name, col,   second, last, ns, nl, i, max, flat) {
      for (i = 1; i <= n; i++) {
        if (v[i, col] == "-") continue
        if (v[i, col] + 0 > max) max = v[i, col] + 0
        if (t[i] > 60 && t[i] <= 120) { second += v[i, col]; ns++ }
        if (t[i] > total - 60) { last += v[i, col]; nl++ }
      }
      if (ns == 0 || nl == 0 || total < 180) {
        printf "%s: max %d MB (%s); flatness needs >= 3 minutes\n", name, max, max <= 250 ? "<= 250 MB: ok" : "> 250 MB: OVER BUDGET"
        return
      }
      second /= ns; last /= nl
      flat = (last - second) / second * 100
      printf "%s: max %d MB (%s), second minute %.0f MB, last minute %.0f MB (%+.1f %%: %s)\n", name, max,
        max <= 250 ? "<= 250 MB: ok" : "> 250 MB: OVER BUDGET", second, last, flat,
        (flat <= 5 && flat >= -5) ? "flat" : "NOT FLAT"
    }
    { n++; t[n] = $1; v[n, 2] = $2; v[n, 3] = $3 }
    END { printf "verdict (%s):\n", label; verdict("  sender", 2); verdict("  ROS receiver", 3) }' "$series"
  grep -h -i -E "frame pool|out of memory|OutOfMemory" "$dir/sender.log" | head -3 || true
  cleanup   # the JVMs flush their GC logs when they exit
  sleep 2
  echo "sender CPU: $(awk -v a="$cpu0" -v b="$cpu1" -v hz="$hz" -v s="$SECONDS_TOTAL" 'BEGIN{printf "%.0f %%", 100*(b-a)/hz/s}')" \
       "| sender Java heap allocation: $(alloc_rate "$dir/sender-gc.log")" \
       "| ROS receiver heap allocation: $(alloc_rate "$dir/receiver-gc.log")"
  grep -h -o "MJPEG client .* left .*" "$dir/sender.log" | tail -1 || true
}

NEW_SENDER="sender/target$SUFFIX/sender.jar"
NEW_RECEIVER="ros-receiver/target$SUFFIX/ros-receiver.jar"
NEW_SERVER="signaling-server/target$SUFFIX/signaling-server.jar"
for scenario in ${SCENARIOS//,/ }; do
  if [ -n "$BASELINE" ]; then
    run baseline "$scenario" "$BASELINE/signaling-server.jar" "$BASELINE/sender.jar" "$BASELINE/ros-receiver.jar" "" "" ""
  fi
  run new "$scenario" "$NEW_SERVER" "$NEW_SENDER" "$NEW_RECEIVER" \
    "$(scripts/jvm-bounds.sh sender)" "$(scripts/jvm-bounds.sh ros-receiver)" "$(scripts/jvm-bounds.sh signaling-server)"
done
