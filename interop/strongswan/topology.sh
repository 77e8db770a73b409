#!/usr/bin/env bash
# The strongSwan interop topology (Linux, root). Addresses from RFC 2544's 198.18.0.0/15.
#
#   topology.sh up   WORKDIR   namespaces qzsw-srv-RND (server, 198.18.0.1/24 on veth, the "behind the
#                              server" host 198.18.1.1/32 on lo with iperf3 -s) and qzsw-cli-RND
#                              (client, 198.18.0.2/24); writes WORKDIR/topology.env
#   topology.sh down WORKDIR   kills every PID recorded in WORKDIR/pids/ (SIGTERM, bounded wait,
#                              SIGKILL) and deletes both namespaces (the veth pair goes with them)
#
# The VPN pool is 198.18.2.0/24. Every process a script here starts records its PID in WORKDIR/pids/.
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

[ $# -eq 2 ] || { echo "usage: $0 up|down WORKDIR" >&2; exit 2; }
action=$1 work=$2

up() {
  [ -e "$work/topology.env" ] && die "$work already has a topology; run down first"
  mkdir -p "$work/pids"
  local rnd srv cli
  rnd=$(od -An -N3 -tx1 /dev/urandom | tr -d ' \n')
  srv=qzsw-srv-$rnd cli=qzsw-cli-$rnd
  # written first, so that down can undo a half-made topology
  printf 'RND=%s\nSRV_NS=%s\nCLI_NS=%s\n' "$rnd" "$srv" "$cli" > "$work/topology.env"
  ip netns add "$srv"
  ip netns add "$cli"
  ip link add "qzc$rnd" netns "$cli" type veth peer name "qzs$rnd" netns "$srv"
  ip -n "$srv" addr add "$SERVER_OUTER/$OUTER_PREFIX" dev "qzs$rnd"
  ip -n "$cli" addr add "$CLIENT_OUTER/$OUTER_PREFIX" dev "qzc$rnd"
  ip -n "$srv" addr add "$BEHIND_HOST/32" dev lo
  for ns in "$srv" "$cli"; do ip -n "$ns" link set lo up; done
  ip -n "$srv" link set "qzs$rnd" up
  ip -n "$cli" link set "qzc$rnd" up
  # the host behind the server; the VPN's inner packets reach it through the server's TUN device
  setsid ip netns exec "$srv" iperf3 -s -B "$BEHIND_HOST" > "$work/iperf3-server.log" 2>&1 < /dev/null &
  echo $! > "$work/pids/iperf3-server.pid"
  for _ in $(seq $WAIT_STEPS); do
    ip netns exec "$srv" ss -Htln "sport = :5201" | grep -q . && break
    sleep $WAIT_STEP_SECONDS
  done
  ip netns exec "$srv" ss -Htln "sport = :5201" | grep -q . || die "iperf3 -s did not listen (see $work/iperf3-server.log)"
  say "up: $srv ($SERVER_OUTER, behind it $BEHIND_HOST) and $cli ($CLIENT_OUTER)"
}

down() {
  [ -e "$work/topology.env" ] || { say "down: nothing to do in $work"; return 0; }
  load_topology "$work"
  local f
  for f in "$work"/pids/*.pid; do
    [ -e "$f" ] && stop_pid_file "$f"
  done
  for ns in "$CLI_NS" "$SRV_NS"; do
    ip netns list | grep -q "^$ns\b" && ip netns del "$ns"
  done
  rm -f "$work/topology.env"
  say "down: $SRV_NS and $CLI_NS deleted"
}

case $action in
  up) up ;;
  down) down ;;
  *) echo "usage: $0 up|down WORKDIR" >&2; exit 2 ;;
esac
