#!/usr/bin/env bash
# ROS 2 publishing benchmark (docs/ros2-bridge.md, BENCHMARKS.md "ROS 2 publishing (DDS)"):
# the Java Image publisher (Cyclone DDS via JNA) sends 640x480 bgr8 at 30 Hz to a Cyclone C subscriber
# (reliable, then best effort) and a Fast DDS C++ subscriber (reliable), all built from the test IDL,
# inside the test network namespace. Prints received count, rate, latency p50/p99 and publish() cost.
# About 35 s with the default 300 frames per run (first run also builds the peers: ~40 s more).
# Usage: scripts/bench-dds.sh [FRAMES]   (env BUILD_SUFFIX, default -bench: private target dirs)
set -euo pipefail
cd "$(dirname "$0")/.."
suffix="${BUILD_SUFFIX:--bench}"
frames="${1:-300}"
cp_file="$PWD/ros-dds/target${suffix}/bench-classpath.txt"
mvn -q -o -B "-Dbuild.suffix=${suffix}" -pl ros-dds -am test-compile dependency:build-classpath \
    "-Dmdep.outputFile=${cp_file}" -Dmdep.includeScope=test
classpath="ros-dds/target${suffix}/classes:ros-dds/target${suffix}/test-classes:$(cat "$cp_file")"
cd ros-dds
exec ../scripts/netns-run.sh timeout 180 java -Dlogback.configurationFile=src/test/config/logback-test.xml -cp "$(echo "$classpath" | sed 's#ros-dds/##g')" \
    dev.camrtc.dds.DdsPublishBench "$frames"
