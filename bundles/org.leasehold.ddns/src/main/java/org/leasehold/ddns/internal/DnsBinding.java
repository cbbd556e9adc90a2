package org.leasehold.ddns.internal;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.leasehold.api.lease.Lease;
import org.leasehold.ddns.internal.config.DdnsSettings.Style;

/**
 * The DNS records one lease stands for, kept in the lease's variables under ISC dhcpd's names so a
 * restart, an expiry or an ISC lease file carry them: {@code ddns-fwd-name} (the server added A and
 * the identity record), {@code ddns-client-fqdn} (the client updates its A record itself; the server
 * only the PTR), {@code ddns-rev-name}, {@code ddns-dhcid} (standard style, base64 RDATA) or
 * {@code ddns-txt} (interim style), and Leasehold's {@value #STATE}, where the update stands. The
 * variables are written with the lease before its ACK leaves, so an update not yet done survives a
 * crash. Immutable.
 *
 * @param forwardName    the name of the A record the server manages; empty when none
 * @param clientFqdn     the name the client registers itself (the PTR's target); empty when none
 * @param reverseName    the PTR's owner name; empty when the server does not update the PTR
 * @param style          which identity record guards the forward name
 * @param identity       the DHCID RDATA in base64, or the interim TXT text; empty without a forward name
 * @param state          where the update stands
 */
record DnsBinding(Optional<String> forwardName, Optional<String> clientFqdn, Optional<String> reverseName,
        Style style, Optional<String> identity, State state) {

    static final String FWD = "ddns-fwd-name";
    static final String CLIENT_FQDN = "ddns-client-fqdn";
    static final String REV = "ddns-rev-name";
    static final String DHCID = "ddns-dhcid";
    static final String TXT = "ddns-txt";
    static final String STATE = "leasehold-ddns";

    /** Where a lease's update stands. */
    enum State {
        /** Written with the lease; the update has not been confirmed by the DNS server. */
        PENDING,
        /** The DNS server applied it. */
        DONE,
        /** The name belongs to another client (RFC 4703): nothing was added. */
        CONFLICT,
        /** The DNS server refused it (bad key, not authoritative, ...); see the log. */
        FAILED;

        String text() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static State parse(String s) {
            for (State st : values()) {
                if (st.text().equals(s)) {
                    return st;
                }
            }
            return PENDING;
        }
    }

    DnsBinding {
        Objects.requireNonNull(style, "style");
        Objects.requireNonNull(state, "state");
    }

    /** The binding a lease's variables describe, if they describe one. */
    static Optional<DnsBinding> of(Lease lease) {
        Map<String, String> v = lease.variables();
        Optional<String> fwd = Optional.ofNullable(v.get(FWD));
        Optional<String> client = Optional.ofNullable(v.get(CLIENT_FQDN));
        Optional<String> rev = Optional.ofNullable(v.get(REV));
        if (fwd.isEmpty() && rev.isEmpty()) {
            return Optional.empty();
        }
        Style style = v.containsKey(TXT) && !v.containsKey(DHCID) ? Style.INTERIM : Style.STANDARD;
        Optional<String> identity = Optional.ofNullable(v.get(style.identityVariable()));
        State state = Optional.ofNullable(v.get(STATE)).map(State::parse).orElse(State.DONE);
        return Optional.of(new DnsBinding(fwd, client, rev, style, identity, state));
    }

    /** The name the PTR points to. */
    Optional<String> ptrTarget() {
        return forwardName.or(() -> clientFqdn);
    }

    DnsBinding withState(State s) {
        return new DnsBinding(forwardName, clientFqdn, reverseName, style, identity, s);
    }

    /** Whether both stand for the same records (state aside). */
    boolean sameRecords(DnsBinding o) {
        return forwardName.equals(o.forwardName) && clientFqdn.equals(o.clientFqdn)
                && reverseName.equals(o.reverseName) && identity.equals(o.identity);
    }

    /** {@code lease} with this binding's variables in place of any earlier ones. */
    Lease applyTo(Lease lease) {
        TreeMap<String, String> v = new TreeMap<>(lease.variables());
        clear(v);
        forwardName.ifPresent(n -> v.put(FWD, n));
        clientFqdn.ifPresent(n -> v.put(CLIENT_FQDN, n));
        reverseName.ifPresent(n -> v.put(REV, n));
        identity.ifPresent(i -> v.put(style.identityVariable(), i));
        v.put(STATE, state.text());
        return lease.toBuilder().variables(v).build();
    }

    /** {@code lease} without any DDNS variable (what ISC's {@code unset} does after a removal). */
    static Lease clearFrom(Lease lease) {
        TreeMap<String, String> v = new TreeMap<>(lease.variables());
        clear(v);
        return lease.toBuilder().variables(v).build();
    }

    private static void clear(Map<String, String> v) {
        v.remove(FWD);
        v.remove(CLIENT_FQDN);
        v.remove(REV);
        v.remove(DHCID);
        v.remove(TXT);
        v.remove(STATE);
    }
}
