#!/usr/bin/env bash
# The test command: builds and runs the whole suite, against SQLite and (when possible)
# PostgreSQL. Run it from anywhere:
#
#   scripts/test.sh                      # everything
#   scripts/test.sh --filter StorageTests  # extra arguments go to `swift test`
#
# When `swift test` passes, the real-browser tests run: `python3 -m pytest -q Tests/browser`
# (screenshots and a PDF in test-artifacts/screenshots, or $COMMONWEAL_SCREENSHOTS), then the
# system tests: `python3 -m pytest -q Tests/system` (API fuzzing, load, faults).
#
# PostgreSQL: if COMMONWEAL_TEST_POSTGRES_URL is set it is used as is. Otherwise, if the
# PostgreSQL server is installed (Debian: apt-get install postgresql), a throwaway cluster is
# started on a free 127.0.0.1 port and removed on exit. Without either, the PostgreSQL tests
# skip (locally) or fail (when CI=true).
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO"

# Swift on this project's machines lives in /opt/swift; use it if it is not on PATH already.
if ! command -v swift >/dev/null 2>&1 && [[ -x /opt/swift/usr/bin/swift ]]; then
    export PATH="$PATH:/opt/swift/usr/bin"
fi
command -v swift >/dev/null 2>&1 || { echo "error: swift not found on PATH" >&2; exit 1; }

# shellcheck source=scripts/throwaway-postgres.sh
source "$REPO/scripts/throwaway-postgres.sh"

# shellcheck disable=SC2317  # invoked via trap
on_exit() {
    local rc=$?
    trap - EXIT
    throwaway_postgres_stop
    exit "$rc"
}
trap on_exit EXIT
# Turn signals into a normal exit so the EXIT trap always cleans up.
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

# 1. PostgreSQL
if [[ -n "${COMMONWEAL_TEST_POSTGRES_URL+set}" ]]; then
    if [[ -n "$COMMONWEAL_TEST_POSTGRES_URL" ]]; then
        # Do not print a password if the URL carries one.
        echo "==> using COMMONWEAL_TEST_POSTGRES_URL from the environment: $(sed -E 's#(://[^:/@]*):[^@/]*@#\1:***@#' <<<"$COMMONWEAL_TEST_POSTGRES_URL")"
    else
        echo "COMMONWEAL_TEST_POSTGRES_URL is set but empty: PostgreSQL tests will skip"
    fi
elif throwaway_postgres_available; then
    throwaway_postgres_start
else
    echo "PostgreSQL server not installed: PostgreSQL tests will skip (install postgresql, or set COMMONWEAL_TEST_POSTGRES_URL)"
fi

# 2. A private, fresh TMPDIR: sqlite-kit's in-memory databases leave files in $TMPDIR.
# Exported before the build so `swift build` and `swift test` see the same environment.
export TMPDIR="$REPO/.build/test-tmp"
rm -rf "$TMPDIR"
mkdir -p "$TMPDIR"

# 3. Build and run the Swift tests. COMMONWEAL_TEST_CONFIGURATION=release builds and tests the
# optimised build with testability (.ci/run does: one build of everything, and the browser and
# system tests run its product binary); the default, debug, rebuilds fastest while developing.
case "${COMMONWEAL_TEST_CONFIGURATION:-debug}" in
    debug) build_flags=() ;;
    release) build_flags=(-c release -Xswiftc -enable-testing) ;;
    *)
        echo "error: COMMONWEAL_TEST_CONFIGURATION must be debug or release, not '${COMMONWEAL_TEST_CONFIGURATION}'" >&2
        exit 2
        ;;
esac
echo "==> building (${COMMONWEAL_TEST_CONFIGURATION:-debug})"
swift build "${build_flags[@]}" --build-tests

echo "==> testing"
status=0
swift test "${build_flags[@]}" --skip-build --parallel "$@" || status=$?
if [[ "$status" -ne 0 ]]; then
    exit "$status"
fi

# The product binary the browser and system tests run: $COMMONWEAL_BIN when set, else the one
# just built (the release build's under .ci/run, as production runs it).
BIN="${COMMONWEAL_BIN:-$(swift build "${build_flags[@]}" --show-bin-path)/commonweal}"
echo "==> the browser and system tests run $BIN"

# 4. Real-browser tests (Tests/browser): the built product in headless Chromium, keyboard-only
#    journeys, axe-core, reflow at 320 px. They skip locally without Chromium, chromedriver,
#    selenium or axe-core and fail under CI=true; they need python3 with pytest either way.
echo "==> browser tests"
if ! python3 -c 'import pytest' >/dev/null 2>&1; then
    if [[ "${CI:-}" == "true" ]]; then
        echo "error: the browser tests need python3 with pytest" >&2
        exit 1
    fi
    echo "python3 with pytest not found: browser tests skipped"
    exit 0
fi
COMMONWEAL_BIN="$BIN" python3 -m pytest -q Tests/browser || status=$?

# 5. System tests (Tests/system): the built product over HTTP and on its files, no browser: API
#    fuzzing, load, faults, backups under load.
echo "==> system tests"
COMMONWEAL_BIN="$BIN" python3 -m pytest -q Tests/system || status=$?
exit "$status"
