#!/usr/bin/env bash
# The Debian packages: built by CPack from the build folder, then checked as a
# technician would meet them: control fields (dependencies declared), files
# in place, units that systemd-analyze accepts, and the installed programs
# running from a scratch root (assets found beside them, not in the tree).
#   tests/packaging/deb_test.sh BUILD_DIR WORK_DIR
set -euo pipefail
build=$1
work=$2
rm -rf "$work"
mkdir -p "$work/debs" "$work/root"
fail() { echo "FAIL: $*" >&2; exit 1; }

(cd "$build" && cpack -G DEB -B "$work/debs" >"$work/cpack.log" 2>&1) \
  || { cat "$work/cpack.log"; fail "cpack -G DEB failed"; }

version=$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$build/CMakeCache.txt")
for pkg in motcua-common motcua-station motcua-kiosk; do
  deb=$(ls "$work/debs"/${pkg}_"$version"_*.deb 2>/dev/null | head -n1)
  [ -n "$deb" ] || fail "no $pkg package in $work/debs: $(ls "$work/debs")"
  dpkg-deb -I "$deb" >"$work/$pkg.control"
  grep -q "^ Package: $pkg$" "$work/$pkg.control" || fail "$pkg: wrong Package field"
  dpkg-deb -x "$deb" "$work/root"
  echo "ok: $pkg $(basename "$deb") $(du -k "$deb" | cut -f1) KiB"
done

depends() { sed -n 's/^ Depends: //p' "$work/$1.control"; }
station_depends=$(depends motcua-station)
for need in "motcua-common (= $version)" libsqlite3-0 libssl3 systemd; do
  [[ $station_depends == *"$need"* ]] || fail "motcua-station does not depend on $need: $station_depends"
done
kiosk_depends=$(depends motcua-kiosk)
for need in "motcua-common (= $version)" libsdl2-2.0-0 libsdl2-ttf-2.0-0 libcups2 libqrencode4 cage; do
  [[ $kiosk_depends == *"$need"* ]] || fail "motcua-kiosk does not depend on $need: $kiosk_depends"
done
grep -q "^ Architecture: all$" "$work/motcua-common.control" || fail "motcua-common is not Architecture: all"
for script in postinst prerm postrm; do
  for pkg in motcua-station motcua-kiosk; do
    listing=$(dpkg-deb --ctrl-tarfile "$work/debs"/${pkg}_*.deb | tar -t)
    grep -qx "./$script" <<<"$listing" || fail "$pkg has no $script"
  done
done
echo "ok: dependencies and maintainer scripts declared"

root=$work/root
for f in usr/bin/motcua-station usr/bin/motcua-kiosk \
  usr/share/motcua/i18n/vi.json usr/share/motcua/i18n/en.json \
  usr/share/motcua/catalog/default.json usr/share/motcua/fonts/NotoSans-Regular.ttf \
  lib/systemd/system/motcua-station.service lib/systemd/system/motcua-kiosk.service \
  lib/sysusers.d/motcua-station.conf lib/sysusers.d/motcua-kiosk.conf etc/default/motcua-station; do
  [ -e "$root/$f" ] || fail "missing /$f"
done
echo "ok: programs, assets, units, accounts and defaults in place"

# systemd-analyze checks the units inside the scratch root: it needs the
# system's own units (targets) and the commands the units run to exist there.
if command -v systemd-analyze >/dev/null; then
  cp -an /lib/systemd/system/. "$root/lib/systemd/system/"
  [ -x /usr/bin/cage ] && cp /usr/bin/cage "$root/usr/bin/cage"
  for unit in motcua-station.service motcua-kiosk.service; do
    systemd-analyze verify --man=no --root="$root" "$root/lib/systemd/system/$unit" \
      >"$work/verify-$unit.log" 2>&1 || { cat "$work/verify-$unit.log"; fail "systemd-analyze verify $unit"; }
    [ -s "$work/verify-$unit.log" ] && { cat "$work/verify-$unit.log"; fail "systemd-analyze warned on $unit"; }
  done
  echo "ok: systemd-analyze verify accepts both units"
else
  echo "note: systemd-analyze is not installed; units not verified"
fi

# The installed station, from the scratch root, finds its catalog beside
# itself and serves it.
unset MOTCUA_ASSETS_DIR
"$root/usr/bin/motcua-station" --version | grep -q "^motcua-station $version" \
  || fail "installed motcua-station --version"
"$root/usr/bin/motcua-station" --listen 127.0.0.1:0 --data "$work/station" \
  --port-file "$work/port" >"$work/station.log" 2>&1 &
station=$!
trap 'kill "$station" 2>/dev/null || true' EXIT
for _ in $(seq 100); do [ -s "$work/port" ] && break; sleep 0.1; done
[ -s "$work/port" ] || { cat "$work/station.log"; fail "the installed station did not start"; }
port=$(tr -d '[:space:]' <"$work/port")
exec 3<>"/dev/tcp/127.0.0.1/$port"
printf 'GET /api/v1/catalog HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' >&3
timeout 10 cat <&3 >"$work/catalog.http"
exec 3<&-
head -n1 "$work/catalog.http" | grep -q " 200 " || fail "catalog: $(head -n1 "$work/catalog.http")"
grep -q "Cư trú" "$work/catalog.http" || fail "the catalog served is not the installed default"
grep -qF "catalog $root/usr/share/motcua/catalog/default.json" "$work/station.log" \
  || fail "the installed station did not read the installed catalog: $(cat "$work/station.log")"
kill "$station"
wait "$station" || true
trap - EXIT
echo "ok: the installed station serves the installed catalog"

# The installed kiosk draws a ticket with the installed fonts and texts.
"$root/usr/bin/motcua-kiosk" ticket-preview --width 384 --out "$work/preview.png" \
  >"$work/preview.log" 2>&1 || { cat "$work/preview.log"; fail "installed ticket-preview"; }
[ "$(head -c 8 "$work/preview.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] \
  || fail "ticket-preview did not write a PNG"
echo "ok: the installed kiosk renders a ticket preview"
