#!/bin/sh
# A minimal vpnc-script for OpenConnect in TUN mode (openconnect --interface DEV --script "sh vpnc-min.sh").
#
# The stock vpnc-script rewrites /etc/resolv.conf and the default route (fortivpn-protocol.md §11);
# this one touches nothing but the tunnel device: on connect it brings DEV up with the tunnel's MTU,
# gives it the assigned address and adds ONE route, the first split-include route the FortiGate sent
# (CISCO_SPLIT_INC_0_*). It never adds a default route and never configures DNS.
#
# When QZ_STATE is set (the interop tests set it), each connect writes $QZ_STATE/vpnc-connect.env
# (key=value lines, replaced atomically) so a test can wait for the tunnel to be configured.
set -eu

me=vpnc-min
say() { printf '%s: %s\n' "$me" "$*"; }
die() { printf '%s: error: %s\n' "$me" "$*" >&2; exit 1; }

configure() {
  [ -n "${TUNDEV:-}" ] || die "TUNDEV is not set"
  [ -n "${INTERNAL_IP4_ADDRESS:-}" ] || die "INTERNAL_IP4_ADDRESS is not set (no assigned-addr?)"
  [ "${CISCO_SPLIT_INC:-0}" -ge 1 ] 2>/dev/null \
    || die "no split-include route; vpnc-min adds no default route"
  route="$CISCO_SPLIT_INC_0_ADDR/$CISCO_SPLIT_INC_0_MASKLEN"
  mtu=${INTERNAL_IP4_MTU:-1400}

  ip link set dev "$TUNDEV" up mtu "$mtu"
  ip addr replace "$INTERNAL_IP4_ADDRESS/32" dev "$TUNDEV"
  ip route replace "$route" dev "$TUNDEV" src "$INTERNAL_IP4_ADDRESS"
  say "$reason: $TUNDEV up, mtu $mtu, address $INTERNAL_IP4_ADDRESS, route $route"

  if [ -n "${QZ_STATE:-}" ]; then
    {
      printf 'reason=%s\n' "$reason"
      printf 'device=%s\n' "$TUNDEV"
      printf 'address=%s\n' "$INTERNAL_IP4_ADDRESS"
      printf 'route=%s\n' "$route"
      printf 'mtu=%s\n' "$mtu"
      printf 'dns=%s\n' "${INTERNAL_IP4_DNS:-}"
    } >"$QZ_STATE/vpnc-connect.env.tmp"
    mv -f "$QZ_STATE/vpnc-connect.env.tmp" "$QZ_STATE/vpnc-connect.env"
  fi
}

case "${reason:-}" in
  connect | reconnect) configure ;;
  # OpenConnect creates and deletes the device itself; nothing else was changed, so nothing to undo.
  pre-init | disconnect | attempt-reconnect) say "${reason}: nothing to do" ;;
  *) say "ignoring reason '${reason:-}'" ;;
esac
