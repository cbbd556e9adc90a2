#!/bin/sh
# dhcpcd with RFC 3118 delayed authentication, in the foreground, inside a client namespace:
#   dhcpcd_auth.sh IFACE WORKDIR KEYID HEXKEY SECONDS
# /run and /var/lib/dhcpcd are tmpfs mounts private to this mount namespace (ip netns exec makes one).
ifc=$1 wd=$2 keyid=$3 key=$4 secs=$5
mkdir -p "$wd"
mount -t tmpfs auth-run /run && mkdir -p /run/dhcpcd || { echo "mount failed"; exit 1; }
mount -t tmpfs auth-dhcpcd /var/lib/dhcpcd 2>/dev/null || true
ip -4 addr flush dev "$ifc"
# dhcpcd 9.4.1 rejects a colon-hex key (token_len: ENOBUFS) and takes 0x... literally: give it text
secret=$(/usr/bin/python3 -c 'import sys; print(bytes.fromhex(sys.argv[1]).decode("ascii"))' "$key")

cat > "$wd/dhcpcd.conf" <<CONF
noipv4ll
noipv6rs
ipv4only
nohook resolv.conf, hostname, ntp.conf, timesyncd.conf, yp.conf
authprotocol delayed hmac-md5 monocounter
authtoken $keyid "" forever "$secret"
CONF
exec timeout "$secs" dhcpcd -4 -d -B -f "$wd/dhcpcd.conf" "$ifc"
