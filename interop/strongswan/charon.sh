#!/usr/bin/env bash
# strongSwan 5.9.8 peers for the interop topology (Linux, root; after topology.sh up and pki.sh).
# ESP runs in userspace (kernel-libipsec over a TUN device): this kernel has no ESP (strongswan.md §2).
#
#   charon.sh server WORKDIR PKIDIR KEYTYPE SUITE PORT
#       the baseline server in the server namespace: one connection "rw" on 198.18.0.1 with only
#       SUITE (gcm, cbc or chacha) and the KEYTYPE server certificate, IKE port PORT (NAT-T port 4500
#       when PORT is 500, else PORT+1), virtual IPs from 198.18.2.0/24, children "net" (198.18.1.0/24)
#       and "full" (0.0.0.0/0)
#   charon.sh client WORKDIR PKIDIR REMOTE_PORT
#       the client in the client namespace, with one connection per suite and key type found in PKIDIR:
#       SUITE-KEYTYPE (split tunnel to 198.18.1.0/24) and SUITE-KEYTYPE-full (0.0.0.0/0), all to
#       198.18.0.1:REMOTE_PORT. With REMOTE_PORT 500 the client uses ports 500/4500; otherwise (custom-port
#       mode) 6000/6001, because charon floats to the hard-coded 4500 when either side uses port 500
#   charon.sh stop WORKDIR server|client
#
# Optional environment: DPD_DELAY, the client's dpd_delay (default 0s: no liveness checks, RFC 7296 §1.4),
# which capture-corpus.sh sets. For the client only:
#   CLIENT=2          the second client (topology.sh up WORKDIR 2): namespace CLI2_NS, folder WORKDIR/client2,
#                     `charon.sh stop WORKDIR client2`
#   VIPS=0.0.0.0,::   the virtual IPs asked for (default 0.0.0.0); with an IPv6 one the -full connections ask
#                     for ::/0 too
#   OVER_TIME=5s      the connections' over_time: with an AUTH_LIFETIME from the gateway (RFC 4478) the client
#                     reauthenticates this long before it ends (default: 10 % of the rekey time, 24 min)
#   RESOLV_CONF=FILE  loads the resolve plugin, which writes the DNS servers the gateway hands out
#                     (INTERNAL_IP4_DNS/IP6_DNS, RFC 7296 §3.15.1) to FILE, e.g. /etc/netns/NS/resolv.conf
#
# Each daemon lives in WORKDIR/ROLE/ (strongswan.conf, swanctl/, charon.log, charon.vici: swanctl
# reaches it from any namespace with --uri unix://WORKDIR/ROLE/charon.vici); its PID is in
# WORKDIR/pids/charon-ROLE.pid. IKE fragmentation (RFC 7383) is on at both ends.
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

readonly DAEMON=${CHARON:-/usr/sbin/charon-systemd}
usage() {
  echo "usage: $0 server WORKDIR PKIDIR KEYTYPE SUITE PORT | client WORKDIR PKIDIR REMOTE_PORT | stop WORKDIR server|client|client2" >&2
  exit 2
}

write_strongswan_conf() { # ROLEDIR PORT NAT_PORT [RESOLV_CONF]
  local resolve="" resolve_conf=""
  if [ -n "${4:-}" ]; then
    resolve=" resolve"
    resolve_conf="resolve {
            file = $4
        }"
  fi
  cat > "$1/strongswan.conf" <<CONF
charon {
    # kernel-libipsec first: userspace ESP over TUN "ipsec0"; kernel-netlink handles addresses and routes
    load = kernel-libipsec kernel-netlink socket-default vici updown attr$resolve random nonce openssl pem pkcs1 pkcs8 x509 revocation constraints pubkey aesni aes gcm chapoly sha1 sha2 hmac kdf gmp curve25519
    port = $2
    port_nat_t = $3
    plugins {
        $resolve_conf
        vici {
            socket = unix://$1/charon.vici
        }
        kernel-libipsec {
            allow_peer_ts = yes
        }
        # full tunnel (0.0.0.0/0): charon's own UDP packets are marked and kept out of table 220,
        # where libipsec's default route through the TUN device would swallow them
        socket-default {
            fwmark = 0x42
        }
        kernel-netlink {
            fwmark = !0x42
        }
    }
    filelog {
        main {
            path = $1/charon.log
            time_format = %T
            append = no
            flush_line = yes
            default = 1
            ike = 2
        }
    }
    journal {
        default = -1
    }
}
CONF
}

start_daemon() { # ROLE NAMESPACE CONNECTIONS
  local role=$1 ns=$2 expected=$3 dir=$work/$1
  [ -s "$work/pids/charon-$role.pid" ] && die "a $role charon is already running (PID $(cat "$work/pids/charon-$role.pid"))"
  rm -f "$dir/charon.vici" # a stale socket from an earlier daemon would be taken for the new one
  setsid ip netns exec "$ns" env STRONGSWAN_CONF="$dir/strongswan.conf" "$DAEMON" \
      > "$dir/charon.out" 2>&1 < /dev/null &
  echo $! > "$work/pids/charon-$role.pid"
  for _ in $(seq $WAIT_STEPS); do [ -S "$dir/charon.vici" ] && break; sleep $WAIT_STEP_SECONDS; done
  [ -S "$dir/charon.vici" ] || die "$role charon did not open its vici socket (see $dir/charon.out, $dir/charon.log)"
  SWANCTL_DIR=$dir/swanctl swanctl --load-all --noprompt --uri "unix://$dir/charon.vici" > "$dir/load.log" 2>&1 || true
  grep -q "successfully loaded $expected connections, 0 unloaded" "$dir/load.log" \
    || die "$role: swanctl --load-all did not load $expected connections: $(grep -i 'fail\|error' "$dir/load.log" | head -3)"
  say "$role charon PID $(cat "$work/pids/charon-$role.pid") in $ns, $expected connections loaded"
}

