# Shared by the strongSwan interop scripts (sourced, not run). Addresses from RFC 2544's 198.18.0.0/15.
readonly SERVER_OUTER=198.18.0.1 CLIENT_OUTER=198.18.0.2 OUTER_PREFIX=24
# the second client's own link: the server end is a router to SERVER_OUTER
readonly SERVER_OUTER2=198.18.4.1 CLIENT2_OUTER=198.18.4.2
readonly BEHIND_HOST=198.18.1.1 BEHIND_NET=198.18.1.0/24 POOL=198.18.2.0/24
readonly SERVER_ID=vpn.test CLIENT_ID=client1@vpn.test
readonly WAIT_STEPS=100 WAIT_STEP_SECONDS=0.1 # 10 s for a daemon to come up, 10 s to stop

me=$(basename "$0" .sh)
say() { printf '%s: %s\n' "$me" "$*"; }
die() { printf '%s: error: %s\n' "$me" "$*" >&2; exit 1; }

# The namespaces of a work dir, written by `topology.sh up`.
load_topology() { # WORKDIR
  [ -s "$1/topology.env" ] || die "$1/topology.env missing: run topology.sh up $1 first"
  # shellcheck disable=SC1091
  . "$1/topology.env"
}

# SIGTERM to the PID in FILE, a bounded wait, then SIGKILL; the file is removed. No-op without FILE.
stop_pid_file() { # FILE
  local file=$1 pid
  [ -s "$file" ] || { rm -f "$file"; return 0; }
  pid=$(cat "$file")
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq $WAIT_STEPS); do kill -0 "$pid" 2>/dev/null || break; sleep $WAIT_STEP_SECONDS; done
    kill -0 "$pid" 2>/dev/null && { say "PID $pid ignored SIGTERM, killing it"; kill -9 "$pid" 2>/dev/null || true; }
  fi
  rm -f "$file"
}

# The strongSwan suites of the interop matrix: name -> IKE proposal, ESP proposal.
suite_ike() {
  case $1 in
    gcm) echo aes256gcm16-prfsha256-ecp256 ;;
    cbc) echo aes256-sha256-modp2048 ;;
    chacha) echo chacha20poly1305-prfsha256-x25519 ;;
    *) die "unknown suite $1 (gcm, cbc or chacha)" ;;
  esac
}
suite_esp() {
  case $1 in
    gcm) echo aes256gcm16 ;;
    cbc) echo aes256-sha256 ;;
    chacha) echo chacha20poly1305 ;;
    *) die "unknown suite $1 (gcm, cbc or chacha)" ;;
  esac
}
readonly SUITES="gcm cbc chacha" KEY_TYPES="rsa-3072 ecdsa-p256"
