#!/usr/bin/env bash
# Builds the Debian package target/deb/camrtc_<version>_amd64.deb: the three programs' jars (built first
# when missing), their launchers with memory bounds, the reference configs as conffiles under /etc/camrtc,
# the systemd units, the RealSense udev rule and the camrtc user's maintainer scripts. Layout and sizing:
# docs/packaging.md. Checked by scripts/package-test.sh (part of scripts/test.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

programs=(signaling-server sender ros-receiver)
suffix=${CAMRTC_BUILD_SUFFIX:-}   # the -Dbuild.suffix of the Maven build whose jars to package

version=$(sed -n '0,/<version>/s:.*<version>\(.*\)</version>.*:\1:p' pom.xml)
deb_version=${version/-SNAPSHOT/~snapshot}

missing=()
for p in "${programs[@]}"; do
  [ -f "$p/target$suffix/$p.jar" ] || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  (IFS=,; mvn -B -q -DskipTests -Dbuild.suffix="$suffix" package -pl "${missing[*]}" -am)
fi

out=target/deb
root=$out/camrtc
rm -rf "$root"
mkdir -p "$root/DEBIAN"
for p in "${programs[@]}"; do
  install -D -m 644 "$p/target$suffix/$p.jar" "$root/usr/share/camrtc/$p.jar"
  install -D -m 755 "packaging/bin/camrtc-$p" "$root/usr/bin/camrtc-$p"
  install -D -m 644 "packaging/config/$p.yaml" "$root/etc/camrtc/$p.yaml"
done
install -D -m 755 packaging/bin/launch "$root/usr/share/camrtc/launch"
install -D -m 755 scripts/jvm-bounds.sh "$root/usr/share/camrtc/jvm-bounds.sh"
for unit in packaging/systemd/*.service; do
  install -D -m 644 "$unit" "$root/lib/systemd/system/$(basename "$unit")"
done
install -D -m 644 packaging/udev/60-camrtc-realsense.rules "$root/lib/udev/rules.d/60-camrtc-realsense.rules"
install -D -m 644 packaging/debian/copyright "$root/usr/share/doc/camrtc/copyright"
sed -e "s/@VERSION@/$deb_version/" -e "s/@DATE@/$(date -R -d @"${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}")/" \
  packaging/debian/changelog | gzip -9n > "$root/usr/share/doc/camrtc/changelog.gz"
chmod 644 "$root/usr/share/doc/camrtc/changelog.gz"

for script in postinst prerm postrm; do
  install -m 755 "packaging/debian/$script" "$root/DEBIAN/$script"
done
(cd "$root" && find etc -type f | sort | sed 's:^:/:') > "$root/DEBIAN/conffiles"
installed_kb=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
sed -e "s/@VERSION@/$deb_version/" -e "s/@INSTALLED_SIZE@/$installed_kb/" packaging/debian/control > "$root/DEBIAN/control"
(cd "$root" && find . -path ./DEBIAN -prune -o -path ./etc -prune -o -type f -print0 | sort -z \
  | xargs -0 md5sum | sed 's:  \./:  :') > "$root/DEBIAN/md5sums"

deb="$out/camrtc_${deb_version}_amd64.deb"
# gzip -6: the jars are already compressed; xz would take minutes on a small machine for ~1 % less.
dpkg-deb --root-owner-group -Zgzip -z6 --build "$root" "$deb" >/dev/null
echo "$deb"
