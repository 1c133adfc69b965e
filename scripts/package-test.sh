#!/usr/bin/env bash
# Checks the Debian package of scripts/package.sh: lintian reports no errors, the installed layout is
# the documented one (dpkg-deb --contents), the maintainer scripts parse, systemd-analyze verify accepts
# the units, and the programs start from a throw-away root (dpkg -x) with the installed launchers and
# reference configs (--print-config). Run by scripts/test.sh after the jars are built.
set -euo pipefail
cd "$(dirname "$0")/.."

deb=$(scripts/package.sh)
fail() { echo "package-test: $*" >&2; exit 1; }

# 1. lintian: no errors (warnings such as a missing manual page are reported, not fatal).
lintian --fail-on error --tag-display-limit 0 "$deb" || fail "lintian reports errors for $deb"

# 2. The installed layout.
contents=$(dpkg-deb --contents "$deb")
for path in /usr/bin/camrtc-signaling-server /usr/bin/camrtc-sender /usr/bin/camrtc-ros-receiver \
    /usr/share/camrtc/launch /usr/share/camrtc/jvm-bounds.sh /usr/share/camrtc/signaling-server.jar /usr/share/camrtc/sender.jar \
    /usr/share/camrtc/ros-receiver.jar /etc/camrtc/signaling-server.yaml /etc/camrtc/sender.yaml \
    /etc/camrtc/ros-receiver.yaml /lib/systemd/system/camrtc-signaling.service \
    /lib/systemd/system/camrtc-sender@.service /lib/systemd/system/camrtc-ros-receiver@.service \
    /lib/udev/rules.d/60-camrtc-realsense.rules /usr/share/doc/camrtc/copyright; do
  grep -q " \.$path\$" <<<"$contents" || fail "$path is not in the package"
done
grep -q '^-rwxr-xr-x root/root .* \./usr/bin/camrtc-sender$' <<<"$contents" || fail "launchers must be root-owned 0755"
[ "$(dpkg-deb --ctrl-tarfile "$deb" | tar -xO ./conffiles | sort)" = "$(printf '%s\n' /etc/camrtc/ros-receiver.yaml \
    /etc/camrtc/sender.yaml /etc/camrtc/signaling-server.yaml)" ] || fail "the configs must be the conffiles"
dpkg-deb --field "$deb" Depends | grep -q 'openjdk-17-jre-headless' || fail "must depend on openjdk-17-jre-headless"
dpkg-deb --field "$deb" Depends | grep -q 'libturbojpeg0' || fail "must depend on libturbojpeg0 (JPEG encoding)"

# 3. A throw-away root with the package's files.
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
dpkg-deb -x "$deb" "$root"
dpkg-deb -e "$deb" "$root/DEBIAN"
for script in postinst prerm postrm; do
  sh -n "$root/DEBIAN/$script" || fail "$script does not parse"
done

# 4. systemd accepts the units, instances of the templates included; ExecStart points into the extracted
#    root so that verify also checks the launchers exist and are executable. Any remark fails the test.
mkdir "$root/units"
for unit in camrtc-signaling.service camrtc-sender@front.service camrtc-ros-receiver@front.service; do
  sed "s#^ExecStart=/usr/bin/#ExecStart=$root/usr/bin/#" "$root/lib/systemd/system/${unit/@front/@}" > "$root/units/$unit"
done
remarks=$(systemd-analyze verify --man=no "$root"/units/*.service 2>&1) || fail "systemd-analyze verify failed: $remarks"
[ -z "$remarks" ] || fail "systemd-analyze verify complains about the units: $remarks"
grep -q 'DeviceAllow=char-usb_device rw' "$root/lib/systemd/system/camrtc-sender@.service" || fail "the sender must reach USB cameras"

# 5. The installed launchers start the installed jars with the installed configs.
for p in signaling-server sender ros-receiver; do
  out=$(CAMRTC_JAR_DIR="$root/usr/share/camrtc" "$root/usr/bin/camrtc-$p" --config "$root/etc/camrtc/$p.yaml" --print-config) \
    || fail "camrtc-$p --print-config failed with the installed config"
  grep -q "^# effective configuration of $p" <<<"$out" || fail "camrtc-$p printed no configuration"
done
echo "package-test: $deb ok"
