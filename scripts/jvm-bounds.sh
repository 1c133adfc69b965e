#!/usr/bin/env bash
# The memory bounds of every JVM this project starts (the one place they are defined; README
# "Memory bounds" explains them). Prints the java options for one program:
#
#   java $(scripts/jvm-bounds.sh sender) -jar sender/target/sender.jar ...
#
# Sized for a 4 GB robot computer shared with the robot's own software: the sender and the ROS
# receiver each stay in the low hundreds of MB. Override a bound by passing the option again after
# these (the last one wins), e.g. a larger heap.
#   -Xms/-Xmx                 Java heap (frames never live there, only small objects and JPEG bytes)
#   -XX:MaxDirectMemorySize   direct buffers of the network stacks and codecs; the frame pools use
#                             native memory freed at once, bounded by their frame count (docs/media.md)
#   -XX:+UseSerialGC          the smallest collector footprint; pauses of a few ms at these heap sizes
#   org.bytedeco.javacpp.maxBytes          native memory JavaCPP tracks (OpenCV images, JPEG output)
#   org.bytedeco.javacpp.maxPhysicalBytes  resident size above which JavaCPP refuses to allocate: a
#                             ceiling far above the budget that turns a leak into a logged error
# Usage: scripts/jvm-bounds.sh sender|ros-receiver|signaling-server
set -euo pipefail
case "${1:-}" in
  sender)
    echo "-Xms32m -Xmx128m -XX:MaxDirectMemorySize=64m -XX:+UseSerialGC -Dorg.bytedeco.javacpp.maxBytes=128m -Dorg.bytedeco.javacpp.maxPhysicalBytes=1g" ;;
  ros-receiver)
    echo "-Xms32m -Xmx128m -XX:MaxDirectMemorySize=64m -XX:+UseSerialGC -Dorg.bytedeco.javacpp.maxBytes=128m -Dorg.bytedeco.javacpp.maxPhysicalBytes=1g" ;;
  signaling-server)
    echo "-Xms32m -Xmx256m -XX:MaxDirectMemorySize=64m" ;;
  *)
    echo "usage: $0 sender|ros-receiver|signaling-server" >&2; exit 2 ;;
esac
