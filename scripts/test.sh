#!/usr/bin/env bash
# The project's test command (README): installs what the tests need, then runs
# every test of every module with `mvn -B verify`. Media tests (WebRTC, DDS,
# browser) run inside a private network namespace made by scripts/netns-run.sh.
# Then the Debian package is built from the jars and checked.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages the tests use; each is installed only when missing.
packages=(
  openjdk-17-jdk-headless maven iproute2 util-linux   # build, namespaces
  libpulse0 libudev1 libx11-6 libxfixes3 libxrandr2 libxcomposite1 libdbus-1-3  # webrtc-java natives
  libusb-1.0-0                                        # librealsense2 on USB-less hosts
  libturbojpeg0                                       # JPEG encoding (media JpegEncoder: MJPEG, ROS CompressedImage)
  libddsc0debian cyclonedds-dev cyclonedds-tools      # ROS 2 bridge (Cyclone DDS) and its C test peer
  libfastrtps-dev fastddsgen g++                      # Fast DDS test peer
  chromium chromium-driver fonts-dejavu-core          # browser tests
  python3-aiortc python3-websockets                   # third-party WebRTC peer (system-tests aiortc_receiver.py)
  redis-server                                        # signaling-server cluster tests (a throw-away instance)
  janus                                               # the SFU the sender publishes into with --sfu (sender sfu tests)
  dpkg-dev lintian systemd                            # the Debian package and its units (scripts/package-test.sh)
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# npm installs the third-party WHEP player below. Checked as a command, not a package: a Node.js from
# elsewhere (e.g. NodeSource's nodejs, which bundles npm and conflicts with Debian's npm) serves as well.
command -v npm >/dev/null || missing+=(nodejs npm)
if [ ${#missing[@]} -gt 0 ]; then
  echo "test.sh: installing ${missing[*]}"
  sudo_cmd=(); [ "$(id -u)" = "0" ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# npm packages the browser tests run (a third-party WHEP player, system-tests/package-lock.json);
# installed only when missing.
[ -d system-tests/node_modules/@eyevinn/webrtc-player ] \
  || (cd system-tests && npm ci --no-audit --no-fund --ignore-scripts)

# 1. Build everything and run the tests that need no media network (needs the registry).
mvn -B verify "$@"
# 2. The media tests, offline, inside the test network namespace (the jars of step 1 stay).
scripts/netns-run.sh mvn -B -o -Dnetns -Dgroups=media -Dsurefire.failIfNoSpecifiedTests=false test "$@"
# 3. The Debian package from the jars of step 1: lintian, layout, systemd units, launchers.
scripts/package-test.sh
