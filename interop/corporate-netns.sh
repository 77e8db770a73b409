#!/usr/bin/env bash
# The FortiGate emulator's corporate network for interop tests (Linux, root): a network namespace
# behind the emulator's TUN device, with real servers in it.
#
#   corporate-netns.sh up   NETNS DEVICE   moves DEVICE (made by the emulator in the current namespace)
#                                          into a new namespace NETNS, addresses and routes it, and starts
#                                          HTTP on port 80 of every IPv4 address (CORP_V4 and
#                                          INTRANET_V4), DNS on CORP_V4:53 (authoritative for
#                                          corp.example) and iperf3 on CORP_V4:5201 (CORP_V4 is 198.18.0.1
#                                          unless the environment says otherwise, see below)
#   corporate-netns.sh down NETNS DEVICE   stops exactly the servers `up` started and deletes NETNS
#                                          (which deletes DEVICE with it)
#
# Both are idempotent. PIDs and logs are kept in /run/quetzal-interop/NETNS/ (dnsmasq logs every query it
# gets to dns.log there).
#
# Optional environment, for topologies where the defaults clash with other addresses (give `down` the same):
#   CORP_V4 (198.18.0.1, the servers' address), CORP_V4_PREFIX (24), INTRANET_V4 (198.18.0.10),
#   CORP_V6 (2001:db8:c0::1), CORP_V6_PREFIX (64), INTRANET_V6 (2001:db8:c0::10),
#   CLIENTS_V4 (198.18.1.0/24) and CLIENTS_V6 (2001:db8:1::/64): the tunnel clients' addresses, routed back
#   into DEVICE
set -euo pipefail

readonly STATE_ROOT=/run/quetzal-interop
readonly CORP_V4=${CORP_V4:-198.18.0.1} CORP_V4_PREFIX=${CORP_V4_PREFIX:-24}
readonly CORP_V6=${CORP_V6:-2001:db8:c0::1} CORP_V6_PREFIX=${CORP_V6_PREFIX:-64}
readonly INTRANET_V4=${INTRANET_V4:-198.18.0.10} INTRANET_V6=${INTRANET_V6:-2001:db8:c0::10}
readonly CLIENTS_V4=${CLIENTS_V4:-198.18.1.0/24} CLIENTS_V6=${CLIENTS_V6:-2001:db8:1::/64}
readonly DOMAIN=corp.example INTRANET_NAME=intranet.corp.example
readonly SERVICES=(http dns iperf3)
readonly WAIT_STEPS=100 WAIT_STEP_SECONDS=0.1 # each server gets 10 s to listen, each stop 5 s

me=corporate-netns
say() { printf '%s: %s\n' "$me" "$*"; }
die() { printf '%s: error: %s\n' "$me" "$*" >&2; exit 1; }
usage() { printf 'usage: %s up|down NETNS DEVICE\n' "$0" >&2; exit 2; }

[ $# -eq 3 ] || usage
action=$1 netns=$2 device=$3
case $action in up | down) ;; *) usage ;; esac
[[ $netns =~ ^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$ ]] || die "bad namespace name '$netns' (letters, digits, '_', '.', '-')"
[[ $device =~ ^[A-Za-z0-9_.-]{1,15}$ ]] || die "bad device name '$device' (1-15 letters, digits, '_', '.', '-')"
[ "$(id -u)" = 0 ] || die "must run as root (network namespaces, port 80)"
for value in "$CORP_V4" "$INTRANET_V4" "$CLIENTS_V4"; do
  [[ $value =~ ^[0-9]{1,3}(\.[0-9]{1,3}){3}(/[0-9]{1,2})?$ ]] || die "bad IPv4 address or prefix '$value'"
done
for value in "$CORP_V6" "$INTRANET_V6" "$CLIENTS_V6"; do
  [[ $value =~ ^[0-9A-Fa-f:]+(/[0-9]{1,3})?$ ]] || die "bad IPv6 address or prefix '$value'"
