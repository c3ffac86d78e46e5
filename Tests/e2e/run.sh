#!/usr/bin/env bash
# End-to-end tests of the real binary under tmux: runs every Tests/e2e/*.sh scenario except lib.sh
# and this file; each prints what it checks and exits non-zero on the first failure.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
export HFDASH_BIN="${HFDASH_BIN:-$here/../../.build/release/hfdash}"
failed=0
passed=0
for script in "$here"/*.sh; do
  case "$(basename "$script")" in lib.sh|run.sh) continue ;; esac
  echo "e2e: $(basename "$script")"
  if bash "$script"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "e2e: FAILED $(basename "$script")"; fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
