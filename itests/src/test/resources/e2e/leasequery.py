#!/usr/bin/python3
"""Plays an access concentrator sending RFC 4388 DHCPLEASEQUERY messages, built with scapy, over a
plain UDP socket bound to port 67 (a relay's port: the answer comes to giaddr:67).

  leasequery.py --server 198.18.0.1 --giaddr 198.51.100.1 (--ip A | --mac M | --client-id HEX)
                [--timeout 3]

Prints one line: "<TYPE> ciaddr=<a> chaddr=<mac> opt51=<n> opt91=<n> opt92=<a,b> opt82=<hex> opt54=<a>"
for an answer (TYPE is LEASEACTIVE, LEASEUNASSIGNED or LEASEUNKNOWN), or "NOREPLY" when nothing with
our xid came within the timeout. Exit 0 in both cases; 2 on a malformed answer.
"""
import argparse, random, socket, struct, sys, time

from scapy.layers.dhcp import BOOTP, DHCP
from scapy.packet import Raw

TYPES = {10: "LEASEQUERY", 11: "LEASEUNASSIGNED", 12: "LEASEUNKNOWN", 13: "LEASEACTIVE"}


def build(a, xid):
    chaddr = b""
    hlen = 0
    if a.mac:
        chaddr = bytes.fromhex(a.mac.replace(":", ""))
        hlen = len(chaddr)
    opts = [("message-type", 10)]
    if a.client_id:
        opts.append(("client_id", bytes.fromhex(a.client_id.replace(":", ""))))
    # the options an access concentrator asks for (RFC 4388 6.1): lease time, client id, 82, 91, 92
    opts.append(("param_req_list", [51, 61, 82, 91, 92]))
    opts.append("end")
    pkt = BOOTP(op=1, htype=1, hlen=hlen, hops=0, xid=xid, ciaddr=a.ip or "0.0.0.0", giaddr=a.giaddr,
                chaddr=chaddr + b"\0" * (16 - len(chaddr))) / DHCP(options=opts)
    return bytes(pkt)


def describe(data, xid):
    reply = BOOTP(data)
    if reply.op != 2 or reply.xid != xid or not reply.haslayer(DHCP):
        return None
    opts = {}
    for o in reply[DHCP].options:
        if isinstance(o, tuple) and len(o) >= 2:
            opts[o[0]] = o[1:] if len(o) > 2 else o[1]
    # scapy names some codes and not others; read the raw option area too
    raw = {}
    area = data[240:]
    i = 0
    while i < len(area):
        c = area[i]
        if c == 255:
            break
        if c == 0:
            i += 1
            continue
        ln = area[i + 1]
        raw[c] = area[i + 2:i + 2 + ln]
        i += 2 + ln
    if 53 not in raw:
        return "MALFORMED no option 53"
    t = TYPES.get(raw[53][0], "TYPE-%d" % raw[53][0])
    mac = ":".join("%02x" % b for b in bytes(reply.chaddr)[:reply.hlen])
    out = [t, "ciaddr=" + reply.ciaddr, "giaddr=" + reply.giaddr, "chaddr=" + mac]
    for code in (51, 58, 59, 91):
        if code in raw:
            out.append("opt%d=%d" % (code, struct.unpack("!I", raw[code])[0]))
    if 92 in raw:
        ips = [socket.inet_ntoa(raw[92][j:j + 4]) for j in range(0, len(raw[92]), 4)]
        out.append("opt92=" + ",".join(ips))
    if 54 in raw:
        out.append("opt54=" + socket.inet_ntoa(raw[54]))
    if 61 in raw:
        out.append("opt61=" + raw[61].hex())
    if 82 in raw:
        out.append("opt82=" + raw[82].hex())
    return " ".join(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--server", default="198.18.0.1")
    ap.add_argument("--port", type=int, default=67)
    ap.add_argument("--giaddr", required=True)
    ap.add_argument("--ip")
    ap.add_argument("--mac")
    ap.add_argument("--client-id")
    ap.add_argument("--timeout", type=float, default=3.0)
    a = ap.parse_args()
    xid = random.randint(1, 0xFFFFFFFF)
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("0.0.0.0", 67))
    s.sendto(build(a, xid), (a.server, a.port))
    deadline = time.monotonic() + a.timeout
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            print("NOREPLY")
            return 0
        s.settimeout(left)
        try:
            data, _ = s.recvfrom(4096)
        except socket.timeout:
            continue
        line = describe(data, xid)
        if line is None:
            continue
        print(line)
        return 2 if line.startswith("MALFORMED") else 0


if __name__ == "__main__":
    sys.exit(main())
