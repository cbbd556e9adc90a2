#!/usr/bin/python3
"""A scripted RFC 3118 client (delayed authentication, HMAC-MD5, monotonic counter). Run inside a
client namespace whose interface has an address (replies come by broadcast: the flag is set).

  auth_client.py --iface cli0 --mac 02:.. --key HEX --keyid N dora --auth none|invalid|valid
      DISCOVER -> OFFER -> REQUEST -> ACK; 'valid' asks for authentication in the DISCOVER and signs
      the REQUEST, 'invalid' signs every message with a wrong key
  auth_client.py ... replay
      a signed REQUEST (INIT-REBOOT for --address), then the very same bytes again
  auth_client.py ... release --address A --server S
      a signed DHCPRELEASE of A
  auth_client.py ... forcerenew --address A --server S --wait S
      holds A (a lease it got), waits for FORCERENEW on port 68; for each one prints it and, unless
      --ignore, renews with a signed unicast REQUEST

Prints one line per answer: "<TYPE> auth=none|valid|bad yiaddr=.. replay=..", or "NOREPLY <step>".
"""
import argparse
import hashlib
import hmac
import random
import select
import socket
import struct
import sys
import time

MAGIC = b"\x63\x82\x53\x63"
TYPES = {1: "DISCOVER", 2: "OFFER", 3: "REQUEST", 4: "DECLINE", 5: "ACK", 6: "NAK", 7: "RELEASE",
         8: "INFORM", 9: "FORCERENEW"}


def counter():
    # monotonic across runs: nanoseconds since the epoch
    return time.time_ns()


def auth_option(keyid, key, with_mac=True, rd=None):
    rd = counter() if rd is None else rd
    body = bytes([1, 1, 0]) + rd.to_bytes(8, "big")
    if with_mac:
        body += keyid.to_bytes(4, "big") + bytes(16)
    return bytes([90, len(body)]) + body


def build(mac, xid, mtype, opts=b"", ciaddr="0.0.0.0", broadcast=True):
    hdr = struct.pack("!BBBBIHH4s4s4s4s16s64s128s", 1, 1, 6, 0, xid, 0, 0x8000 if broadcast else 0,
                      socket.inet_aton(ciaddr), bytes(4), bytes(4), bytes(4), mac + bytes(10), b"", b"")
    body = MAGIC + bytes([53, 1, mtype]) + opts + b"\xff"
    return bytearray(hdr + body + bytes(max(0, 60 - len(body))))


def find(pkt, code):
    i = 240
    while i < len(pkt):
        c = pkt[i]
        if c == 0:
            i += 1
            continue
        if c == 255 or i + 1 >= len(pkt):
            return -1
        if c == code:
            return i + 2
        i += 2 + pkt[i + 1]
    return -1


def mac_of(pkt, key):
    at = find(pkt, 90)
    z = bytearray(pkt)
    z[3] = 0
    z[24:28] = bytes(4)
    z[at + 15:at + 31] = bytes(16)
    return hmac.new(key, bytes(z), hashlib.md5).digest()


def sign(pkt, key):
    at = find(pkt, 90)
    if at >= 0 and pkt[at - 1] == 31:
        pkt[at + 15:at + 31] = mac_of(pkt, key)
    return bytes(pkt)


def options(pkt):
    out, i = {}, 240
    while i < len(pkt) and pkt[i] != 255:
        if pkt[i] == 0:
            i += 1
            continue
        out.setdefault(pkt[i], bytes(pkt[i + 2:i + 2 + pkt[i + 1]]))
        i += 2 + pkt[i + 1]
    return out


def describe(pkt, key):
    o = options(pkt)
    t = TYPES.get(o.get(53, b"\x00")[0], "BOOTREPLY")
    auth = "none"
    replay = ""
    if 90 in o:
        v = o[90]
        replay = str(int.from_bytes(v[3:11], "big"))
        ok = len(v) == 31 and v[0] == 1 and hmac.compare_digest(mac_of(pkt, key), v[15:31])
        auth = "valid" if ok else "bad"
    dns = " dns=" + socket.inet_ntoa(o[6][:4]) if len(o.get(6, b"")) >= 4 else ""
    return t, o, "%s auth=%s yiaddr=%s replay=%s%s" % (t, auth, socket.inet_ntoa(pkt[16:20]), replay, dns)


