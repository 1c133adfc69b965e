#!/usr/bin/env bash
# Capture benchmark of the RealSense source on a recording made at run time (no camera needed).
# Usage: scripts/bench-realsense.sh [seconds per measurement, default 10]
# Prints capture-to-push time per frameset and process CPU at 30 fps; results go to BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
SUFFIX="${BUILD_SUFFIX:--bench}"
mvn -q -B -Dbuild.suffix="$SUFFIX" -pl sender -am test-compile dependency:build-classpath \
    -Dmdep.outputFile="$PWD/sender/target$SUFFIX/bench.classpath" -Dmdep.includeScope=test >/dev/null
CP="sender/target$SUFFIX/test-classes:sender/target$SUFFIX/classes:$(cat "sender/target$SUFFIX/bench.classpath")"
exec timeout 300 java -Xmx1g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$CP" \
    dev.camrtc.sender.camera.realsense.RealSenseCaptureBench "${1:-10}"
