# Helpers of the distributed tests: a real etcd and nats-server on addresses
# of this machine (loopback, or the test's own bridge), their data in a
# temporary directory, and every process the test starts stopped at exit,
# also when the test fails.  Sourced by the test scripts.

DVM=${DVM:?set DVM to the dvm binary}
PROGS=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/progs
WORK=$(mktemp -d /tmp/dvm-dist.XXXXXX)
PIDS=()
FAILED=0
PASSED=0
SKIPPED=0

# Every process a test starts is remembered twice: in PIDS, stopped by the
# shell that started it when it ends; and in $WORK/pids with its start time,
# so that when the run itself is stopped (a signal, a timeout) while a test
# runs in its subshell, stop_everything can still stop them all, and never a
# process that merely reused a pid.
start_time() {
  local s
  s=$(cat "/proc/$1/stat" 2>/dev/null) || return 0
  s=${s##*) }
  echo "$s" | cut -d' ' -f20
}

track() {
  PIDS+=("$1")
  echo "$1 $(start_time "$1")" >>"$WORK/pids"
}

stop_pid() { kill -CONT "$1" 2>/dev/null || true; kill -9 "$1" 2>/dev/null || true; }

cleanup_processes() {
  local p
  for p in "${PIDS[@]}"; do stop_pid "$p"; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  PIDS=()
}

stop_everything() {
  cleanup_processes
  local p t
  [ -f "$WORK/pids" ] || return 0
  while read -r p t; do
    [ -n "$t" ] && [ "$(start_time "$p")" = "$t" ] && stop_pid "$p"
  done <"$WORK/pids"
  : >"$WORK/pids"
}

# A stopped run ends through its EXIT trap, and a test's subshell stops what
# it started on its way out.
trap 'exit 143' TERM
trap 'exit 130' INT
trap 'exit 129' HUP
trap 'stop_tests; [ -n "${KEEP_WORK:-}" ] || rm -rf "$WORK"' EXIT

# caller NAME PROGRAM INPUT [OPTION...]: PROGRAM run in the background with
# INPUT on its standard input and its output in $T/NAME.out and .err,
# remembered for cleanup; its pid is in $!.
caller() {
  local name=$1 prog=$2
  echo "$3" >"$T/$name.in"
  shift 3
  # (not through spawn: a background command's input would be /dev/null)
  "$DVM" run "$prog" "$@" <"$T/$name.in" >"$T/$name.out" 2>"$T/$name.err" &
  track $!
}

# Starts a background process and remembers it for cleanup; its pid is in $!.
spawn() {
  "$@" &
  track $!
}

# A TCP port nothing listens on (from a range the kernel does not hand out).
free_port() {
  local p
  while :; do
    p=$((20000 + RANDOM % 10000))
    ss -ltn 2>/dev/null | grep -q ":$p " || { echo "$p"; return; }
  done
}

# start_servers ADDR: etcd and nats-server listening on ADDR (and etcd on
# loopback too); sets ETCD_URL, NATS_URL, ETCD_PID, NATS_PID.
start_servers() {
  local addr=${1:-127.0.0.1}
  ETCD_PORT=$(free_port)
  ETCD_PEER=$(free_port)
  NATS_PORT=$(free_port)
  ETCD_URL=http://$addr:$ETCD_PORT
  NATS_URL=nats://$addr:$NATS_PORT
  SERVER_ADDR=$addr
  start_etcd
  start_nats
}

start_etcd() {
  local listen=http://$SERVER_ADDR:$ETCD_PORT
  [ "$SERVER_ADDR" = 127.0.0.1 ] || listen=$listen,http://127.0.0.1:$ETCD_PORT
  spawn etcd --name dvmtest --data-dir "$T/etcd" --listen-client-urls "$listen" \
    --advertise-client-urls "$ETCD_URL" --listen-peer-urls "http://127.0.0.1:$ETCD_PEER" \
    --initial-advertise-peer-urls "http://127.0.0.1:$ETCD_PEER" \
    --initial-cluster "dvmtest=http://127.0.0.1:$ETCD_PEER" >>"$T/etcd.log" 2>&1
  ETCD_PID=$!
  wait_for "etcd answers" 20 etcd_up
}

start_nats() {
  spawn nats-server -a "$SERVER_ADDR" -p "$NATS_PORT" >>"$T/nats.log" 2>&1
  NATS_PID=$!
  wait_for "nats-server answers" 20 nats_up
}

etcd_up() { etcdctl --endpoints="$ETCD_URL" endpoint health >/dev/null 2>&1; }
nats_up() { (exec 3<>"/dev/tcp/$SERVER_ADDR/$NATS_PORT") 2>/dev/null; }

# wait_for WHAT SECONDS 'SHELL CODE': evaluates the code every 0.1 s until it
# succeeds; fails the test on timeout.
wait_for() {
  local what=$1 secs=$2
  shift 2
  local end=$((SECONDS + secs))
  until eval "$*"; do
    if [ $SECONDS -ge $end ]; then
      echo "  timed out waiting for: $what"
      return 1
    fi
    sleep 0.1
  done
}

etcd_get() { etcdctl --endpoints="$ETCD_URL" get --print-value-only "$1"; }
etcd_has() { [ -n "$(etcdctl --endpoints="$ETCD_URL" get --keys-only --prefix "$1")" ]; }

# The cluster as `dvm status --cluster --json` shows it, reduced with perl.
# cluster_q EXPR: EXPR is perl code over $j (the decoded JSON).
cluster_q() {
  "$DVM" status --cluster --json --etcd "$ETCD_URL" |
    perl -MJSON::PP -e 'local $/; my $j = decode_json(<STDIN>); print eval($ARGV[0]), "\n"' "$1"
}
service_version() { cluster_q "\$j->{services}{$1}{version} // 0"; }
# "V V V": the versions the nodes of service $1 run.
node_versions() { cluster_q "join ' ', map { \$_->{version} } grep { \$_->{service} eq '$1' } @{\$j->{nodes}}"; }
node_count() { cluster_q "scalar grep { \$_->{service} eq '$1' } @{\$j->{nodes}}"; }
nodes_are() { [ "$(node_count "$1")" = "$2" ]; }
updates_in_progress() { cluster_q "scalar @{\$j->{updates}}"; }

# Every node of service $1 runs version $2, and that is the cluster version.
all_at() {
  local v
  [ "$(service_version "$1")" = "$2" ] || return 1
  for v in $(node_versions "$1"); do [ "$v" = "$2" ] || return 1; done
}

# Client logs: no call ran twice; every answered call ran once; a call sent
# but never answered ended its caller with a runtime error of the remote call.
# check_calls SERVICE_LOGS... -- CLIENT_LOG:CLIENT_ERR...
check_calls() {
  local servers=() clients=()
  while [ $# -gt 0 ] && [ "$1" != -- ]; do servers+=("$1"); shift; done
  shift
  clients=("$@")
  perl -e '
    my ($ns, @files) = @ARGV; my @srv = @files[0..$ns-1]; my @cli = @files[$ns..$#files];
    my (%exec, $bad);
    for my $f (@srv) { open my $h, "<", $f or next; while (<$h>) { $exec{"$1 $2"}++ if /^exec (\d+) (\d+)/ } }
    for my $k (keys %exec) { if ($exec{$k} > 1) { print "  call $k ran $exec{$k} times\n"; $bad = 1 } }
    for my $pair (@cli) {
      my ($out, $err) = split /:/, $pair;
      open my $h, "<", $out or die "$out: $!"; my (%sent, %got);
      while (<$h>) { $sent{"$1 $2"} = 1 if /^sent (\d+) (\d+)/; $got{"$1 $2"} = 1 if /^got (\d+) (\d+)/ }
      my $err_text = do { local $/; open my $e, "<", $err; <$e> // "" };
      for my $k (keys %got) { unless ($exec{$k}) { print "  call $k answered but never ran\n"; $bad = 1 } }
      for my $k (grep { !$got{$_} } keys %sent) {
        unless ($err_text =~ /runtime error: remote call inventory\.reserve/) {
          print "  call $k lost without a runtime error at its caller\n"; $bad = 1 }
      }
    }
    exit($bad ? 1 : 0);
  ' "${#servers[@]}" "${servers[@]}" "${clients[@]}"
}

# Runs one test function in a subshell of its own (its own servers and
# files under $T); a failing command inside it fails the test, and whatever
# it started is stopped when it ends.
run_test() {
  local name=$1
  local start=$SECONDS rc
  (
    set -e
    T=$WORK/$name
    mkdir -p "$T"
    trap 'exit 143' TERM  # a subshell's traps start at the defaults: a TERM would skip the EXIT trap
    trap 'rc=$?; cleanup_processes; exit $rc' EXIT
    "$name"
  ) &
  TEST_PID=$!
  wait "$TEST_PID"
  rc=$?
  TEST_PID=
  if [ $rc -eq 0 ]; then
    PASSED=$((PASSED + 1))
    echo "ok   $name ($((SECONDS - start)) s)"
  elif [ $rc -eq 77 ]; then
    SKIPPED=$((SKIPPED + 1))
    echo "skip $name"
  else
    FAILED=$((FAILED + 1))
    echo "FAIL $name ($((SECONDS - start)) s); logs in $WORK"
    KEEP_WORK=1
  fi
}

# At the end of the run, however it ends: the test running now is told to
# stop (its subshell stops what it started), then whatever is left is killed.
stop_tests() {
  if [ -n "${TEST_PID:-}" ]; then
    # The subshell runs its trap only once its foreground command ends: its
    # children are told to stop too.
    kill -TERM "$TEST_PID" 2>/dev/null || true
    pkill -TERM -P "$TEST_PID" 2>/dev/null || true
    local i
    for i in $(seq 50); do kill -0 "$TEST_PID" 2>/dev/null || break; sleep 0.1; done
    TEST_PID=
  fi
  stop_everything
}

finish_tests() {
  stop_tests
  [ -n "${KEEP_WORK:-}" ] || rm -rf "$WORK"
  echo "$PASSED passed, $FAILED failed, $SKIPPED skipped"
  [ "$FAILED" -eq 0 ]
}