class Client:
    def __init__(self, a):
        self.a = a
        self.mac = bytes.fromhex(a.mac.replace(":", ""))
        self.key = bytes.fromhex(a.key)
        self.s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.s.setsockopt(socket.SOL_SOCKET, socket.SO_BROADCAST, 1)
        self.s.setsockopt(socket.SOL_SOCKET, socket.SO_BINDTODEVICE, a.iface.encode())
        # a client holding an address listens on it, so that several can share the namespace
        self.s.bind((a.address if a.cmd in ("forcerenew", "release") else "0.0.0.0", 68))

    def auth(self, kind):
        if kind == "none":
            return b""
        return auth_option(self.a.keyid, self.key)

    def secret(self, kind):
        return self.key if kind == "valid" else b"wrong-" + self.key

    def send(self, pkt, to="255.255.255.255"):
        self.s.sendto(pkt, (to, 67))

    def wait(self, xid, want, timeout):
        end = time.time() + timeout
        while time.time() < end:
            r, _, _ = select.select([self.s], [], [], max(0, end - time.time()))
            if not r:
                break
            pkt, src = self.s.recvfrom(4096)
            if len(pkt) < 240 or pkt[0] != 2 or pkt[28:34] != self.mac:
                continue
            if want != "FORCERENEW" and struct.unpack("!I", pkt[4:8])[0] != xid:
                continue
            t, o, line = describe(pkt, self.key)
            if t in want.split("|"):
                return pkt, o, line + " from=" + src[0]
        return None, None, None


def dora(c, a):
    xid = random.getrandbits(32)
    if a.auth == "valid":
        # RFC 3118 5.3: the DISCOVER asks with an empty information field
        disc = build(c.mac, xid, 1, auth_option(a.keyid, c.key, with_mac=False))
    else:
        disc = build(c.mac, xid, 1, c.auth(a.auth))
    c.send(sign(disc, c.secret(a.auth)))
    pkt, o, line = c.wait(xid, "OFFER", a.timeout)
    if pkt is None:
        print("NOREPLY DISCOVER")
        return
    print(line)
    opts = bytes([50, 4]) + pkt[16:20] + bytes([54, 4]) + o[54] + c.auth(a.auth)
    c.send(sign(build(c.mac, xid, 3, opts), c.secret(a.auth)))
    pkt, o, line = c.wait(xid, "ACK|NAK", a.timeout)
    print(line if pkt else "NOREPLY REQUEST")


def replay(c, a):
    xid = random.getrandbits(32)
    opts = bytes([50, 4]) + socket.inet_aton(a.address) + c.auth("valid")
    req = sign(build(c.mac, xid, 3, opts), c.key)
    for step in ("REQUEST", "REPLAYED"):
        c.send(req)
        pkt, o, line = c.wait(xid, "ACK|NAK", a.timeout)
        print((line + " step=" + step) if pkt else "NOREPLY " + step)


def forcerenew(c, a):
    end = time.time() + a.wait
    seen = 0
    while time.time() < end:
        pkt, o, line = c.wait(0, "FORCERENEW", end - time.time())
        if pkt is None:
            break
        seen += 1
        print(line)
        sys.stdout.flush()
        if a.ignore or "auth=valid" not in line:
            continue
        xid = random.getrandbits(32)
        req = sign(build(c.mac, xid, 3, c.auth("valid"), ciaddr=a.address, broadcast=False), c.key)
        c.s.sendto(req, (a.server, 67))
        pkt, o, line = c.wait(xid, "ACK|NAK", a.timeout)
        print((line + " step=RENEW") if pkt else "NOREPLY RENEW")
        sys.stdout.flush()
        if a.once:
            break
    print("FORCERENEW-SEEN %d" % seen)


def release(c, a):
    xid = random.getrandbits(32)
    opts = bytes([54, 4]) + socket.inet_aton(a.server) + c.auth("valid")
    c.s.sendto(sign(build(c.mac, xid, 7, opts, ciaddr=a.address, broadcast=False), c.key), (a.server, 67))
    print("RELEASED %s" % a.address)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--iface", required=True)
    p.add_argument("--mac", required=True)
    p.add_argument("--key", required=True)
    p.add_argument("--keyid", type=int, default=1)
    p.add_argument("--timeout", type=float, default=3.0)
    sub = p.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("dora")
    d.add_argument("--auth", choices=["none", "invalid", "valid"], required=True)
    r = sub.add_parser("replay")
    r.add_argument("--address", required=True)
    f = sub.add_parser("forcerenew")
    f.add_argument("--address", required=True)
    f.add_argument("--server", required=True)
    f.add_argument("--wait", type=float, default=20)
    f.add_argument("--ignore", action="store_true")
    f.add_argument("--once", action="store_true")
    rel = sub.add_parser("release")
    rel.add_argument("--address", required=True)
    rel.add_argument("--server", required=True)
    a = p.parse_args()
    c = Client(a)
    {"dora": dora, "replay": replay, "forcerenew": forcerenew, "release": release}[a.cmd](c, a)


if __name__ == "__main__":
    main()
