#!/usr/bin/env bash
# CPU of a sender playing a RealSense recording (made at run time; color + infrared + depth, 640x480@30)
# to one WebRTC receiver (the aiortc receiver of system-tests, python3-aiortc) and one MJPEG client (curl),
# inside the test network namespace. Results go to BENCHMARKS.md, section "RealSense capture".
# Usage: scripts/bench-bag-sender.sh [seconds measured, default 10]
set -euo pipefail
cd "$(dirname "$0")/.."
SUFFIX="${BUILD_SUFFIX:--bench}"
mvn -q -B -Dbuild.suffix="$SUFFIX" -pl sender -am test-compile dependency:build-classpath \
    -Dmdep.outputFile="$PWD/sender/target$SUFFIX/bench.classpath" -Dmdep.includeScope=test >/dev/null
CP="sender/target$SUFFIX/test-classes:sender/target$SUFFIX/classes:$(cat "sender/target$SUFFIX/bench.classpath")"
# shellcheck disable=SC2046
exec scripts/netns-run.sh timeout 300 java $(scripts/jvm-bounds.sh sender) -cp "$CP" \
    dev.camrtc.sender.e2e.realsense.BagSenderBench "${1:-10}"
