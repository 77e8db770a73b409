#!/usr/bin/env bash
# The interop PKI, made with Quetzal's own `quetzal certs` (issue 4 §3).
#
#   pki.sh DIR [KEYTYPE...]   KEYTYPE rsa-3072 and/or ecdsa-p256 (default both); for each one
#                             DIR/KEYTYPE/ca/ (ca.pem, ca-key.pem), server/ (vpn.test.pem, vpn.test-key.pem)
#                             and client/ (client1@vpn.test.pem, -key.pem, .p12): CA, server and client
#                             all of that key type, so RSA-3072 makes IKE_AUTH big enough to fragment
#
# QUETZAL is the command that runs Quetzal's CLI (word-split), default `quetzal` (the dist's bin/quetzal
# on PATH); the tests set it to `java -cp CLASSPATH dev.quetzal.runtime.cli.Main`.
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

[ $# -ge 1 ] || { echo "usage: $0 DIR [rsa-3072|ecdsa-p256]..." >&2; exit 2; }
dir=$1; shift
types=("$@"); [ ${#types[@]} -gt 0 ] || read -r -a types <<< "$KEY_TYPES"
read -r -a quetzal <<< "${QUETZAL:-quetzal}"

for t in "${types[@]}"; do
  case $t in rsa-3072|ecdsa-p256) ;; *) die "unknown key type $t (rsa-3072 or ecdsa-p256)" ;; esac
  out=$dir/$t
  # the CA's name carries the key type, so both CAs can sit in one client's x509ca/
  "${quetzal[@]}" certs ca --out "$out/ca" --name "Quetzal Interop CA $t" --key "$t" > /dev/null
  "${quetzal[@]}" certs server --ca "$out/ca" --out "$out/server" --name "$SERVER_ID" \
      --san "$SERVER_OUTER" --key "$t" > /dev/null
  # the PKCS#12 password is not used here (strongSwan reads the PEM files); it must not be printed
  P12_PASSWORD=interop-unused "${quetzal[@]}" certs client --ca "$out/ca" --out "$out/client" \
      --name "$CLIENT_ID" --p12-password-env P12_PASSWORD --key "$t" > /dev/null
  say "$t: CA, server $SERVER_ID and client $CLIENT_ID in $out"
done