done
[[ $CORP_V4_PREFIX =~ ^[0-9]{1,2}$ && $CORP_V6_PREFIX =~ ^[0-9]{1,3}$ ]] || die "bad CORP_V4_PREFIX or CORP_V6_PREFIX"
readonly state=$STATE_ROOT/$netns

ns_exists() {
  ip netns list | awk -v n="$netns" '$1 == n { found = 1 } END { exit !found }'
}

# The namespace's identity: the inode of its nsfs file, the same as /proc/PID/ns/net of its processes.
ns_inode() {
  stat -L -c %i "/run/netns/$netns"
}

# PID of a service `up` started if it is still alive in this namespace; fails otherwise (no PID file,
# process gone or a zombie, or the number reused by a process elsewhere).
service_pid() {
  local name=$1 pid inode
  # iperf3 deletes its PID file as it exits, so a file may vanish between two reads.
  pid=$(cat -- "$state/$name.pid" 2>/dev/null) || return 1
  inode=$(cat -- "$state/netns.inode" 2>/dev/null) || return 1
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  [ "$(stat -L -c %i "/proc/$pid/ns/net" 2>/dev/null)" = "$inode" ] || return 1
  printf '%s\n' "$pid"
}

# Whether something listens on PROTO (tcp|udp) ADDRESS:PORT inside the namespace.
listening() {
  local proto=$1 address=$2 port=$3 flag=t
  [ "$proto" = udp ] && flag=u
  [ -n "$(ip netns exec "$netns" ss -Hln$flag "src $address:$port" 2>/dev/null)" ]
}

wait_listening() {
  local name=$1 proto=$2 address=$3 port=$4 pid=${5:-} i
  for ((i = 0; i < WAIT_STEPS; i++)); do
    if listening "$proto" "$address" "$port"; then
      return 0
    fi
    if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then
      break
    fi
    sleep "$WAIT_STEP_SECONDS"
  done
  printf '%s: error: %s is not listening on %s %s:%s; its log:\n' "$me" "$name" "$proto" "$address" "$port" >&2
  tail -n 20 "$state/$name.log" >&2 2>/dev/null || true
  exit 1
}

# Starts COMMAND in the namespace in the background unless NAME already runs; records its PID.
start_service() { # NAME PROTO ADDRESS PORT COMMAND...
  local name=$1 proto=$2 address=$3 port=$4 pid
  shift 4
  if pid=$(service_pid "$name"); then
    say "$name already running (pid $pid)"
    return 0
  fi
  # `ip netns exec` execs the command, so $! is the server's own PID.
  ip netns exec "$netns" "$@" >"$state/$name.log" 2>&1 </dev/null &
  pid=$!
  printf '%s\n' "$pid" >"$state/$name.pid"
  wait_listening "$name" "$proto" "$address" "$port" "$pid"
  say "$name listening on $proto $address:$port (pid $pid)"
}

# iperf3 -D forks and exits: its daemon's PID comes from the PID file it writes.
start_iperf3() {
  local pid i
  if pid=$(service_pid iperf3); then
    say "iperf3 already running (pid $pid)"
    return 0
  fi
  rm -f "$state/iperf3.pid"
  ip netns exec "$netns" iperf3 -s -B "$CORP_V4" -D -I "$state/iperf3.pid" --logfile "$state/iperf3.log" </dev/null
  for ((i = 0; i < WAIT_STEPS; i++)); do
    [ -s "$state/iperf3.pid" ] && break
    sleep "$WAIT_STEP_SECONDS"
  done
  [ -s "$state/iperf3.pid" ] || die "iperf3 wrote no PID file; see $state/iperf3.log"
  # iperf3 writes its PID without a newline; rewrite it in the format the other services use.
  pid=$(tr -dc 0-9 <"$state/iperf3.pid")
  printf '%s\n' "$pid" >"$state/iperf3.pid"
  wait_listening iperf3 tcp "$CORP_V4" 5201 "$pid"
  say "iperf3 listening on tcp $CORP_V4:5201 (pid $pid)"
}

