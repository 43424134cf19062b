# bench/serve_lib.sh -- shared by the benches that compare builds of fil
# serve in alternating runs (serve_cpu.sh, serve_refresh.sh); sourced.

# bench_runs DEFAULT ARGS...: sets runs (from a leading "-n RUNS", else
# DEFAULT) and shifted (how many of ARGS that took); exits with the usage
# when no build is left.
bench_runs() {
  runs=$1
  shift
  shifted=0
  if [ "${1:-}" = "-n" ]; then
    runs=$2
    shifted=2
    shift 2
  fi
  [ $# -ge 1 ] || { echo "usage: $0 [-n RUNS] FIL..." >&2; exit 2; }
}

# metric BASE NAME: the value /metrics gives for NAME (empty if none).
metric() { curl -s "$1/metrics" | awk -v m="$2" '$1 == m {print $2}'; }

# serve_copy FIL STORE COPY LOG [OPTION...]: serves a fresh copy of STORE
# on a free loopback port and returns once its first full refresh is
# done; sets pid and base (http://127.0.0.1:PORT).
serve_copy() {
  local fil=$1 store=$2 copy=$3 log=$4 port
  shift 4
  cp "$store" "$copy"
  rm -f "$copy-wal" "$copy-shm"
  port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  base="http://127.0.0.1:$port"
  "$fil" serve --db "$copy" --port "$port" --no-progress "$@" > "$log" 2>&1 &
  pid=$!
  until curl -sf "$base/healthz" > /dev/null; do
    kill -0 "$pid" 2>/dev/null || { cat "$log"; exit 1; }
    sleep 0.2
  done
  until [ "$(metric "$base" fil_refreshes_total)" -ge 1 ]; do sleep 0.5; done
}
