# Configure and build helpers shared by scripts/run and scripts/test. Source this file.

SHOP_ROOT=${SHOP_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}

# shop_build DIR [cmake -D options...]: configures (first time) and builds everything in DIR, or
# only the targets in SHOP_BUILD_TARGETS (space-separated) when it is set.
shop_build() {
    local dir=$1
    shift
    local launcher=()
    command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
    if [ ! -f "$dir/build.ninja" ]; then
        cmake -S "$SHOP_ROOT" -B "$dir" -G Ninja "${launcher[@]}" "$@" >"$dir.configure.log" 2>&1 ||
            { mkdir -p "$dir"; cat "$dir.configure.log" >&2; return 1; }
    fi
    local targets=()
    [ -n "${SHOP_BUILD_TARGETS:-}" ] && read -r -a targets <<<"$SHOP_BUILD_TARGETS"
    cmake --build "$dir" --parallel "$(nproc)" ${targets[@]+--target "${targets[@]}"}
}
