#!/usr/bin/env bash
# MJPEG benchmark of the sender on this machine (loopback only; the measurements are bounded to under 2 minutes).
# Usage: scripts/bench-mjpeg.sh [client steps, default 10,50,100] [seconds per step, default 8]
# Prints the test pattern's render time per frame, JPEG encode time per frame (color and infrared, 640x480,
# quality 80), then for each step how many clients of /rgb.mjpg get the test pattern's full 30 fps.
# Results go to BENCHMARKS.md (section "MJPEG"). The measurements take about 45 s after the build.
set -euo pipefail
cd "$(dirname "$0")/.."
SUFFIX="${BUILD_SUFFIX:--bench}"
mvn -q -B -o -Dbuild.suffix="$SUFFIX" -pl sender -am test-compile dependency:build-classpath \
    -Dmdep.outputFile="$PWD/sender/target$SUFFIX/bench.classpath" -Dmdep.includeScope=test >/dev/null
CP="sender/target$SUFFIX/test-classes:sender/target$SUFFIX/classes:$(cat "sender/target$SUFFIX/bench.classpath")"
echo "machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/^Mem:/ {print $2 " GiB RAM"}'), $(uname -sr)"
echo "java: $(java -version 2>&1 | head -1)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
timeout 20 java -Xmx1g -cp "$CP" dev.camrtc.sender.camera.testpattern.PatternRenderBench 300 2>&1 \
    | grep -vE " (TRACE|DEBUG|INFO) "
timeout 95 java -Xmx1g -XX:+UseG1GC -cp "$CP" \
    dev.camrtc.sender.http.MjpegBench "${1:-10,50,100}" "${2:-8}" 2>&1 | grep -vE " (TRACE|DEBUG|INFO) "
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
