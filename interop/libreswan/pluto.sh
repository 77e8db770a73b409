#!/usr/bin/env bash
# libreswan 4.10 (Debian 12) as a second real IKEv2 client, IKE only (issue 8). Linux, root; after
# ../strongswan/topology.sh up and ../strongswan/pki.sh (rsa-3072).
#
#   pluto.sh --packages                 the Debian packages pluto needs beside the unpacked libreswan (for .ci/run)
#   pluto.sh fetch                      apt-get download libreswan + dpkg -x into the cache folder, unless there
#   pluto.sh start WORKDIR PKIDIR       NSS database from PKIDIR/rsa-3072's PEM files, ipsec.conf with the
#                                       connection "home" (198.18.0.2 -> 198.18.0.1, RSA certificates,
#                                       fragmentation=force, Mode Config client) and pluto --nofork in the client
#                                       namespace; PID in WORKDIR/pids/pluto.pid, files in WORKDIR/libreswan/
#   pluto.sh initiate WORKDIR           whack --initiate --asynchronous for "home"
#   pluto.sh stop WORKDIR               SIGTERM to that PID (bounded wait, then SIGKILL); removes WORKDIR/libreswan
#
# libreswan conflicts with strongSwan's packages, so it is not installed: the .deb is unpacked into
# LIBRESWAN_CACHE (default ~/.cache/quetzal/libreswan-4.10). pluto hard-codes /usr/libexec/ipsec/ (addconn,
# _updown), so the unpacked /usr/libexec is bind-mounted over the real one inside pluto's own mount namespace
# (ip netns exec makes one; the host does not see the mount). The kernel has no ESP here: pluto establishes
# the IKE SA, then fails to install the CHILD SA (errno 38), deletes the IKE SA without a notification and
# tries again (../../shared notes: strongswan.md §5).
set -euo pipefail
# shellcheck source=../strongswan/lib.sh
. "$(dirname "$0")/../strongswan/lib.sh"

readonly VERSION=4.10
readonly CACHE=${LIBRESWAN_CACHE:-${HOME:-/root}/.cache/quetzal/libreswan-$VERSION}
readonly ROOT=$CACHE/root
# libreswan's Depends without the ones strongSwan's hosts have anyway (iproute2) and the ones pluto does not
# run here (iptables, host, dns-root-data); libnss3-tools brings certutil and pk12util
readonly PACKAGES=(libnss3-tools libldns3 libevent-core-2.1-7 libevent-pthreads-2.1-7 libunbound8 libcurl3-nss
  libldap-2.5-0 libcap-ng0 libaudit1 libpam0g libselinux1 libnspr4 libnss3)
readonly CONNECTION=home KEY_TYPE=rsa-3072
# pki.sh's PKCS#12 password (a test credential; never printed, passed to pk12util in a file)
readonly P12_PASSWORD=interop-unused

usage() {
  echo "usage: $0 --packages | fetch | start WORKDIR PKIDIR | initiate WORKDIR | stop WORKDIR" >&2
  exit 2
}

fetch() {
  [ -x "$ROOT/usr/libexec/ipsec/pluto" ] && return 0
  local tmp deb version
  tmp=$(mktemp -d /tmp/qz-libreswan.XXXXXX)
  # into the current folder; as root apt may warn that it downloads unsandboxed, which is harmless here
  (cd "$tmp" && apt-get download -q libreswan > download.log 2>&1) \
    || { cat "$tmp/download.log" >&2; rm -rf "$tmp"; die "apt-get download libreswan failed"; }
  deb=$(ls "$tmp"/libreswan_*.deb)
  version=$(dpkg-deb -f "$deb" Version)
  case $version in
    "$VERSION"-*) ;;
    *) rm -rf "$tmp"; die "expected libreswan $VERSION, apt offers $version" ;;
  esac
  mkdir -p "$CACHE"
  rm -rf "$ROOT.new"
  dpkg-deb -x "$deb" "$ROOT.new"
  mv "$ROOT.new" "$ROOT"
  rm -rf "$tmp"
  say "libreswan $version unpacked in $ROOT"
}

# NSS database (sql:) with the CA trusted for peers and the client's certificate and key from the PKCS#12 file.
nss_db() { # DIR PKI
  local nss=$1/nss pki=$2
  mkdir -p "$nss"
  certutil -N -d "sql:$nss" --empty-password
  certutil -A -d "sql:$nss" -n "Quetzal Interop CA" -t "CT,," -a -i "$pki/ca/ca.pem"
  printf '%s' "$P12_PASSWORD" > "$1/p12.pass"
  : > "$1/nss.pass"
  pk12util -i "$pki/client/$CLIENT_ID.p12" -d "sql:$nss" -w "$1/p12.pass" -k "$1/nss.pass" > /dev/null
  rm -f "$1/p12.pass" "$1/nss.pass"
}

