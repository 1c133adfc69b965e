#!/usr/bin/env bash
# RVL benchmark (docs/media.md, BENCHMARKS.md "Lossless depth (RVL)"): encode and decode time per 640x480
# frame (wall p50/p99/mean and thread CPU), compression ratio and bitrate at 30 fps, on the PROTOCOL.md 8
# test pattern and on RVL's worst case. One thread, no network; about 15 s after the build.
# Usage: scripts/bench-rvl.sh [frames per measurement, default 600]   (env BUILD_SUFFIX, default -bench)
set -euo pipefail
cd "$(dirname "$0")/.."
suffix="${BUILD_SUFFIX:--bench}"
cp_file="$PWD/media/target${suffix}/bench-classpath.txt"
mvn -q -o -B "-Dbuild.suffix=${suffix}" -pl media -am test-compile dependency:build-classpath \
    "-Dmdep.outputFile=${cp_file}" -Dmdep.includeScope=test >/dev/null
classpath="media/target${suffix}/test-classes:media/target${suffix}/classes:$(cat "$cp_file")"
echo "machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/^Mem:/ {print $2 " GiB RAM"}'), $(uname -sr)"
echo "java: $(java -version 2>&1 | head -1)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
timeout 120 java -Xmx256m -cp "$classpath" dev.camrtc.media.depth.RvlBench "${1:-600}"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
