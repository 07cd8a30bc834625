#!/usr/bin/env bash
# Builds the Debian packages from a finished build directory (cpack, into a scratch directory) and
# checks them as Debian would: lintian must report no error and no warning (pedantic tags are
# shown), every package ships its copyright file, changelog and manual pages, the maintainer
# scripts parse, and apt can resolve every dependency from the configured archives
# (apt-get install --simulate). Usage: check-packages.sh BUILD_DIR
set -euo pipefail
build=$1
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

cpack --config "$build/CPackConfig.cmake" -B "$out" >"$out/cpack.log" 2>&1 ||
    { cat "$out/cpack.log"; exit 1; }
mapfile -t debs < <(find "$out" -maxdepth 1 -name '*.deb' | sort)
[ "${#debs[@]}" -ge 2 ] || { echo "expected at least shop-server and shop-sandbox, got: ${debs[*]}"; exit 1; }

failed=0
for deb in "${debs[@]}"; do
    package=$(dpkg-deb -f "$deb" Package)
    echo "==> $package ($(du -h "$deb" | cut -f1))"
    # --fail-on error,warning: any E: or W: tag fails; I: and P: tags are printed for the reader.
    if ! lintian --info --pedantic --fail-on error,warning "$deb"; then
        echo "FAIL: lintian reports errors or warnings for $package"
        failed=1
    fi
    contents=$(dpkg-deb -c "$deb" | awk '{print $6}')
    for file in "./usr/share/doc/$package/copyright" "./usr/share/doc/$package/changelog.gz"; do
        grep -qx "$file" <<<"$contents" || { echo "FAIL: $package lacks $file"; failed=1; }
    done
    # Every program in /usr/bin has its manual page.
    for program in $(grep '^\./usr/bin/.' <<<"$contents"); do
        page="./usr/share/man/man1/$(basename "$program").1.gz"
        grep -qx "$page" <<<"$contents" || { echo "FAIL: $package lacks $page"; failed=1; }
    done
    control="$out/control-$package"
    dpkg-deb -e "$deb" "$control"
    for script in preinst postinst prerm postrm; do
        if [ -f "$control/$script" ] && ! sh -n "$control/$script"; then
            echo "FAIL: $package's $script does not parse"
            failed=1
        fi
    done
done

echo "==> apt-get install --simulate"
if ! apt-get install --simulate --no-install-recommends "${debs[@]}" >"$out/apt.log" 2>&1; then
    cat "$out/apt.log"
    echo "FAIL: apt cannot install the packages"
    failed=1
else
    grep -E '^Inst shop-' "$out/apt.log"
fi
exit "$failed"
