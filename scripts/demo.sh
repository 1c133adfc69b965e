#!/usr/bin/env bash
# The project's demo command (README): builds what is missing, starts the signaling
# server (which serves the web viewer) and a sender on this machine (a RealSense when
# one is connected, else the test pattern), and prints the URL to open. Ctrl-C stops both.
#
# Environment: PORT (signaling/viewer, default 8080), MJPEG_PORT (sender's MJPEG, default 8000),
# NAME (sender name, default demo-cam), SOURCE (sender --source, default auto).
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${PORT:-8080}"
MJPEG_PORT="${MJPEG_PORT:-8000}"
NAME="${NAME:-demo-cam}"
SOURCE="${SOURCE:-auto}"

realsense=""
for d in /sys/bus/usb/devices/*; do
  [ -f "$d/idVendor" ] || continue
  if [ "$(cat "$d/idVendor")" = "8086" ]; then
    case "$(cat "$d/idProduct")" in
      0ad1|0ad2|0ad3|0ad4|0ad5|0af6|0afe|0aff|0b00|0b01|0b07|0b3a|0b5b|0b5c|0b64|0b68) realsense="$(cat "$d/idProduct")";;
    esac
  fi
done
if [ "$SOURCE" = "auto" ] && [ -n "$realsense" ]; then
  echo "demo: camera: RealSense found (USB 8086:$realsense); the sender streams it"
elif [ "$SOURCE" = "auto" ]; then
  echo "demo: camera: no RealSense connected; the sender streams the TEST PATTERN (color + infrared)"
else
  echo "demo: camera: --source $SOURCE"
fi

packages=(openjdk-17-jdk-headless maven libpulse0 libudev1 libx11-6 libxfixes3 libxrandr2 libxcomposite1 libdbus-1-3 libusb-1.0-0 libturbojpeg0 curl)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo_cmd=(); [ "$(id -u)" = "0" ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# (Re)build when a jar is missing or older than any source or pom (e.g. after a git pull).
stale() { [ ! -f "$1" ] || [ -n "$(find . -name 'target*' -prune -o \( -path '*/src/*' -o -name pom.xml \) -newer "$1" -print -quit)" ]; }
if stale signaling-server/target/signaling-server.jar || stale sender/target/sender.jar; then
  echo "demo: building (a few minutes the first time)..."
  mvn -B -q -DskipTests package
fi

pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM

# Every JVM runs with the memory bounds of scripts/jvm-bounds.sh (README, "Memory bounds").
# shellcheck disable=SC2046
java $(scripts/jvm-bounds.sh signaling-server) -jar signaling-server/target/signaling-server.jar --host 0.0.0.0 --port "$PORT" &
pids+=($!)
for _ in $(seq 1 50); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.2; done

# shellcheck disable=SC2046
java $(scripts/jvm-bounds.sh sender) -jar sender/target/sender.jar --server "ws://127.0.0.1:$PORT" --name "$NAME" --source "$SOURCE" \
  --mjpeg-port "$MJPEG_PORT" &
pids+=($!)
announced=""
for _ in $(seq 1 300); do   # up to 60 s: the first start unpacks the WebRTC native library
  if curl -fs "http://127.0.0.1:$PORT/api/senders" 2>/dev/null | grep -q "\"name\":\"$NAME\",\"streams\""; then
    announced=1; break
  fi
  kill -0 "${pids[1]}" 2>/dev/null || { echo "demo: the sender stopped (see its log above)"; exit 1; }
  sleep 0.2
done
[ -n "$announced" ] || echo "demo: the sender has not announced its streams yet (see its log above)"

echo
echo "demo: open http://127.0.0.1:$PORT/ in a browser and pick '$NAME' (Ctrl-C stops everything)"
echo "demo: MJPEG fallback: http://127.0.0.1:$MJPEG_PORT/"
wait
