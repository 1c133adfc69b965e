#!/usr/bin/env bash
# Glass-to-glass benchmark of the ROS receiver: test-pattern sender -> WebRTC -> ros-receiver (own JVM)
# -> Cyclone DDS subscribers, inside the test network namespace (WebRTC over the veth, DDS on lo).
# Usage: [BASELINE_JAR=old/ros-receiver.jar] scripts/bench-ros.sh [seconds, default 60] [slow|depth]
#   slow: also attach a reliable subscriber that takes 100 ms per image (it must not slow the others).
#   depth: also run a test-side lossless depth sender (PROTOCOL.md 8 pattern) and a second receiver for it, and
#          report depth glass-to-ROS latency (capture time in the chunk header -> Cyclone subscriber) beside color's.
#   BASELINE_JAR: also run that (older) receiver jar side by side in the same run, under /baseline.
#   RECEIVER_JVM: JVM options of the receiver processes (default -Xmx512m).
#   SENDER_ARGS: extra flags of the test-pattern sender, e.g. "--codec H264 --max-bitrate 1500" (scripts/bench-codecs.sh).
# Prints the sender process CPU, and per receiver and topic: frames, rate, latency p50/p95/p99/max, p50 of the first and last 10 s, receiver
# CPU, and the receiver's resident memory (RSS) every 10 s.
# Needs the Debian packages of scripts/test.sh (cyclonedds-dev cyclonedds-tools, webrtc natives).
set -euo pipefail
cd "$(dirname "$0")/.."
SUFFIX="${BUILD_SUFFIX:--bench}"
mvn -q -B -o -Dbuild.suffix="$SUFFIX" -pl ros-receiver -am test-compile dependency:build-classpath \
    -Dmdep.outputFile="$PWD/ros-receiver/target$SUFFIX/bench.classpath" -Dmdep.includeScope=test >/dev/null
CP="ros-receiver/target$SUFFIX/test-classes:ros-receiver/target$SUFFIX/classes:$(cat "ros-receiver/target$SUFFIX/bench.classpath")"
cd ros-receiver
CP="$(echo "$CP" | tr ':' '\n' | sed -e "s#^ros-receiver/#$PWD/#" | paste -sd:)"
exec timeout "$(( ${1:-60} + 240 ))" ../scripts/netns-run.sh \
    java -Xmx1g ${BASELINE_JAR:+-Dbench.baseline="$BASELINE_JAR"} -Dbench.senderArgs="${SENDER_ARGS:-}" -Dbench.receiverJvm="${RECEIVER_JVM:--Xmx512m}" -cp "$CP" dev.camrtc.ros.e2e.RosReceiverBench "${1:-60}" "${2:-}"
