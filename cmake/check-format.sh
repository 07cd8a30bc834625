#!/usr/bin/env bash
# Fails when a tracked C++ file is not formatted with the project's .clang-format.
set -euo pipefail
cd "$1"
files=$(git ls-files '*.cpp' '*.h')
[ -n "$files" ] || { echo "no sources found" >&2; exit 1; }
# shellcheck disable=SC2086
clang-format --style=file --dry-run -Werror $files
echo "$(echo "$files" | wc -l) files formatted"
