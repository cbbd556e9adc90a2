#!/usr/bin/python3
"""Turns TX checksum offload off on the given interfaces, as `ethtool -K IF tx off` does.

Packets a plain UDP socket sends over a veth otherwise carry only a partial checksum, and clients
that read through raw sockets (dhclient, dhcpcd) drop them as "bad udp checksum".
"""
import array
import fcntl
import socket
import struct
import sys

SIOCETHTOOL, ETHTOOL_STXCSUM = 0x8946, 0x17
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
for ifname in sys.argv[1:]:
    val = array.array("I", [ETHTOOL_STXCSUM, 0])
    fcntl.ioctl(s.fileno(), SIOCETHTOOL, struct.pack("16sP", ifname.encode(), val.buffer_info()[0]))
