#!/usr/bin/env bash
# VP8 against H.264, side by side in one run per receiver kind, on the test-pattern sender at one fixed
# bitrate for both codecs (results in BENCHMARKS.md, section "Default codec"). Each kind measures the codecs
# one after the other in the same process (the same machine load for both); the machine, its load average
# at start and end are printed. Inside the test network namespace (scripts/netns-run.sh) like every
# benchmark carrying WebRTC media.
#   1. Java receivers (scripts/bench-sender.sh): glass-to-glass p50/p95/p99 from the frame stamp, fps, sender
#      CPU; then the quality phase: PSNR of the decoded color luma against the very source frame the sender
#      encoded (matched by the stamp's frame counter; sender/.../e2e/QualityProbe.java), and the received bitrate.
#      Repeated at a low bitrate (--low-kbps) where the codecs' quality differs visibly.
#   2. aiortc receivers (system-tests/src/test/python/aiortc_receiver.py): same rows, sender CPU.
#   3. Chromium, the real web viewer (ViewerCodecBenchmark): the page's own stamp latency, fps, codec and fmtp
#      the browser negotiated, CPU of the process holding the sender.
#   4. The ROS receiver (scripts/bench-ros.sh with SENDER_ARGS): Cyclone-side latency and rate, sender CPU.
# Usage: scripts/bench-codecs.sh [--seconds 30] [--kbps 1500] [--low-kbps 500] [--codecs VP8,H264] [--only java,aiortc,chromium,ros]
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_RUN=30 KBPS=1500 LOW_KBPS=500 CODECS=VP8,H264 ONLY=java,aiortc,chromium,ros
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) SECONDS_PER_RUN="$2"; shift 2 ;;
    --kbps) KBPS="$2"; shift 2 ;;
    --low-kbps) LOW_KBPS="$2"; shift 2 ;;
    --codecs) CODECS="$2"; shift 2 ;;
    --only) ONLY="$2"; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
wants() { [[ ",$ONLY," == *",$1,"* ]]; }
RATE=(--max-bitrate "$KBPS" --min-bitrate "$KBPS")   # min = max: both codecs get the same target bitrate

echo "## codec benchmark $(date -u +%FT%TZ): $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB RAM," \
     "$(java -version 2>&1 | head -1), load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "codecs $CODECS, $SECONDS_PER_RUN s per run, sender --max-bitrate $KBPS --min-bitrate $KBPS"
if wants java; then
  echo; echo "### Java receivers"
  scripts/bench-sender.sh --seconds "$SECONDS_PER_RUN" --codecs "$CODECS" --multi-codecs none \
      --quality-seconds 15 "${RATE[@]}" 2>&1 | grep -v "attach\|^bench-sender: logs"
  echo; echo "### Java receivers, $LOW_KBPS kbit/s"
  scripts/bench-sender.sh --seconds 10 --codecs "$CODECS" --multi-codecs none \
      --quality-seconds 15 --max-bitrate "$LOW_KBPS" --min-bitrate "$LOW_KBPS" 2>&1 | grep -v "attach\|^bench-sender: logs"
fi
if wants aiortc; then
  echo; echo "### aiortc receivers"
  scripts/bench-sender.sh --receiver aiortc --seconds "$SECONDS_PER_RUN" --codecs "$CODECS" --multi-codecs none "${RATE[@]}" \
      2>&1 | grep -v "attach\|^bench-sender: logs"
fi
if wants chromium; then
  echo; echo "### Chromium (web viewer)"
  SUFFIX="${BUILD_SUFFIX:--bench}"
  mvn -q -B -o -Dbuild.suffix="$SUFFIX" -pl system-tests -am -DskipTests test-compile dependency:build-classpath \
      -Dmdep.outputFile="$PWD/system-tests/target$SUFFIX/bench.classpath" -Dmdep.includeScope=test >/dev/null
  CP="system-tests/target$SUFFIX/test-classes:$(cat "system-tests/target$SUFFIX/bench.classpath")"
  scripts/netns-run.sh timeout 600 java -Xmx1g -Dcamrtc.log.level=WARN -cp "$CP" \
      dev.camrtc.systemtests.bench.ViewerCodecBenchmark "$SECONDS_PER_RUN" 5 "$CODECS" "${RATE[@]}" 2>/dev/null | grep -v " |-\|attach"
fi
if wants ros; then
  for codec in ${CODECS//,/ }; do
    echo; echo "### ROS receiver, $codec"
    SENDER_ARGS="--codec $codec ${RATE[*]}" scripts/bench-ros.sh "$SECONDS_PER_RUN" 2>/dev/null \
        | grep -v "^receiver RSS\|^receiver log\|attach"
  done
fi
echo; echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
