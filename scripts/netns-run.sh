#!/usr/bin/env bash
# Runs a command inside a private network namespace made for tests and benchmarks.
#
# libwebrtc never gathers loopback candidates, and tests must never send to the
# machine's real interfaces. So the command gets its own namespace holding:
#   - lo, up, with multicast on and 224.0.0.0/4 routed to it (DDS discovery);
#   - a veth pair with BOTH ends inside: tv0 198.18.0.1/24 and tv1 198.18.0.2/24
#     (RFC 2544 benchmark addresses), so WebRTC peers find host candidates.
# Nothing in it can reach outside the namespace. Needs root, or user namespaces.
#
# Usage: scripts/netns-run.sh COMMAND [ARGS...]
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: $0 COMMAND [ARGS...]" >&2; exit 2; }

if [ "${CAMRTC_NETNS:-}" = "1" ]; then
  exec "$@"                      # already inside one
fi

if [ "$(id -u)" = "0" ]; then unshare_flags=(-n); else unshare_flags=(-r -n); fi

exec unshare "${unshare_flags[@]}" bash -euo pipefail -c '
  ip link set lo up
  ip link set lo multicast on
  ip route add 224.0.0.0/4 dev lo
  ip link add tv0 type veth peer name tv1
  ip addr add 198.18.0.1/24 dev tv0
  ip addr add 198.18.0.2/24 dev tv1
  ip link set tv0 up
  ip link set tv1 up
  export CAMRTC_NETNS=1
  exec "$@"
' netns-run "$@"
