#!/usr/bin/env bash
# JPEG encoder benchmark (media JpegEncoder: TurboJPEG from Debian's libturbojpeg0): CPU time per 640x480
# frame, bgr8 and mono8, quality 80, one thread. Results go to BENCHMARKS.md (section "MJPEG").
# Usage: scripts/bench-jpeg.sh [frames per format, default 1000]
set -euo pipefail
cd "$(dirname "$0")/.."
SUFFIX="${BUILD_SUFFIX:--bench}"
mvn -q -B -o -Dbuild.suffix="$SUFFIX" -pl media -am test-compile dependency:build-classpath \
    -Dmdep.outputFile="$PWD/media/target$SUFFIX/bench.classpath" -Dmdep.includeScope=test >/dev/null
CP="media/target$SUFFIX/test-classes:media/target$SUFFIX/classes:$(cat "media/target$SUFFIX/bench.classpath")"
echo "machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/^Mem:/ {print $2 " GiB RAM"}'), $(uname -sr)"
echo "java: $(java -version 2>&1 | head -1); libturbojpeg0 $(dpkg-query -W -f '${Version}' libturbojpeg0 2>/dev/null || echo missing)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
timeout 120 java -Xmx256m -XX:MaxDirectMemorySize=64m -cp "$CP" dev.camrtc.media.jpeg.JpegEncodeBench "${1:-1000}" 2>&1 \
    | grep -vE " (TRACE|DEBUG|INFO) "
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
