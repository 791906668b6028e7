#!/usr/bin/env bash
# FerretDB 1.24 on PostgreSQL vs on SQLite, as measured in docs/BENCHMARKS.md ("Store backends").
# Not part of npm test or npm run bench. Run as root from the repository root, with `npm run build` done
# and the shared Kafka (9092) running; it and the shared store are not touched.
#
#   scripts/bench/store-backends.sh start      # private PostgreSQL 15 (55432) + FerretDB --handler=postgresql (57017),
#                                              # and a private FerretDB --handler=sqlite (57117)
#   scripts/bench/store-backends.sh growth     # growth bench per size, interleaved: postgresql then sqlite
#   scripts/bench/store-backends.sh explain    # plans on postgresql (run while a growth run holds its database)
#   scripts/bench/store-backends.sh writes     # write micro-bench, interleaved sqlite / postgresql, twice
#   scripts/bench/store-backends.sh stop       # stop both, remove $DIR
set -euo pipefail

DIR=${STORE_BENCH_DIR:-/tmp/storebench}
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
PG_PORT=55432
PG_URI=mongodb://127.0.0.1:57017/
SQLITE_URI=mongodb://127.0.0.1:57117/
SIZES=${SIZES:-1000 10000 30000}
as_postgres() { runuser -u postgres -- "$@"; }

case "${1:-}" in
  start)
    mkdir -p "$DIR/pg" "$DIR/sock" "$DIR/ferret-state" "$DIR/sqlite" "$DIR/ferret-sqlite-state"
    chown -R postgres:postgres "$DIR/pg" "$DIR/sock"
    as_postgres "$PG_BIN/initdb" -D "$DIR/pg/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 > "$DIR/initdb.log"
    # fsync, synchronous_commit and full_page_writes off: an experiment, not durable storage.
    as_postgres "$PG_BIN/pg_ctl" -D "$DIR/pg/data" -l "$DIR/pg/pg.log" -w start \
      -o "-p $PG_PORT -k $DIR/sock -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=256MB"
    as_postgres "$PG_BIN/psql" -h 127.0.0.1 -p $PG_PORT -U postgres -c 'create database ferretdb'
    nohup .local/ferretdb/bin/ferretdb --handler=postgresql \
      --postgresql-url="postgres://postgres@127.0.0.1:$PG_PORT/ferretdb" --listen-addr=127.0.0.1:57017 \
      --state-dir="$DIR/ferret-state" --debug-addr=- --telemetry=disable --log-level=warn > "$DIR/ferretdb-pg.log" 2>&1 &
    echo $! > "$DIR/ferretdb-pg.pid"
    nohup .local/ferretdb/bin/ferretdb --handler=sqlite --sqlite-url="file:$DIR/sqlite/" --listen-addr=127.0.0.1:57117 \
      --state-dir="$DIR/ferret-sqlite-state" --debug-addr=- --telemetry=disable --log-level=warn > "$DIR/ferretdb-sqlite.log" 2>&1 &
    echo $! > "$DIR/ferretdb-sqlite.pid"
    ;;
  growth)
    for size in $SIZES; do
      for backend in postgresql sqlite; do
        uri=$([ $backend = postgresql ] && echo $PG_URI || echo $SQLITE_URI)
        echo "== $backend $size $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
        MONGODB_URI=$uri KAFKA_BROKERS=127.0.0.1:9092 npm run bench:growth -- --sizes "$size" --requests 20 --json \
          > "$DIR/growth-$backend-$size.log" 2>&1
      done
    done
    ;;
  explain)
    npx tsx scripts/bench/store-backends.ts explain $PG_URI
    as_postgres "$PG_BIN/psql" -h 127.0.0.1 -p $PG_PORT -U postgres -d ferretdb -Atc \
      "select indexname, indexdef from pg_indexes where schemaname like 'bench-growth-%'"
    ;;
  writes)
    for round in 1 2; do
      for uri in $SQLITE_URI $PG_URI; do npx tsx scripts/bench/store-backends.ts writes "$uri" --ops 2000 --batch 50; done
    done
    ;;
  stop)
    for pid in "$DIR"/ferretdb-*.pid; do [ -f "$pid" ] && kill "$(cat "$pid")" || true; done
    as_postgres "$PG_BIN/pg_ctl" -D "$DIR/pg/data" -m fast -w stop || true
    rm -rf "$DIR"
    ;;
  *)
    echo "usage: $0 start|growth|explain|writes|stop" >&2
    exit 2
    ;;
esac
