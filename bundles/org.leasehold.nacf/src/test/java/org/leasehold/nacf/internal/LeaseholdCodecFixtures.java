package org.leasehold.nacf.internal;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

final class LeaseholdCodecFixtures {

    private LeaseholdCodecFixtures() {
    }

    static Inet4Address ip(String s) {
        try {
            return (Inet4Address) InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
