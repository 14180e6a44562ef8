# shellcheck shell=bash
# Throwaway PostgreSQL cluster for the test suite. SOURCE this file (scripts/test.sh does);
# it defines functions only and changes no shell options.
#
#   throwaway_postgres_available   true if PostgreSQL server binaries are installed
#   throwaway_postgres_start       initdb + start on a free 127.0.0.1 port, create the
#                                  database commonweal_test, export COMMONWEAL_TEST_POSTGRES_URL
#   throwaway_postgres_stop        stop the cluster (immediate) and delete its folder;
#                                  safe to call any number of times, at any stage
#
# Knobs (environment): TPG_READY_TIMEOUT (seconds, default 30), TPG_FIRST_PORT (default 54329).
#
# As root the server runs as the `postgres` system user via runuser (PostgreSQL refuses to run
# as root); otherwise it runs as the current user. Either way the superuser of the throwaway
# cluster has the same name as the OS user running it, with trust authentication.

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
    echo "throwaway-postgres.sh is meant to be sourced (see scripts/test.sh), not run" >&2
    exit 2
fi

TPG_DIR=""     # temp folder: data/, sock/, *.log
TPG_BIN=""     # e.g. /usr/lib/postgresql/15/bin
TPG_USER=""    # OS user running the server = database superuser
TPG_PORT=""
TPG_DB="commonweal_test"

# Highest-versioned /usr/lib/postgresql/*/bin that has initdb, or nothing.
tpg_find_bin() {
    local initdb
    initdb=$(printf '%s\n' /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)
    [[ -n "$initdb" && -x "$initdb" ]] && dirname "$initdb"
}

throwaway_postgres_available() {
    [[ -n "$(tpg_find_bin)" ]]
}

# Run a server-side command as the cluster owner, from inside the temp folder (so the cwd is
# always reachable by that user).
tpg_as_owner() {
    if [[ $EUID -eq 0 ]]; then
        (cd "$TPG_DIR" && runuser -u "$TPG_USER" -- "$@")
    else
        (cd "$TPG_DIR" && "$@")
    fi
}

# True if nothing accepts TCP connections on 127.0.0.1:$1.
tpg_port_free() {
    ! timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null
}

tpg_fail() {
    echo "error: throwaway PostgreSQL: $*" >&2
    return 1
}

tpg_show_log() {
    local f="$1"
    [[ -f "$f" ]] || return 0
    echo "---- last lines of $f ----" >&2
    tail -n 30 "$f" >&2 || true
    echo "----" >&2
}

throwaway_postgres_start() {
    TPG_BIN=$(tpg_find_bin) || true
    [[ -n "$TPG_BIN" ]] || { tpg_fail "no initdb under /usr/lib/postgresql/*/bin"; return 1; }

    if [[ $EUID -eq 0 ]]; then
        TPG_USER=postgres
        getent passwd "$TPG_USER" >/dev/null \
            || { tpg_fail "running as root but there is no '$TPG_USER' system user to run the server"; return 1; }
        command -v runuser >/dev/null || { tpg_fail "running as root but runuser is missing"; return 1; }
    else
        TPG_USER=$(id -un)
    fi

    TPG_DIR=$(mktemp -d /tmp/commonweal-pg.XXXXXX) || { tpg_fail "mktemp failed"; return 1; }
    mkdir "$TPG_DIR/sock"
    if [[ $EUID -eq 0 ]]; then
        chown -R "$TPG_USER:" "$TPG_DIR"
    fi

    if ! tpg_as_owner "$TPG_BIN/initdb" -D "$TPG_DIR/data" -U "$TPG_USER" --auth=trust \
            -E UTF8 --locale=C --no-sync --no-instructions >"$TPG_DIR/initdb.log" 2>&1; then
        tpg_show_log "$TPG_DIR/initdb.log"
        tpg_fail "initdb failed"
        return 1
    fi

    # Try a fixed port first, then random ones below the kernel's ephemeral range. A port can
    # be taken between the check and the bind (e.g. by a concurrent run), so a bind failure
    # just moves on to the next candidate.
    local attempt port started=""
    local log="$TPG_DIR/server.log"
    for attempt in 1 2 3 4 5 6 7 8 9 10; do
        if [[ $attempt -eq 1 ]]; then port=${TPG_FIRST_PORT:-54329}; else port=$((15000 + RANDOM % 17000)); fi
        tpg_port_free "$port" || continue
        echo "==> starting throwaway PostgreSQL on 127.0.0.1:$port"
        : >"$log"
        [[ $EUID -eq 0 ]] && chown "$TPG_USER:" "$log"
        if tpg_as_owner "$TPG_BIN/pg_ctl" -D "$TPG_DIR/data" -l "$log" -s -w -t 60 start \
                -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$TPG_DIR/sock -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400" \
                >"$TPG_DIR/pg_ctl.out" 2>&1; then
            started=1
            break
        fi
        if grep -qE 'could not bind|Address already in use|could not create any TCP/IP sockets' "$log"; then
            echo "    port $port is taken; trying another"
            continue
        fi
        cat "$TPG_DIR/pg_ctl.out" >&2 || true
        tpg_show_log "$log"
        tpg_fail "pg_ctl start failed"
        return 1
    done
    [[ -n "$started" ]] || { tpg_show_log "$log"; tpg_fail "could not find a free port after 10 tries"; return 1; }
    TPG_PORT=$port

    local timeout=${TPG_READY_TIMEOUT:-30} waited=0
    until "$TPG_BIN/pg_isready" -q -h 127.0.0.1 -p "$TPG_PORT" -U "$TPG_USER" -d postgres -t 1; do
        if (( waited >= timeout )); then
            tpg_show_log "$log"
            tpg_fail "server on 127.0.0.1:$TPG_PORT not ready after ${timeout}s"
            return 1
        fi
        sleep 1
        waited=$((waited + 1))
    done

    if ! "$TPG_BIN/createdb" -h 127.0.0.1 -p "$TPG_PORT" -U "$TPG_USER" "$TPG_DB"; then
        tpg_fail "createdb $TPG_DB failed"
        return 1
    fi

    export COMMONWEAL_TEST_POSTGRES_URL="postgres://$TPG_USER@127.0.0.1:$TPG_PORT/$TPG_DB?tlsmode=disable"
}

throwaway_postgres_stop() {
    [[ -n "$TPG_DIR" && -d "$TPG_DIR" ]] || return 0
    if [[ -f "$TPG_DIR/data/postmaster.pid" ]]; then
        tpg_as_owner "$TPG_BIN/pg_ctl" -D "$TPG_DIR/data" -s -w -t 20 stop -m immediate >/dev/null 2>&1 || true
        # pg_ctl could not stop it (or is missing): kill the postmaster we started, by its pid.
        if [[ -f "$TPG_DIR/data/postmaster.pid" ]]; then
            local pid
            pid=$(head -n 1 "$TPG_DIR/data/postmaster.pid" 2>/dev/null || true)
            if [[ "$pid" =~ ^[0-9]+$ ]]; then
                kill -KILL "$pid" 2>/dev/null || true
                sleep 1
            fi
        fi
    fi
    rm -rf "$TPG_DIR" || true
    TPG_DIR=""
}
