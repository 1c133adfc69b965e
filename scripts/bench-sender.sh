#!/usr/bin/env bash
# The sender's WebRTC benchmark (results in BENCHMARKS.md, section "Sender WebRTC").
#
# Builds the sender and its test classes, then, inside the test network namespace
# (scripts/netns-run.sh: the signaling server and sender on 198.18.0.1, receivers
# connect to it), runs a test-pattern sender and 1 or 3 Java receiver processes per
# codec, and prints glass-to-glass latency p50/p95/p99, delivered fps, longest gap,
# freezes > 200 ms and sender CPU as Markdown table rows.
#
# Usage: scripts/bench-sender.sh [--seconds 60] [--warmup 5] [--codecs VP8,VP9,H264,AV1]
#                                [--multi-codecs VP8,H264] [--multi 3]
set -euo pipefail
cd "$(dirname "$0")/.."
SUFFIX="${BENCH_BUILD_SUFFIX:--bench}"
CP_FILE="$PWD/sender/target$SUFFIX/bench-classpath.txt"

mvn -B -q -Dbuild.suffix="$SUFFIX" -pl sender -am -DskipTests package \
    dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$CP_FILE" >/dev/null
CP="sender/target$SUFFIX/test-classes:sender/target$SUFFIX/classes:$(cat "$CP_FILE")"

# BENCH_MAIN / BENCH_NAME: another benchmark class of the sender's tests run the same way (scripts/bench-sfu.sh).
MAIN="${BENCH_MAIN:-dev.camrtc.sender.e2e.SenderBench}"
NAME="${BENCH_NAME:-bench-sender}"
LOG="sender/target$SUFFIX/$NAME.log"
echo "$NAME: logs in $LOG" >&2
# The sender (with the signaling server) runs with the sender's bounds of scripts/jvm-bounds.sh.
# shellcheck disable=SC2046
exec scripts/netns-run.sh timeout 1800 java $(scripts/jvm-bounds.sh sender) -cp "$CP" "$MAIN" "$@" 2>"$LOG"
