#!/usr/bin/env bash
# Lints the OpenAPI document shop-server assembles with Redocly CLI (pinned in package.json).
#   scripts/openapi-lint/lint.sh path/to/shop-server
# Exit status: 0 no errors (warnings are printed), 1 errors or the linter is not installed.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
server=${1:?usage: lint.sh path/to/shop-server}
redocly=$here/node_modules/.bin/redocly
if [ ! -x "$redocly" ]; then
    echo "openapi_lint: Redocly CLI is not installed in $here/node_modules." >&2
    echo "Run scripts/install-deps (it installs Node.js and runs npm ci there)." >&2
    exit 1
fi
if ! command -v node >/dev/null; then
    echo "openapi_lint: node is not installed; run scripts/install-deps." >&2
    exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$server" openapi >"$work/openapi.json"
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true NO_COLOR=1
"$redocly" lint --config "$here/redocly.yaml" "$work/openapi.json"
