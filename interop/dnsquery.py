#!/usr/bin/python3
"""One DNS A query over UDP, for interop tests on machines without dig (bind9-dnsutils).

usage: dnsquery.py SERVER NAME [TIMEOUT_SECONDS]
Prints one JSON object: {"rcode": N, "aa": true|false, "a": ["198.18.0.10", ...]}; exits 1 with a
one-line message when no answer came within the timeout (3 tries). Enough of RFC 1035 §4.1 for one
question and answers with compressed names.
"""
import json, os, socket, struct, sys


def query(name, ident):
    q = struct.pack("!HHHHHH", ident, 0x0000, 1, 0, 0, 0)  # standard query, RD clear
    for label in name.rstrip(".").split("."):
        q += bytes([len(label)]) + label.encode()
    return q + b"\0" + struct.pack("!HH", 1, 1)


def skip_name(msg, pos):
    while True:
        length = msg[pos]
        if length & 0xC0 == 0xC0:
            return pos + 2
        if length == 0:
            return pos + 1
        pos += 1 + length


def parse(msg):
    _ident, flags, qd, an = struct.unpack("!HHHH", msg[:8])
    pos = 12
    for _ in range(qd):
        pos = skip_name(msg, pos) + 4
    addresses = []
    for _ in range(an):
        pos = skip_name(msg, pos)
        rtype, _cls, _ttl, rdlen = struct.unpack("!HHIH", msg[pos:pos + 10])
        pos += 10
        if rtype == 1 and rdlen == 4:
            addresses.append(socket.inet_ntoa(msg[pos:pos + 4]))
        pos += rdlen
    return {"rcode": flags & 0xF, "aa": bool(flags & 0x0400), "a": addresses}


def main():
    if len(sys.argv) not in (3, 4):
        print("usage: dnsquery.py SERVER NAME [TIMEOUT_SECONDS]", file=sys.stderr)
        return 2
    server, name = sys.argv[1], sys.argv[2]
    timeout = float(sys.argv[3]) if len(sys.argv) == 4 else 2.0
    ident = struct.unpack("!H", os.urandom(2))[0]
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.settimeout(timeout)
        for _ in range(3):
            sock.sendto(query(name, ident), (server, 53))
            try:
                while True:
                    msg, _peer = sock.recvfrom(4096)
                    if len(msg) >= 12 and struct.unpack("!H", msg[:2])[0] == ident:
                        print(json.dumps(parse(msg)))
                        return 0
            except socket.timeout:
                continue
    print("dnsquery: no answer from %s for %s" % (server, name), file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
