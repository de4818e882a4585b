#!/usr/bin/env bash
# A local cluster in one command: an etcd and a nats-server on loopback, their
# data in a temporary directory.
#
#   eval "$(scripts/cluster.sh up)"   # starts them; sets DVM_ETCD and DVM_NATS
#   scripts/cluster.sh status         # what runs, and the same variables
#   scripts/cluster.sh down           # stops them and removes their data
#
# Ports: DVM_ETCD_PORT (default 2479) and DVM_NATS_PORT (default 4322), away
# from the servers' usual ports so a system etcd or NATS is left alone.
# The directory: DVM_CLUSTER_DIR (default /tmp/dvm-cluster-UID).
set -euo pipefail
cd "$(dirname "$0")/.."

dir=${DVM_CLUSTER_DIR:-/tmp/dvm-cluster-$(id -u)}
etcd_port=${DVM_ETCD_PORT:-2479}
nats_port=${DVM_NATS_PORT:-4322}
etcd_url=http://127.0.0.1:$etcd_port
nats_url=nats://127.0.0.1:$nats_port

say() { echo "cluster: $*" >&2; }

exports() {
  echo "export DVM_ETCD=$etcd_url"
  echo "export DVM_NATS=$nats_url"
}

running() { [ -f "$dir/$1.pid" ] && kill -0 "$(cat "$dir/$1.pid")" 2>/dev/null; }

wait_until() {
  local what=$1
  shift
  for _ in $(seq 100); do
    "$@" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  say "$what did not start; see $dir/$what.log"
  exit 1
}

up() {
  if ! command -v etcd >/dev/null || ! command -v nats-server >/dev/null; then
    say "installing the servers (scripts/setup.sh)"
    scripts/setup.sh Release >&2
  fi
  mkdir -p "$dir"
  if ! running etcd; then
    setsid etcd --name dvm --data-dir "$dir/etcd" \
      --listen-client-urls "$etcd_url" --advertise-client-urls "$etcd_url" \
      --listen-peer-urls "http://127.0.0.1:$((etcd_port + 1))" \
      --initial-advertise-peer-urls "http://127.0.0.1:$((etcd_port + 1))" \
      --initial-cluster "dvm=http://127.0.0.1:$((etcd_port + 1))" >"$dir/etcd.log" 2>&1 </dev/null &
    echo $! >"$dir/etcd.pid"
    wait_until etcd etcdctl --endpoints="$etcd_url" endpoint health
  fi
  if ! running nats; then
    setsid nats-server -a 127.0.0.1 -p "$nats_port" >"$dir/nats.log" 2>&1 </dev/null &
    echo $! >"$dir/nats.pid"
    wait_until nats bash -c "exec 3<>/dev/tcp/127.0.0.1/$nats_port"
  fi
  say "etcd at $etcd_url, NATS at $nats_url (data in $dir)"
  exports
}

down() {
  local s
  for s in nats etcd; do
    if running "$s"; then
      kill "$(cat "$dir/$s.pid")"
      say "stopped $s"
    fi
  done
  rm -rf "$dir"
}

status() {
  local s
  for s in etcd nats; do
    if running "$s"; then say "$s runs (pid $(cat "$dir/$s.pid"))"; else say "$s does not run"; fi
  done
  exports
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  *) echo "usage: scripts/cluster.sh up|down|status" >&2; exit 2 ;;
esac