stop_service() {
  local name=$1 pid i
  if ! pid=$(service_pid "$name"); then
    rm -f "$state/$name.pid"
    return 0
  fi
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < WAIT_STEPS / 2; i++)); do
    service_pid "$name" >/dev/null || break
    sleep "$WAIT_STEP_SECONDS"
  done
  if service_pid "$name" >/dev/null; then
    say "$name (pid $pid) ignored SIGTERM for 5 s; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$state/$name.pid"
  say "$name stopped (pid $pid)"
}

require_commands() {
  local missing=() c
  for c in ip ss stat python3 dnsmasq iperf3; do
    command -v "$c" >/dev/null 2>&1 || missing+=("$c")
  done
  ((${#missing[@]} == 0)) || die "missing commands: ${missing[*]} (Debian: apt-get install iproute2 python3 dnsmasq-base iperf3)"
}

up() {
  require_commands
  if ! ns_exists; then
    ip netns add "$netns"
    say "created namespace $netns"
  fi
  mkdir -p "$state/www"
  ns_inode >"$state/netns.inode"

  if ip link show dev "$device" >/dev/null 2>&1; then
    ip link set dev "$device" netns "$netns"
    say "moved $device into $netns"
  elif ! ip -n "$netns" link show dev "$device" >/dev/null 2>&1; then
    die "no interface $device here nor in $netns: start the emulator's TUN network first"
  fi

  ip -n "$netns" link set dev lo up
  ip -n "$netns" addr replace "$CORP_V4/$CORP_V4_PREFIX" dev "$device"
  ip -n "$netns" addr replace "$INTRANET_V4/32" dev "$device"
  ip -n "$netns" addr replace "$CORP_V6/$CORP_V6_PREFIX" dev "$device" nodad
  ip -n "$netns" addr replace "$INTRANET_V6/128" dev "$device" nodad
  ip -n "$netns" link set dev "$device" up
  ip -n "$netns" route replace "$CLIENTS_V4" dev "$device"
  ip -n "$netns" -6 route replace "$CLIENTS_V6" dev "$device"
  say "$device: $CORP_V4/$CORP_V4_PREFIX, $CORP_V6/$CORP_V6_PREFIX, routes to $CLIENTS_V4 and $CLIENTS_V6"

  cat >"$state/www/index.html" <<HTML
<!DOCTYPE html>
<html><head><title>Quetzal corporate intranet</title></head>
<body><h1>Quetzal corporate intranet</h1><p>Served from namespace $netns behind $device.</p></body></html>
HTML

  # every IPv4 address of the namespace: CORP_V4 and the intranet's INTRANET_V4
  start_service http tcp 0.0.0.0 80 python3 -m http.server 80 --bind 0.0.0.0 --directory "$state/www"
  # Authoritative (AA bit) for corp.example on CORP_V4 only; nothing read from the host's files,
  # no upstream servers and no DHCP (no dhcp-range).
  start_service dns udp "$CORP_V4" 53 dnsmasq --keep-in-foreground --conf-file=/dev/null --no-resolv --no-hosts \
    --no-poll --pid-file= --user=root --listen-address="$CORP_V4" --bind-interfaces \
    --auth-server="ns.$DOMAIN,$CORP_V4" --auth-zone="$DOMAIN" \
    --host-record="$INTRANET_NAME,$INTRANET_V4,$INTRANET_V6" \
    --log-queries --log-facility=-
  start_iperf3
  say "up: namespace $netns ready; state in $state"
}

down() {
  local name others
  if [ -d "$state" ]; then
    for name in "${SERVICES[@]}"; do
      stop_service "$name"
    done
  fi
  if ns_exists; then
    others=$(ip netns pids "$netns" 2>/dev/null | tr '\n' ' ')
    [ -z "$others" ] || say "warning: processes not started by this script remain in $netns: $others"
    ip netns del "$netns"
    say "deleted namespace $netns (and $device with it)"
  else
    say "namespace $netns does not exist"
  fi
  rm -rf "$state"
  say "down: $netns"
}

"$action"
