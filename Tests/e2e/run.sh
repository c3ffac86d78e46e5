#!/usr/bin/env bash
# End-to-end tests of the real binary under tmux (filled in by the dashboard work).
set -euo pipefail
echo "e2e: no end-to-end scripts yet"
