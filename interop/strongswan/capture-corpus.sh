#!/usr/bin/env bash
# Captures real strongSwan 5.9.8 <-> Quetzal traffic for plugin-ikev2's mutation tests (issue 4, acceptance:
# "mutations of real captured packets"). Linux, root.
#
#   capture-corpus.sh OUTFILE [PCAP]
#
# In the interop topology (topology.sh), with an RSA-3072 PKI (pki.sh, so IKE_AUTH is fragmented both ways,
# RFC 7383), Quetzal (`quetzal run`, ikev2 frontend on 198.18.0.1:500/4500, tun backend) and the strongSwan client
# (charon.sh client, liveness check after 2 s of silence), it runs one connection:
# initiate gcm-rsa-3072 (AES-GCM-256, ECP-256), ping the host behind the gateway, stay silent for a liveness check,
# send one NAT keepalive by hand, rekey the CHILD SA, ping again, terminate. dumpcap records UDP on the server's veth; every
# UDP payload of both directions is written to OUTFILE as one hex line, after a comment line saying what it is
# (tshark's summary). PCAP, if given, keeps the capture file as well.
#
# QUETZAL is the command that runs Quetzal's CLI (word-split), default this checkout's ./quetzal.
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

[ $# -ge 1 ] && [ $# -le 2 ] || { echo "usage: $0 OUTFILE [PCAP]" >&2; exit 2; }
out=$1 keep_pcap=${2:-}
here=$(cd "$(dirname "$0")" && pwd)
read -r -a quetzal <<< "${QUETZAL:-$here/../../quetzal}"
readonly CONNECTION=gcm-rsa-3072 SUITE=aes256gcm16-prfsha256-ecp256
[ "$(id -u)" = 0 ] || die "root only (network namespaces)"
command -v dumpcap > /dev/null && command -v tshark > /dev/null || die "dumpcap and tshark are needed (apt-get install tshark)"
"$here/check-install.sh" > /dev/null

work=$(mktemp -d /tmp/qz-capture.XXXXXX)
cleanup() {
  "$here/topology.sh" down "$work" > /dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

"$here/topology.sh" up "$work"
load_topology "$work"
QUETZAL="${quetzal[*]}" "$here/pki.sh" "$work/pki" rsa-3072
vici="unix://$work/client/charon.vici"

# 1. the capture, on the server's side of the veth, UDP only
setsid ip netns exec "$SRV_NS" dumpcap -q -i "qzs$RND" -f udp -w "$work/capture.pcapng" \
    > "$work/dumpcap.log" 2>&1 < /dev/null &
echo $! > "$work/pids/dumpcap.pid"
for _ in $(seq $WAIT_STEPS); do grep -q "File:" "$work/dumpcap.log" 2>/dev/null && break; sleep $WAIT_STEP_SECONDS; done
[ -s "$work/capture.pcapng" ] || sleep 1
kill -0 "$(cat "$work/pids/dumpcap.pid")" || die "dumpcap did not start: $(cat "$work/dumpcap.log")"

# 2. Quetzal as the gateway, configured as interop-tests' QuetzalServer does
mkdir -p "$work/quetzal"
cat > "$work/quetzal/gateway.json" <<JSON
{
  "frontends": [{
    "type": "ikev2",
    "listenAddress": "$SERVER_OUTER",
    "ikePort": 500,
    "natPort": 4500,
    "singlePort": false,
    "certificate": "$work/pki/rsa-3072/server/$SERVER_ID.pem",
    "key": "$work/pki/rsa-3072/server/$SERVER_ID-key.pem",
    "clientCa": "$work/pki/rsa-3072/ca/ca.pem",
    "identity": "$SERVER_ID",
    "suites": ["$SUITE"]
  }],
  "backend": {"type": "tun", "device": "qztun%d", "configure": true},
  "addressPool": {"ipv4": "$POOL"},
  "status": {"enabled": false}
}
JSON
setsid ip netns exec "$SRV_NS" "${quetzal[@]}" --log-level DEBUG run --config "$work/quetzal/gateway.json" \
    > "$work/quetzal/quetzal.log" 2>&1 < /dev/null &
echo $! > "$work/pids/quetzal.pid"
for _ in $(seq 300); do grep -q "gateway started in" "$work/quetzal/quetzal.log" && break; sleep $WAIT_STEP_SECONDS; done
grep -q "gateway started in" "$work/quetzal/quetzal.log" || die "Quetzal did not start: $(tail -5 "$work/quetzal/quetzal.log")"

# 3. the client and the exchanges
DPD_DELAY=2s "$here/charon.sh" client "$work" "$work/pki" 500
swanctl --initiate --child "$CONNECTION" --timeout 10 --uri "$vici" > "$work/initiate.log" \
  || die "initiate failed: $(tail -5 "$work/initiate.log")"
ip netns exec "$CLI_NS" ping -c 2 -i 0.2 -W 2 "$BEHIND_HOST" > /dev/null || die "ping through the tunnel failed"
sleep 3.5 # silence: a liveness check (dpd_delay 2 s)
# strongSwan sends NAT keepalives only when its own NAT-D says it is behind a NAT, which it is not here (it only
# fakes the NAT for the server, strongswan.md §2), so one keepalive (RFC 3948 §2.3) is sent by hand
ip netns exec "$CLI_NS" bash -c "printf '\\xff' > /dev/udp/$SERVER_OUTER/4500"
swanctl --rekey --child "$CONNECTION" --uri "$vici" > /dev/null
sleep 1
ip netns exec "$CLI_NS" ping -c 2 -i 0.2 -W 2 "$BEHIND_HOST" > /dev/null || die "ping after the rekey failed"
swanctl --terminate --ike "$CONNECTION" --timeout 10 --uri "$vici" > /dev/null
sleep 0.5
"$here/charon.sh" stop "$work" client
stop_pid_file "$work/pids/quetzal.pid"
stop_pid_file "$work/pids/dumpcap.pid"

# 4. one comment and one hex line per UDP datagram
tshark -r "$work/capture.pcapng" -Y udp -T fields -E separator=/t -d udp.port==4500,udpencap \
    -e ip.src -e udp.srcport -e ip.dst -e udp.dstport -e _ws.col.Info -e udp.payload > "$work/datagrams.tsv"
count=$(wc -l < "$work/datagrams.tsv")
[ "$count" -gt 0 ] || die "nothing captured"
{
  echo "# Real UDP payloads between strongSwan $(dpkg-query -W -f='${Version}' charon-systemd) (client $CLIENT_OUTER)"
  echo "# and Quetzal (server $SERVER_OUTER), captured $(date -u +%Y-%m-%d) by interop/strongswan/capture-corpus.sh:"
  echo "# $CONNECTION ($SUITE, RSA-3072 certificates, IKE fragmentation), ping, liveness check,"
  echo "# a NAT keepalive (sent by hand), CHILD SA rekey, ping, terminate. Format: a '#' line says what the next line is"
  echo "# (number, sender, tshark's summary); the next line is 'c2s|s2c SRCPORT DSTPORT HEX' (the UDP payload)."
  n=0
  while IFS=$'\t' read -r src sport dst dport info payload; do
    n=$((n + 1))
    dir=$([ "$src" = "$CLIENT_OUTER" ] && echo c2s || echo s2c)
    echo "# $n $src:$sport -> $dst:$dport $info"
    echo "$dir $sport $dport $payload"
  done < "$work/datagrams.tsv"
} > "$out"
[ -z "$keep_pcap" ] || cp "$work/capture.pcapng" "$keep_pcap"
say "$count datagrams in $out ($(wc -c < "$out") bytes)"