server() { # PKIDIR KEYTYPE SUITE PORT
  local pki=$1/$2 suite=$3 port=$4 dir=$work/server nat ike esp
  ike=$(suite_ike "$suite"); esp=$(suite_esp "$suite")
  [ -d "$pki/server" ] || die "no $2 PKI in $1 (run pki.sh $1 $2)"
  nat=$([ "$port" = 500 ] && echo 4500 || echo $((port + 1)))
  mkdir -p "$dir/swanctl"/{x509,x509ca,private}
  cp "$pki/server/$SERVER_ID.pem" "$dir/swanctl/x509/"
  cp "$pki/server/$SERVER_ID-key.pem" "$dir/swanctl/private/"
  cp "$pki/ca/ca.pem" "$dir/swanctl/x509ca/"
  write_strongswan_conf "$dir" "$port" "$nat"
  cat > "$dir/swanctl/swanctl.conf" <<CONF
connections {
    rw {
        version = 2
        local_addrs = $SERVER_OUTER
        proposals = $ike
        pools = vpool
        send_certreq = yes
        fragmentation = yes
        local {
            auth = pubkey
            certs = $SERVER_ID.pem
            id = $SERVER_ID
        }
        remote {
            auth = pubkey
            cacerts = ca.pem
        }
        children {
            net {
                local_ts = $BEHIND_NET
                esp_proposals = $esp
            }
            full {
                local_ts = 0.0.0.0/0
                esp_proposals = $esp
            }
        }
    }
}
pools {
    vpool {
        addrs = $POOL
    }
}
CONF
  start_daemon server "$SRV_NS" 1
}

client_connection() { # NAME IKE ESP KEYTYPE REMOTE_TS REMOTE_PORT
  cat <<CONF
    $1 {
        version = 2
        remote_addrs = $SERVER_OUTER
        remote_port = $6
        vips = ${VIPS:-0.0.0.0}
        proposals = $2
        fragmentation = yes
        # liveness checks (RFC 7296 §1.4) after this much silence; 0s (the default) never
        dpd_delay = ${DPD_DELAY:-0s}
        ${OVER_TIME:+over_time = $OVER_TIME}
        local {
            auth = pubkey
            certs = client-$4.pem
            id = $CLIENT_ID
        }
        remote {
            auth = pubkey
            id = $SERVER_ID
            cacerts = ca-$4.pem
        }
        children {
            $1 {
                remote_ts = $5
                esp_proposals = $3
            }
        }
    }
CONF
}

client() { # PKIDIR REMOTE_PORT
  local pki=$1 port=$2 role=client ns=$CLI_NS count=0 kt suite local_port nat full=0.0.0.0/0 dir
  if [ "${CLIENT:-1}" = 2 ]; then
    [ -n "${CLI2_NS:-}" ] || die "no second client namespace (run topology.sh up $work 2)"
    role=client2 ns=$CLI2_NS
  fi
  dir=$work/$role
  case ${VIPS:-} in *:*) full=0.0.0.0/0,::/0 ;; esac
  mkdir -p "$dir/swanctl"/{x509,x509ca,private}
  {
    echo "connections {"
    for kt in $KEY_TYPES; do
      [ -d "$pki/$kt/client" ] || continue
      # one folder holds both key types, so the files are renamed by key type
      cp "$pki/$kt/client/$CLIENT_ID.pem" "$dir/swanctl/x509/client-$kt.pem"
      cp "$pki/$kt/client/$CLIENT_ID-key.pem" "$dir/swanctl/private/client-$kt-key.pem"
      cp "$pki/$kt/ca/ca.pem" "$dir/swanctl/x509ca/ca-$kt.pem"
      for suite in $SUITES; do
        client_connection "$suite-$kt" "$(suite_ike "$suite")" "$(suite_esp "$suite")" "$kt" "$BEHIND_NET" "$port"
        client_connection "$suite-$kt-full" "$(suite_ike "$suite")" "$(suite_esp "$suite")" "$kt" "$full" "$port"
        count=$((count + 2))
      done
    done
    echo "}"
  } > "$dir/swanctl/swanctl.conf"
  [ $count -gt 0 ] || die "no client certificates in $pki (run pki.sh $pki)"
  if [ "$port" = 500 ]; then local_port=500 nat=4500; else local_port=6000 nat=6001; fi
  write_strongswan_conf "$dir" "$local_port" "$nat" "${RESOLV_CONF:-}"
  start_daemon "$role" "$ns" "$count"
}

[ $# -ge 2 ] || usage
action=$1 work=$2
shift 2
load_topology "$work"
case $action in
  server) [ $# -eq 4 ] || usage; server "$@" ;;
  client) [ $# -eq 2 ] || usage; client "$@" ;;
  stop)
    [ $# -eq 1 ] && { [ "$1" = server ] || [ "$1" = client ] || [ "$1" = client2 ]; } || usage
    # charon sends its DELETEs on SIGTERM and needs 1-2 s to exit
    stop_pid_file "$work/pids/charon-$1.pid"
    rm -f "$work/$1/charon.vici"
    say "$1 charon stopped" ;;
  *) usage ;;
esac
