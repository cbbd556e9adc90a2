package org.leasehold.core.internal.lease;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Set;
import org.leasehold.api.lease.ClientKey;
import org.leasehold.api.lease.Lease;
import org.leasehold.api.lease.LeaseKey;
import org.leasehold.api.lease.LeaseState;
import org.leasehold.api.message.HardwareAddress;

/** Lease fixtures for journal tests. */
final class TestLeases {

    static final long T0 = 1_795_000_000L;

    private TestLeases() {
    }

    /** 10.0.0.0/8 address number {@code n}. */
    static Inet4Address address(int n) {
        byte[] b = {10, (byte) (n >>> 16), (byte) (n >>> 8), (byte) n};
        try {
            return (Inet4Address) InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    static LeaseKey key(int n) {
        return LeaseKey.of(address(n));
    }

    static HardwareAddress mac(int n) {
        return HardwareAddress.ethernet(new byte[] {2, 0, (byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8),
                (byte) n});
    }

    /** An active lease of address {@code n} for client {@code n}, version {@code seq} (its end time). */
    static Lease active(int n, long seq) {
        HardwareAddress hw = mac(n);
        return Lease.builder(key(n)).state(LeaseState.ACTIVE)
                .client(ClientKey.ofHardware(hw.htype(), hw.bytes())).hardware(hw)
                .start(T0).end(T0 + seq).hostname("host-" + n + "-" + seq).subnet("10.0.0.0/8").pool("p1")
                .build();
    }

    /** A lease with every field set. */
    static Lease full(int n) {
        return active(n, 3600).toBuilder().relayAgentInfo(new byte[] {1, 3, 'e', 't', '0', 2, 1, 9})
                .classes(Set.of("voip", "printers")).bootp(true).build();
    }
}
