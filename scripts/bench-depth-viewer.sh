#!/usr/bin/env bash
# Web viewer depth decoding benchmark: 640x480 test-pattern depth frames encoded by the Java side (RVL and
# raw) decoded by the page's worker (js/depth/worker.js: reassembly, decoding, colour map) in real headless
# Chromium; prints ms per frame. No network namespace needed (no WebRTC).
# Usage: scripts/bench-depth-viewer.sh [frames, default 600]. Results go to BENCHMARKS.md ("Web viewer: depth").
set -euo pipefail
cd "$(dirname "$0")/.."
SUFFIX="${BUILD_SUFFIX:--bench}"
mvn -q -B -o -Dbuild.suffix="$SUFFIX" -pl system-tests -am -DskipTests test-compile dependency:build-classpath \
    -Dmdep.outputFile="$PWD/system-tests/target$SUFFIX/bench.classpath" -Dmdep.includeScope=test >/dev/null
CP="system-tests/target$SUFFIX/test-classes:$(cat "system-tests/target$SUFFIX/bench.classpath")"
exec timeout 600 java -Xmx1g -Dcamrtc.log.level=WARN -cp "$CP" \
    dev.camrtc.systemtests.bench.DepthDecodeBenchmark "${1:-600}"
