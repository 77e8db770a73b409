#!/usr/bin/env bash
# The strongSwan interop topology (Linux, root). Addresses from RFC 2544's 198.18.0.0/15.
#
#   topology.sh up   WORKDIR [CLIENTS]
#                              namespaces qzsw-srv-RND (server, 198.18.0.1/24 on veth, the "behind the
#                              server" host 198.18.1.1/32 on lo with iperf3 -s) and qzsw-cli-RND
#                              (client, 198.18.0.2/24); with CLIENTS 2 also qzsw-cl2-RND (a second client,
#                              198.18.4.2/24 on its own veth to the server's 198.18.4.1, routed to 198.18.0.1);
#                              writes WORKDIR/topology.env
#   topology.sh down WORKDIR   kills every PID recorded in WORKDIR/pids/ (SIGTERM, bounded wait,
#                              SIGKILL), deletes the namespaces (the veth pairs go with them) and their
#                              /etc/netns/NS folders (a client's resolv.conf, see charon.sh)
#
# The VPN pool is 198.18.2.0/24. Every process a script here starts records its PID in WORKDIR/pids/.
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

usage() { echo "usage: $0 up WORKDIR [1|2] | down WORKDIR" >&2; exit 2; }
[ $# -eq 2 ] || [ $# -eq 3 ] || usage
action=$1 work=$2 clients=${3:-1}
case $clients in 1 | 2) ;; *) usage ;; esac

up() {
  [ -e "$work/topology.env" ] && die "$work already has a topology; run down first"
  mkdir -p "$work/pids"
  local rnd srv cli
  rnd=$(od -An -N3 -tx1 /dev/urandom | tr -d ' \n')
  srv=qzsw-srv-$rnd cli=qzsw-cli-$rnd
  # written first, so that down can undo a half-made topology
  printf 'RND=%s\nSRV_NS=%s\nCLI_NS=%s\n' "$rnd" "$srv" "$cli" > "$work/topology.env"
  [ "$clients" = 2 ] && printf 'CLI2_NS=%s\n' "qzsw-cl2-$rnd" >> "$work/topology.env"
  ip netns add "$srv"
  ip netns add "$cli"
  ip link add "qzc$rnd" netns "$cli" type veth peer name "qzs$rnd" netns "$srv"
  ip -n "$srv" addr add "$SERVER_OUTER/$OUTER_PREFIX" dev "qzs$rnd"
  ip -n "$cli" addr add "$CLIENT_OUTER/$OUTER_PREFIX" dev "qzc$rnd"
  ip -n "$srv" addr add "$BEHIND_HOST/32" dev lo
  for ns in "$srv" "$cli"; do ip -n "$ns" link set lo up; done
  ip -n "$srv" link set "qzs$rnd" up
  ip -n "$cli" link set "qzc$rnd" up
  [ "$clients" = 2 ] && second_client "$rnd" "$srv" "qzsw-cl2-$rnd"
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

second_client() { # RND SERVER_NS CLIENT2_NS
  ip netns add "$3"
  ip link add "qzd$1" netns "$3" type veth peer name "qzt$1" netns "$2"
  ip -n "$2" addr add "$SERVER_OUTER2/$OUTER_PREFIX" dev "qzt$1"
  ip -n "$3" addr add "$CLIENT2_OUTER/$OUTER_PREFIX" dev "qzd$1"
  ip -n "$3" link set lo up
  ip -n "$2" link set "qzt$1" up
  ip -n "$3" link set "qzd$1" up
  ip -n "$3" route add "$SERVER_OUTER/32" via "$SERVER_OUTER2"
  say "second client $3 ($CLIENT2_OUTER, via $SERVER_OUTER2)"
}

down() {
  [ -e "$work/topology.env" ] || { say "down: nothing to do in $work"; return 0; }
  load_topology "$work"
  local f
  for f in "$work"/pids/*.pid; do
    [ -e "$f" ] && stop_pid_file "$f"
  done
  for ns in ${CLI2_NS:-} "$CLI_NS" "$SRV_NS"; do
    ip netns list | grep -q "^$ns\b" && ip netns del "$ns"
    rm -rf "/etc/netns/$ns"
  done
  rm -f "$work/topology.env"
  say "down: $SRV_NS and $CLI_NS${CLI2_NS:+ and $CLI2_NS} deleted"
}

case $action in
  up) up ;;
  down) down ;;
  *) usage ;;
esac
