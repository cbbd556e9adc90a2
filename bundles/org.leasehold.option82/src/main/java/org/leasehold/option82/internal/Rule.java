package org.leasehold.option82.internal;

import java.net.Inet4Address;
import java.util.Arrays;
import java.util.List;
import org.leasehold.option82.Option82Parser;

/**
 * One parsing rule: which relays it applies to (giaddr ranges, remote-id prefix), which input format
 * reads which sub-option, and the output formats of the rebuilt circuit-id and remote-id. Immutable.
 */
record Rule(String name, List<AddressRange> giaddrs, byte[] remoteIdPrefix, List<Input> inputs,
        Template circuitIdOutput, Template remoteIdOutput) {

    /**
     * One sub-option read by one format. {@code builtIn} is set for text/bits/hex; {@code null} means
     * a plugin named {@code format} must be installed.
     */
    record Input(String key, int subOption, String format, Option82Parser builtIn) {
    }

    Rule {
        giaddrs = List.copyOf(giaddrs);
        inputs = List.copyOf(inputs);
        remoteIdPrefix = remoteIdPrefix == null ? null : remoteIdPrefix.clone();
    }

    /** Whether the packet comes from a relay this rule is for. */
    boolean appliesTo(Inet4Address giaddr, AgentSubOptions subs) {
        if (!giaddrs.isEmpty() && giaddrs.stream().noneMatch(r -> r.contains(giaddr))) {
            return false;
        }
        if (remoteIdPrefix != null) {
            byte[] rid = subs.get(AgentSubOptions.REMOTE_ID).orElse(null);
            return rid != null && rid.length >= remoteIdPrefix.length
                    && Arrays.equals(rid, 0, remoteIdPrefix.length, remoteIdPrefix, 0, remoteIdPrefix.length);
        }
        return true;
    }
}
