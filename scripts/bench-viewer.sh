#!/usr/bin/env bash
# Web viewer benchmark: time to first frame after the click on a sender, and the glass-to-glass latency
# the page decodes, in real headless Chromium against the real signaling server and Java test-pattern
# sender, over real WebRTC inside the test network namespace (scripts/netns-run.sh).
# Usage: scripts/bench-viewer.sh [runs, default 10] [sender flags, e.g. --trickle].
# Results go to BENCHMARKS.md ("Web viewer").
set -euo pipefail
cd "$(dirname "$0")/.."
SUFFIX="${BUILD_SUFFIX:--bench}"
mvn -q -B -o -Dbuild.suffix="$SUFFIX" -pl system-tests -am -DskipTests test-compile dependency:build-classpath \
    -Dmdep.outputFile="$PWD/system-tests/target$SUFFIX/bench.classpath" -Dmdep.includeScope=test >/dev/null
CP="system-tests/target$SUFFIX/test-classes:$(cat "system-tests/target$SUFFIX/bench.classpath")"
exec scripts/netns-run.sh timeout 300 java -Xmx1g -Dcamrtc.log.level=WARN -cp "$CP" \
    dev.camrtc.systemtests.bench.ViewerFirstFrameBenchmark "${1:-10}" "${@:2}"
