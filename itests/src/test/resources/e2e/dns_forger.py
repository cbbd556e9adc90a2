#!/usr/bin/env python3
"""A hostile DNS server for the DDNS end-to-end test: answers every query (an UPDATE included) at once
with NOERROR, unsigned, echoing the query's id and zone section, as an off-path spoofer that guessed
the id would. Run inside the server's namespace: dns_forger.py ADDRESS (port 53)."""
import socket
import sys

s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind((sys.argv[1], 53))
print("forging on %s:53" % sys.argv[1], flush=True)
while True:
    data, peer = s.recvfrom(4096)
    if len(data) < 17:
        continue
    opcode = (data[2] >> 3) & 0x0F
    end = 12
    while end < len(data) and data[end] != 0:
        end += data[end] + 1
    question = data[12:end + 5]
    answer = data[0:2] + bytes([0x80 | (opcode << 3), 0x00]) + b"\x00\x01\x00\x00\x00\x00\x00\x00" + question
    s.sendto(answer, peer)
    print("forged an answer to %s:%d" % peer, flush=True)
