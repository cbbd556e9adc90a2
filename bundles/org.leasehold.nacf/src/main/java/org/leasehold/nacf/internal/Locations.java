package org.leasehold.nacf.internal;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import org.leasehold.api.lease.Lease;
import org.leasehold.api.lease.LeaseState;
import org.leasehold.api.codec.DecodeException;
import org.leasehold.api.message.RelayAgentInformation;
import org.leasehold.api.pipeline.PacketContext;
import org.leasehold.nacf.A2Binding;

/**
 * Where a CPE is attached, and its IP context. At commit the location is taken from the Option 82
 * identity ({@code option82.circuit-id}, {@code option82.remote-id}, {@code option82.rule}, as the
 * flexible Option 82 rules rebuilt them) or, without one, from the raw sub-options, and kept with the
 * lease as the durable variables {@value #CIRCUIT}, {@value #REMOTE} and {@value #TYPE}: the detach
 * after an expiry, a pull and a resync send what the attach sent. Immutable, thread-safe.
 */
final class Locations {

    static final String CIRCUIT = "nacf-circuit-id";
    static final String REMOTE = "nacf-remote-id";
    static final String TYPE = "nacf-network-type";

    static final String ATTR_CIRCUIT = "option82.circuit-id";
    static final String ATTR_REMOTE = "option82.remote-id";
    static final String ATTR_RULE = "option82.rule";

    private final NacfSettings settings;

    Locations(NacfSettings settings) {
        this.settings = settings;
    }

    /** The candidate lease with the packet's location in its variables. */
    Lease withLocation(Lease lease, PacketContext ctx) {
        Optional<RelayAgentInformation> raw = ctx.hasRequest() ? safe(ctx) : Optional.empty();
        String circuit = text(ctx, ATTR_CIRCUIT).orElseGet(() -> raw.flatMap(RelayAgentInformation::circuitId)
                .map(Locations::printable).orElse(""));
        String remote = text(ctx, ATTR_REMOTE).orElseGet(() -> raw.flatMap(RelayAgentInformation::remoteId)
                .map(Locations::printable).orElse(""));
        String type = text(ctx, ATTR_RULE).map(settings.networkTypes()::get).orElse(settings.networkType());
        return lease.withVariable(CIRCUIT, blankToNull(circuit)).withVariable(REMOTE, blankToNull(remote))
                .withVariable(TYPE, blankToNull(type));
    }

    /** The IP context of a lease, from its variables (or, for a lease committed without NACF, its option 82). */
    A2Binding binding(Lease l) {
        Optional<RelayAgentInformation> raw = Optional.empty();
        if (l.relayAgentInfoLength() > 0 && (l.variable(CIRCUIT).isEmpty() || l.variable(REMOTE).isEmpty())) {
            raw = parse(l.relayAgentInfo());
        }
        Optional<RelayAgentInformation> r = raw;
        String circuit = l.variable(CIRCUIT).orElseGet(() -> r.flatMap(RelayAgentInformation::circuitId)
                .map(Locations::printable).orElse(""));
        String remote = l.variable(REMOTE).orElseGet(() -> r.flatMap(RelayAgentInformation::remoteId)
                .map(Locations::printable).orElse(""));
        String type = l.variable(TYPE).orElse(settings.networkType());
        String realm = l.key().space().isEmpty() ? settings.defaultRealm() : l.key().space();
        byte[] mac = l.hardware() == null ? null : l.hardware().bytes();
        return new A2Binding(l.key().address(), realm, l.subnet(), circuit, remote, type, mac, l.startEpochSecond(),
                l.endEpochSecond());
    }

    /** Whether the CLF must hear of {@code after}: a new binding, another client, or a moved CPE. */
    static boolean attachNeeded(Lease before, Lease after) {
        if (after == null || after.state() != LeaseState.ACTIVE) {
            return false;
        }
        if (before == null || before.state() != LeaseState.ACTIVE || !sameClient(before, after)) {
            return true;
        }
        return !Objects.equals(before.variable(CIRCUIT), after.variable(CIRCUIT))
                || !Objects.equals(before.variable(REMOTE), after.variable(REMOTE));
    }

    static boolean sameClient(Lease a, Lease b) {
        return Objects.equals(a.client(), b.client());
    }

    private static Optional<String> text(PacketContext ctx, String name) {
        return ctx.attribute(name).map(v -> v instanceof byte[] b ? printable(b) : String.valueOf(v))
                .filter(s -> !s.isEmpty());
    }

    private static Optional<RelayAgentInformation> safe(PacketContext ctx) {
        return RelayAgentInformation.from(ctx.request());
    }

    private static Optional<RelayAgentInformation> parse(byte[] option82) {
        try {
            return Optional.of(RelayAgentInformation.parse(option82));
        } catch (DecodeException e) {
            return Optional.empty();     // stashed bytes a relay mangled: no location, the push still goes
        }
    }

    /** Text when every byte is printable ASCII, else lower-case hex. */
    static String printable(byte[] b) {
        for (byte x : b) {
            if (x < 0x20 || x > 0x7e) {
                return HexFormat.of().formatHex(b);
            }
        }
        return new String(b, StandardCharsets.US_ASCII);
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
