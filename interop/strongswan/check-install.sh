#!/usr/bin/env bash
# Checks that the strongSwan interop peer can run here (Debian 12).
#
#   check-install.sh          exit 0 when every package is installed, else 1 naming the missing ones
#   check-install.sh --list   prints the Debian packages, one a line (for .ci/run's package list)
#
# Why each package (../../shared notes: strongswan.md §1): strongswan-swanctl (swanctl, vici client),
# charon-systemd (a foreground charon without a pid file, one per namespace), libcharon-extra-plugins
# (kernel-libipsec: ESP in userspace over TUN, as the kernel has no ESP), libstrongswan-standard-plugins
# (openssl, aesni, gcm: without it no AES-GCM), libstrongswan-extra-plugins (curve25519 and chapoly for
# the ChaCha20-Poly1305 + x25519 suite), iperf3, iproute2, iputils-ping.
set -euo pipefail
readonly PACKAGES=(strongswan-swanctl charon-systemd libcharon-extra-plugins libstrongswan-standard-plugins
  libstrongswan-extra-plugins iperf3 iproute2 iputils-ping)
readonly PLUGINS=(kernel-libipsec openssl gcm kdf curve25519 chapoly vici pkcs8 resolve)

if [ "${1:-}" = --list ]; then
  printf '%s\n' "${PACKAGES[@]}"
  exit 0
fi
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
for plugin in "${PLUGINS[@]}"; do
  [ -e "/usr/lib/ipsec/plugins/libstrongswan-$plugin.so" ] || missing+=("(plugin $plugin)")
done
if ((${#missing[@]})); then
  echo "check-install: missing: ${missing[*]}; install with: apt-get install --no-install-recommends ${PACKAGES[*]}" >&2
  exit 1
fi
echo "check-install: strongSwan $(dpkg-query -W -f='${Version}' charon-systemd), iperf3 and ping present"
