#!/usr/bin/env bash
#
# Installs the Debian packages that the end-to-end tests drive: real DHCP clients (dhclient, udhcpc,
# dhcpcd), a real relay (dhcrelay), BIND, ISC dhcpd and Kea as peers, perfdhcp, scapy and tshark;
# Prometheus and headless Chromium for the metrics endpoint and the status page; PostgreSQL 15 (the
# tests run their own clusters with initdb/pg_ctl; the package's own is not started).
# As root it installs what is missing (without starting any of their daemons); otherwise it names them.
#
set -euo pipefail

packages=(iproute2 isc-dhcp-client udhcpc busybox dhcpcd-base isc-dhcp-relay isc-dhcp-server
          bind9 bind9-dnsutils kea-dhcp4-server kea-admin tshark tcpdump python3-scapy procps
          prometheus chromium curl postgresql postgresql-client util-linux)

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
    echo "test dependencies: all ${#packages[@]} Debian packages present"
    exit 0
fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
    echo "The end-to-end tests need these Debian packages, and root to create network namespaces:" >&2
    echo "  sudo apt-get install ${missing[*]}" >&2
    exit 1
fi

echo "test dependencies: installing ${missing[*]}"
# Keep the packages' own daemons (dhcpd, named, kea) from starting: the tests start their own.
policy=/usr/sbin/policy-rc.d
created_policy=0
if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' > "$policy"
    chmod +x "$policy"
    created_policy=1
fi
trap '[ "$created_policy" = 1 ] && rm -f "$policy"' EXIT
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "test dependencies: installed"
