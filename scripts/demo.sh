#!/usr/bin/env bash
# The project's demo command (README): builds what is missing, starts the signaling
# server (which serves the web viewer) and prints the URL to open. Ctrl-C stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${PORT:-8080}"

packages=(openjdk-17-jdk-headless maven)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo_cmd=(); [ "$(id -u)" = "0" ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if [ ! -f signaling-server/target/signaling-server.jar ]; then
  echo "demo: building (first run only)..."
  mvn -B -q -DskipTests package
fi

pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM

java -jar signaling-server/target/signaling-server.jar --host 0.0.0.0 --port "$PORT" &
pids+=($!)
for _ in $(seq 1 50); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
echo
echo "demo: open http://127.0.0.1:$PORT/ in a browser (Ctrl-C stops everything)"
wait
