#!/usr/bin/python3
"""Hand-made DHCP exchanges no stock client performs on demand. Run inside a client namespace.

  dhcp_probe.py inform --server 198.18.0.1 --ciaddr 198.18.0.50 --mac 02:00:00:00:0c:41
      unicast DHCPINFORM from ciaddr:68 (the address must already be on the interface)
  dhcp_probe.py bootp --iface cli0 --mac 02:00:00:00:0c:42
      RFC 951 BOOTREQUEST (no option 53) broadcast from 0.0.0.0 on IFACE, through scapy

Prints one "REPLY op=.. type=.. yiaddr=.. ciaddr=.. dst=.. len=.. opts=c1,c2,.." line and one
"OPT code hex" line per option of the answer, or "NOREPLY"; exit 0 iff a reply came.
"""
import argparse
import random
import socket
import struct
import sys

MAGIC = b"\x63\x82\x53\x63"


def build(mac, xid, ciaddr="0.0.0.0", opts=b"", flags=0):
    hdr = struct.pack("!BBBBIHH4s4s4s4s16s64s128s", 1, 1, 6, 0, xid, 0, flags,
                      socket.inet_aton(ciaddr), bytes(4), bytes(4), bytes(4),
                      mac + bytes(10), b"", b"")
    body = MAGIC + opts + b"\xff"
    return hdr + body + bytes(max(0, 64 - len(body)))


def options(pkt):
    out, i = [], 240
    if len(pkt) < 240 or pkt[236:240] != MAGIC:
        return out
    while i < len(pkt):
        c = pkt[i]
        if c == 255:
            break
        if c == 0:
            i += 1
            continue
        ln = pkt[i + 1]
        out.append((c, pkt[i + 2:i + 2 + ln]))
        i += 2 + ln
    return out


def report(pkt, dst):
    opts = options(pkt)
    mtype = next((v[0] for c, v in opts if c == 53), 0)
    print(f"REPLY op={pkt[0]} type={mtype} yiaddr={socket.inet_ntoa(pkt[16:20])} "
          f"ciaddr={socket.inet_ntoa(pkt[12:16])} dst={dst} len={len(pkt)} "
          f"opts={','.join(str(c) for c, _ in opts)}")
    for c, v in opts:
        print(f"OPT {c} {v.hex()}")


def inform(a, mac, xid):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("0.0.0.0", 68))
    s.settimeout(a.timeout)
    prl = bytes([55, 3, 1, 3, 6])
    s.sendto(build(mac, xid, a.ciaddr, bytes([53, 1, 8]) + prl), (a.server, 67))
    try:
        while True:
            data, src = s.recvfrom(4096)
            if len(data) >= 240 and data[0] == 2 and struct.unpack("!I", data[4:8])[0] == xid:
                report(data, a.ciaddr)
                return 0
    except socket.timeout:
        print("NOREPLY")
        return 1


def bootp(a, mac, xid):
    import threading
    from scapy.all import AsyncSniffer, Ether, IP, UDP, Raw, sendp, conf
    conf.verb = 0
    ready = threading.Event()
    sniffer = AsyncSniffer(iface=a.iface, filter="udp and dst port 68", started_callback=ready.set,
                           lfilter=lambda p: UDP in p and bytes(p[UDP].payload)[4:8] == struct.pack("!I", xid),
                           count=1, timeout=a.timeout)
    sniffer.start()
    if not ready.wait(a.timeout):
        print("NOREPLY sniffer did not start")
        return 1
    frame = (Ether(src=a.mac, dst="ff:ff:ff:ff:ff:ff") / IP(src="0.0.0.0", dst="255.255.255.255")
             / UDP(sport=68, dport=67) / Raw(build(mac, xid)))
    sendp(frame, iface=a.iface)
    sniffer.join()
    got = sniffer.results or []
    if not got:
        print("NOREPLY")
        return 1
    report(bytes(got[0][UDP].payload), got[0][IP].dst)
    return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("mode", choices=["inform", "bootp"])
    ap.add_argument("--server", default="198.18.0.1")
    ap.add_argument("--ciaddr", default="0.0.0.0")
    ap.add_argument("--iface", default="cli0")
    ap.add_argument("--mac", required=True)
    ap.add_argument("--timeout", type=float, default=5.0)
    a = ap.parse_args()
    mac = bytes.fromhex(a.mac.replace(":", ""))
    xid = random.getrandbits(32)
    return inform(a, mac, xid) if a.mode == "inform" else bootp(a, mac, xid)


if __name__ == "__main__":
    sys.exit(main())