write_config() { # DIR
  cat > "$1/ipsec.conf" <<CONF
config setup
    logfile=$1/pluto.log
    logappend=no
    logtime=yes
    plutodebug=${PLUTODEBUG:-none}
    dnssec-enable=no

conn $CONNECTION
    keyexchange=ike
    ikev2=yes
    authby=rsasig
    left=$CLIENT_OUTER
    leftcert=$CLIENT_ID
    leftid=$CLIENT_ID
    leftrsasigkey=%cert
    leftmodecfgclient=yes
    leftsendcert=always
    right=$SERVER_OUTER
    rightid=@$SERVER_ID
    rightrsasigkey=%cert
    rightca=%same
    rightsubnet=$BEHIND_NET
    narrowing=yes
    fragmentation=force
    ike=aes256-sha2_256-modp2048
    esp=aes256-sha2_256
    auto=add
CONF
  : > "$1/ipsec.secrets"
}

start() { # WORKDIR PKIDIR
  local dir=$work/libreswan pki=$2/$KEY_TYPE
  [ -d "$pki/client" ] || die "no $KEY_TYPE PKI in $2 (run ../strongswan/pki.sh $2 $KEY_TYPE)"
  [ -s "$work/pids/pluto.pid" ] && die "pluto is already running (PID $(cat "$work/pids/pluto.pid"))"
  fetch
  rm -rf "$dir"
  mkdir -p "$dir/run" "$dir/ipsec.d"
  nss_db "$dir" "$pki"
  write_config "$dir"
  setsid ip netns exec "$CLI_NS" sh -c 'root=$1; shift; mount --bind "$root/usr/libexec" /usr/libexec && exec "$@"' pluto-in-ns "$ROOT" \
      "$ROOT/usr/libexec/ipsec/pluto" --nofork --config "$dir/ipsec.conf" --rundir "$dir/run" \
      --nssdir "$dir/nss" --ipsecdir "$dir/ipsec.d" --secretsfile "$dir/ipsec.secrets" \
      --logfile "$dir/pluto.log" --log-no-append --no-dnssec --dumpdir "$dir/run" > "$dir/pluto.out" 2>&1 < /dev/null &
  echo $! > "$work/pids/pluto.pid"
  for _ in $(seq $WAIT_STEPS); do [ -S "$dir/run/pluto.ctl" ] && break; sleep $WAIT_STEP_SECONDS; done
  [ -S "$dir/run/pluto.ctl" ] || die "pluto did not open its control socket (see $dir/pluto.out, $dir/pluto.log)"
  # the connection is added by pluto's own addconn run (auto=add); wait until whack lists it
  for _ in $(seq $WAIT_STEPS); do
    whack --status 2>/dev/null | grep -q "\"$CONNECTION\":" && break
    sleep $WAIT_STEP_SECONDS
  done
  whack --status | grep -q "\"$CONNECTION\":" \
    || die "pluto did not load the connection $CONNECTION (see $dir/pluto.log)"
  say "pluto PID $(cat "$work/pids/pluto.pid") in $CLI_NS, connection $CONNECTION loaded"
}

whack() {
  "$ROOT/usr/libexec/ipsec/whack" --ctlsocket "$work/libreswan/run/pluto.ctl" "$@"
}

case ${1:-} in
  --packages) [ $# -eq 1 ] || usage; printf '%s\n' "${PACKAGES[@]}"; exit 0 ;;
  fetch) [ $# -eq 1 ] || usage; fetch; exit 0 ;;
  start | initiate | stop) [ $# -ge 2 ] || usage ;;
  *) usage ;;
esac
action=$1 work=$2
shift 2
load_topology "$work"
case $action in
  start) [ $# -eq 1 ] || usage; start "$work" "$1" ;;
  initiate)
    [ $# -eq 0 ] || usage
    whack --name "$CONNECTION" --initiate --asynchronous
    say "initiating $CONNECTION" ;;
  stop)
    [ $# -eq 0 ] || usage
    stop_pid_file "$work/pids/pluto.pid"
    rm -rf "$work/libreswan"
    say "pluto stopped" ;;
esac
