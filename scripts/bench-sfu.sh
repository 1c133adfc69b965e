#!/usr/bin/env bash
# Peer-to-peer against Janus (results in BENCHMARKS.md, section "Sender through Janus (SFU)").
#
# Builds the sender and its test classes, then, inside the test network namespace
# (scripts/netns-run.sh), runs a signaling server, a throw-away Janus from Debian's package
# (HTTP API on 127.0.0.1, configuration written at run time) and a test-pattern sender, once
# peer-to-peer and once with --sfu, with 1, 3, 5 and 10 Java receivers (one process) watching both
# streams (or --streams); prints the slowest receiver stream's fps, latency, sender CPU and Janus CPU as Markdown
# table rows.
#
# Usage: scripts/bench-sfu.sh [--seconds 20] [--warmup 5] [--receivers 1,3,5,10] [--codec VP8] [--streams color,infrared]
set -euo pipefail
cd "$(dirname "$0")/.."
BENCH_MAIN=dev.camrtc.sender.e2e.SfuBench BENCH_NAME=bench-sfu exec scripts/bench-sender.sh "$@"
