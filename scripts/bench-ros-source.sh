#!/usr/bin/env bash
# The ROS source's benchmark (results in BENCHMARKS.md, section "ROS 2 topics as a source"): inside the test
# network namespace, two Cyclone C publishers (640x480 bgr8 + mono8 at 30 Hz, built from the test IDL) feed a
# sender started with --source ros:..., beside a test-pattern sender at the same size and rate, each watched
# by one Java receiver process; prints fps, latency (stamp -> decoded; for ROS: DDS publication -> WebRTC
# receiver) p50/p95/p99, longest gap, freezes and each sender's CPU as Markdown rows.
# Usage: scripts/bench-ros-source.sh [--seconds 60] [--warmup 5]
set -euo pipefail
cd "$(dirname "$0")/.."
SUFFIX="${BENCH_BUILD_SUFFIX:--bench}"
CP_FILE="$PWD/sender/target$SUFFIX/bench-classpath.txt"
mvn -B -q -o -Dbuild.suffix="$SUFFIX" -pl sender -am test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$CP_FILE" >/dev/null
CP="$PWD/sender/target$SUFFIX/test-classes:$PWD/sender/target$SUFFIX/classes:$(cat "$CP_FILE")"
# The senders run with the sender's bounds of scripts/jvm-bounds.sh.
exec scripts/netns-run.sh timeout 900 java -Xmx512m -cp "$CP" dev.camrtc.sender.e2e.RosSourceBench \
    --sender-jvm "$(scripts/jvm-bounds.sh sender)" "$@"
