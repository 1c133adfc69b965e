#!/usr/bin/env bash
# Benchmark of the signaling server on this machine (loopback only, each part bounded to about 4 minutes).
# Usage: scripts/bench-signaling.sh [connections, default 10000] [seconds of latency measurement, default 20]
# Part 1, one instance: starts a server, holds N receiver connections, then relays offer-sized messages at
# 1,000 msg/s over 20 sender/receiver pairs while they are held; prints connections held, relay latency
# p50/p99 and the server's heap.
# Part 2, two instances of a cluster (a throw-away redis-server on a free loopback port): the same on
# instance B (held receivers, heap), with the 20 senders on instance A, so every relayed message crosses Redis.
# BENCH_REDIS_PORT=N uses that loopback port for the throw-away redis-server (default: a free one).
# Results go to BENCHMARKS.md (section "Signaling server").
# The servers log at INFO (the test classpath's logback-test.xml would quiet them to WARN; the script reads
# the "listening on" line). The servers run with a long idle timeout (the held raw connections do not answer pings) and a raised
# per-connection rate limit (a starved client flushes its queued sends in bursts; the limit is not measured here).
set -euo pipefail
cd "$(dirname "$0")/.."
CONNECTIONS="${1:-10000}"
SECONDS_MEASURED="${2:-20}"
SUFFIX="${BUILD_SUFFIX:--bench}"
ulimit -n "$(ulimit -Hn)"
if [ "$(ulimit -n)" -lt $((CONNECTIONS + 200)) ]; then
  echo "bench-signaling: open-file limit $(ulimit -n) is below $((CONNECTIONS + 200)); raise it (ulimit -Hn)" >&2
  exit 1
fi
mvn -q -B -o -Dbuild.suffix="$SUFFIX" -pl signaling-server -am test-compile dependency:build-classpath \
    -Dmdep.outputFile="$PWD/signaling-server/target$SUFFIX/bench.classpath" -Dmdep.includeScope=test >/dev/null
CP="signaling-server/target$SUFFIX/test-classes:signaling-server/target$SUFFIX/classes:$(cat "signaling-server/target$SUFFIX/bench.classpath")"
# Dependencies inside the reactor resolve to their target dirs; make sure protocol/web-viewer classes are there.
CP="$CP:protocol/target$SUFFIX/classes:web-viewer/target$SUFFIX/classes"

echo "machine: $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2 " GiB RAM"}'), $(uname -sr)"
echo "java: $(java -version 2>&1 | head -1)"

PIDS=()
LOGS=()
trap 'kill "${PIDS[@]}" 2>/dev/null || true; rm -f "${LOGS[@]}"' EXIT

# start_server EXTRA_ARGS...: starts one server (bounded to 240 s), sets SERVER and PORT
start_server() {
  local log
  log="$(mktemp)"
  LOGS+=("$log")
  LOG="$log"
  java -Xmx1g -XX:+UseG1GC -Dcamrtc.log.level=INFO -cp "$CP" dev.camrtc.server.Main --host 127.0.0.1 --port 0 \
      --idle-timeout 600s --max-connections $((CONNECTIONS + 100)) --rate-limit 1000 --rate-burst 2000 "$@" >"$log" 2>&1 &
  SERVER=$!
  PIDS+=("$SERVER")
  ( sleep 240; kill "$SERVER" 2>/dev/null ) &   # bound the server's life whatever happens
  PIDS+=($!)
  PORT=""
  for _ in $(seq 1 600); do
    PORT="$(grep -oE 'listening on http://127\.0\.0\.1:[0-9]+' "$log" | grep -oE '[0-9]+$' || true)"
    [ -n "$PORT" ] && break
    kill -0 "$SERVER" 2>/dev/null || { cat "$log" >&2; exit 1; }
    sleep 0.1
  done
  [ -n "$PORT" ] || { echo "bench-signaling: server did not start" >&2; cat "$log" >&2; exit 1; }
}

bench() { # bench PORT PID [SENDER_PORT]
  timeout 200 java -Xmx2g -cp "$CP" -Dlogback.configurationFile=/dev/null \
      dev.camrtc.server.bench.SignalingBenchmark "$1" "$2" "$CONNECTIONS" 20 1000 "$SECONDS_MEASURED" ${3:+"$3"}
}

echo "== one instance"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
start_server
echo "server: pid $SERVER, port $PORT, -Xmx1g, G1"
bench "$PORT" "$SERVER"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
kill -TERM "$SERVER"; wait "$SERVER" 2>/dev/null || true

echo "== two instances of a cluster (senders on A, held connections and receivers on B, relay through Redis)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
REDIS_PORT="${BENCH_REDIS_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')}"
REDIS_LOG="$(mktemp)"
LOGS+=("$REDIS_LOG")
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no >"$REDIS_LOG" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 100); do
  (exec 3<>"/dev/tcp/127.0.0.1/$REDIS_PORT") 2>/dev/null && break
  sleep 0.1
done
start_server --redis "redis://127.0.0.1:$REDIS_PORT"
A_PORT="$PORT"
A_LOG="$LOG"
start_server --redis "redis://127.0.0.1:$REDIS_PORT"
echo "instance A: port $A_PORT; instance B: pid $SERVER, port $PORT; redis-server port $REDIS_PORT"
bench "$PORT" "$SERVER" "$A_PORT"
echo "warnings in the instances' logs (Redis away, malformed messages; none is the normal case):"
grep -hE 'WARN|ERROR' "$A_LOG" | sed 's/^/  A: /' | head -10 || true
grep -hE 'WARN|ERROR' "$LOG" | sed 's/^/  B: /' | head -10 || true
grep -h 'output buffer limits' "$REDIS_LOG" | sed 's/^/  redis: /' | head -5 || true
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
