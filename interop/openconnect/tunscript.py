#!/usr/bin/python3
"""OpenConnect script-tun peer for the interop tests (openconnect -S --script ...).

OpenConnect runs this once the tunnel is configured, with VPNFD set to a unix datagram socket that
carries raw IP packets, and INTERNAL_IP4_* describing the tunnel. It plays a tiny host:
  * writes the tunnel settings to $QZ_STATE/config.json;
  * answers ICMP echo requests from the gateway side (the emulator's "server pings");
  * sends $QZ_PINGS ICMP echo requests to $QZ_PING_TARGET and counts the replies;
  * when $QZ_DNS_NAME is set, asks the tunnel's first DNS server for its A record;
  * rewrites $QZ_STATE/progress.json after every event, and exits when the socket closes
    or after $QZ_LIFETIME seconds.
Only addresses handed out by the emulator are used; nothing leaves the tunnel.
"""
import json, os, select, socket, struct, sys, time

state = os.environ["QZ_STATE"]
fd = int(os.environ["VPNFD"])
sock = socket.socket(fileno=fd)
sock.setblocking(False)
me = os.environ.get("INTERNAL_IP4_ADDRESS", "")
dns = os.environ.get("INTERNAL_IP4_DNS", "").split()
target = os.environ.get("QZ_PING_TARGET", "")
pings = int(os.environ.get("QZ_PINGS", "3"))
dns_name = os.environ.get("QZ_DNS_NAME", "")
deadline = time.monotonic() + float(os.environ.get("QZ_LIFETIME", "60"))

progress = {"echo_replies": 0, "echo_requests_answered": 0, "dns_answer": None, "malformed": 0}

def save(name, data):
    tmp = os.path.join(state, name + ".tmp")
    with open(tmp, "w") as f:
        json.dump(data, f)
    os.replace(tmp, os.path.join(state, name))

def checksum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    s = (s >> 16) + (s & 0xFFFF)
    s += s >> 16
    return ~s & 0xFFFF

def ipv4(src, dst, proto, payload, ident=0):
    header = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(payload), ident, 0, 64, proto, 0,
                         socket.inet_aton(src), socket.inet_aton(dst))
    header = header[:10] + struct.pack("!H", checksum(header)) + header[12:]
    return header + payload

def icmp(kind, ident, seq, data):
    body = struct.pack("!BBHHH", kind, 0, 0, ident, seq) + data
    return body[:2] + struct.pack("!H", checksum(body)) + body[4:]

def udp(src, dst, sport, dport, data):
    pseudo = socket.inet_aton(src) + socket.inet_aton(dst) + struct.pack("!BBH", 0, 17, 8 + len(data))
    head = struct.pack("!HHHH", sport, dport, 8 + len(data), 0)
    c = checksum(pseudo + head + data) or 0xFFFF
    return head[:6] + struct.pack("!H", c) + data

def dns_query(name):
    q = struct.pack("!HHHHHH", 0x5151, 0x0100, 1, 0, 0, 0)
    for label in name.rstrip(".").split("."):
        q += bytes([len(label)]) + label.encode()
    return q + b"\0" + struct.pack("!HH", 1, 1)

def parse_dns_a(msg):
    # Enough of RFC 1035 §4.1 for one question and A answers with compressed names.
    ident, flags, qd, an = struct.unpack("!HHHH", msg[:8])
    rcode = flags & 0xF
    pos = 12
    for _ in range(qd):
        while msg[pos] != 0:
            pos += 1 + msg[pos]
        pos += 5
    answers = []
    for _ in range(an):
        if msg[pos] & 0xC0 == 0xC0:
            pos += 2
        else:
            while msg[pos] != 0:
                pos += 1 + msg[pos]
            pos += 1
        rtype, _cls, _ttl, rdlen = struct.unpack("!HHIH", msg[pos:pos + 10])
        pos += 10
        if rtype == 1 and rdlen == 4:
            answers.append(socket.inet_ntoa(msg[pos:pos + 4]))
        pos += rdlen
    return {"rcode": rcode, "a": answers}

save("config.json", {k: os.environ.get(k) for k in (
    "INTERNAL_IP4_ADDRESS", "INTERNAL_IP4_DNS", "INTERNAL_IP4_MTU", "CISCO_DEF_DOMAIN",
    "INTERNAL_IP4_NETMASK", "CISCO_SPLIT_INC", "CISCO_SPLIT_EXC", "reason")})
save("progress.json", progress)

sent = 0
next_ping = time.monotonic()
dns_sent = False
while time.monotonic() < deadline:
    now = time.monotonic()
    if target and sent < pings and now >= next_ping:
        sock.send(ipv4(me, target, 1, icmp(8, 0x7171, sent + 1, b"quetzal-interop"), ident=sent + 1))
        sent += 1
        next_ping = now + 0.2
    if dns_name and not dns_sent and dns:
        sock.send(ipv4(me, dns[0], 17, udp(me, dns[0], 53535, 53, dns_query(dns_name))))
        dns_sent = True
    ready, _, _ = select.select([sock], [], [], 0.1)
    if not ready:
        continue
    try:
        packet = sock.recv(65536)
    except BlockingIOError:
        continue
    if not packet:
        break
    if len(packet) < 20 or packet[0] >> 4 != 4:
        progress["malformed"] += 1
        continue
    ihl = (packet[0] & 0xF) * 4
    proto = packet[9]
    src = socket.inet_ntoa(packet[12:16])
    payload = packet[ihl:]
    if proto == 1 and len(payload) >= 8:
        kind, _code, _c, ident, seq = struct.unpack("!BBHHH", payload[:8])
        if kind == 0:
            progress["echo_replies"] += 1
        elif kind == 8:
            sock.send(ipv4(me, src, 1, icmp(0, ident, seq, payload[8:])))
            progress["echo_requests_answered"] += 1
    elif proto == 17 and len(payload) >= 8 and struct.unpack("!H", payload[:2])[0] == 53:
        try:
            progress["dns_answer"] = parse_dns_a(payload[8:])
        except (IndexError, struct.error):
            progress["malformed"] += 1
    save("progress.json", progress)
sys.exit(0)
