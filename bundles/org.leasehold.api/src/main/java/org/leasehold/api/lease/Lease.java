package org.leasehold.api.lease;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.leasehold.api.message.HardwareAddress;

/**
 * One lease: an address (in an address space) and what the server knows about its binding.
 * Immutable: {@code relayAgentInfo} is copied in and out and {@code classes} and {@code variables} are
 * unmodifiable sorted copies, so a lease may be shared between threads freely. Change one with the {@code with...} helpers
 * or {@link #toBuilder()}.
 *
 * @param key              address space and address, required
 * @param state            binding state, required
 * @param client           the client it is bound to (or was last bound to); null when none
 * @param hardware         the client's hardware address; null when none
 * @param startEpochSecond when the current binding started (seconds since the epoch, UTC)
 * @param endEpochSecond   when it ends; {@link #NEVER} for an infinite (e.g. BOOTP) lease
 * @param hostname         the client's host name (option 12 or FQDN), {@code ""} when none
 * @param subnet           the subnet it belongs to in CIDR form, {@code ""} when unknown
 * @param pool             the pool's name within the subnet, {@code ""} when unnamed
 * @param relayAgentInfo   option 82 bytes stashed at commit, empty when none
 * @param classes          names of the client classes the client matched, never null
 * @param bootp            whether it was allocated to a BOOTP client
 * @param variables        named values capabilities keep with the lease, durably (ISC dhcpd's
 *                         {@code set NAME = VALUE;} lease variables: e.g. {@code ddns-fwd-name}), sorted by
 *                         name, never null. Names are a capability's own, prefixed by it where not ISC's.
 */
public record Lease(LeaseKey key, LeaseState state, ClientKey client, HardwareAddress hardware,
                    long startEpochSecond, long endEpochSecond, String hostname, String subnet, String pool,
                    byte[] relayAgentInfo, Set<String> classes, boolean bootp, Map<String, String> variables) {

    /** End time of a lease that never ends. */
    public static final long NEVER = Long.MAX_VALUE;

    private static final byte[] NO_BYTES = new byte[0];

    public Lease {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(state, "state");
        hostname = hostname == null ? "" : hostname;
        subnet = subnet == null ? "" : subnet;
        pool = pool == null ? "" : pool;
        relayAgentInfo = relayAgentInfo == null || relayAgentInfo.length == 0 ? NO_BYTES : relayAgentInfo.clone();
        classes = sortedCopy(classes);
        variables = sortedCopy(variables);
    }

    /** A lease without variables. */
    public Lease(LeaseKey key, LeaseState state, ClientKey client, HardwareAddress hardware, long startEpochSecond,
            long endEpochSecond, String hostname, String subnet, String pool, byte[] relayAgentInfo,
            Set<String> classes, boolean bootp) {
        this(key, state, client, hardware, startEpochSecond, endEpochSecond, hostname, subnet, pool, relayAgentInfo,
                classes, bootp, Map.of());
    }

    private static Map<String, String> sortedCopy(Map<String, String> variables) {
        if (variables == null || variables.isEmpty()) {
            return Collections.emptySortedMap();
        }
        TreeMap<String, String> copy = new TreeMap<>();
        variables.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "variable name"),
                Objects.requireNonNull(v, "variable value")));
        return Collections.unmodifiableSortedMap(copy);
    }

    /** The variable {@code name}, if the lease has it. */
    public Optional<String> variable(String name) {
        return Optional.ofNullable(variables.get(name));
    }

    private static Set<String> sortedCopy(Set<String> classes) {
        if (classes == null || classes.isEmpty()) {
            return Collections.emptySortedSet();
        }
        SortedSet<String> copy = new TreeSet<>();
        for (String c : classes) {
            copy.add(Objects.requireNonNull(c, "class name"));
        }
        return Collections.unmodifiableSortedSet(copy);
    }

    /** A builder for a new lease of this key, in state {@link LeaseState#FREE} with no client. */
    public static Builder builder(LeaseKey key) {
        return new Builder(key);
    }

    /** A builder initialised from this lease. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** A copy of the option 82 bytes. */
    @Override
    public byte[] relayAgentInfo() {
        return relayAgentInfo.clone();
    }

    /** Length of the option 82 bytes, without copying. */
    public int relayAgentInfoLength() {
        return relayAgentInfo.length;
    }

    /** Whether the lease's end time is at or before {@code nowEpochSecond}. */
    public boolean endedAt(long nowEpochSecond) {
        return endEpochSecond != NEVER && endEpochSecond <= nowEpochSecond;
    }

    public Lease withState(LeaseState newState) {
        return toBuilder().state(newState).build();
    }

    public Lease withEnd(long newEndEpochSecond) {
        return toBuilder().end(newEndEpochSecond).build();
    }

    public Lease withTimes(long newStartEpochSecond, long newEndEpochSecond) {
        return toBuilder().start(newStartEpochSecond).end(newEndEpochSecond).build();
    }

    public Lease withClient(ClientKey newClient, HardwareAddress newHardware) {
        return toBuilder().client(newClient).hardware(newHardware).build();
    }

    public Lease withHostname(String newHostname) {
        return toBuilder().hostname(newHostname).build();
    }

    public Lease withRelayAgentInfo(byte[] newRelayAgentInfo) {
        return toBuilder().relayAgentInfo(newRelayAgentInfo).build();
    }

    public Lease withClasses(Set<String> newClasses) {
        return toBuilder().classes(newClasses).build();
    }

    /** A copy with variable {@code name} set to {@code value}, or removed when {@code value} is null. */
    public Lease withVariable(String name, String value) {
        return toBuilder().variable(name, value).build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Lease l && startEpochSecond == l.startEpochSecond && endEpochSecond == l.endEpochSecond
                && bootp == l.bootp && key.equals(l.key) && state == l.state && Objects.equals(client, l.client)
                && Objects.equals(hardware, l.hardware) && hostname.equals(l.hostname) && subnet.equals(l.subnet)
                && pool.equals(l.pool) && Arrays.equals(relayAgentInfo, l.relayAgentInfo) && classes.equals(l.classes)
                && variables.equals(l.variables);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, state, client, hardware, startEpochSecond, endEpochSecond, hostname, subnet, pool,
                Arrays.hashCode(relayAgentInfo), classes, bootp, variables);
    }

    @Override
    public String toString() {
        return "Lease[" + key + " " + state + " client=" + client + " hw=" + hardware + " " + startEpochSecond + ".."
                + (endEpochSecond == NEVER ? "never" : Long.toString(endEpochSecond))
                + (hostname.isEmpty() ? "" : " host=" + hostname) + " subnet=" + subnet
                + (pool.isEmpty() ? "" : " pool=" + pool) + (classes.isEmpty() ? "" : " classes=" + classes)
                + (bootp ? " bootp" : "") + (variables.isEmpty() ? "" : " set=" + variables) + "]";
    }

    /** Mutable builder; not thread-safe. */
    public static final class Builder {
        private final LeaseKey key;
        private LeaseState state = LeaseState.FREE;
        private ClientKey client;
        private HardwareAddress hardware;
        private long start;
        private long end;
        private String hostname = "";
        private String subnet = "";
        private String pool = "";
        private byte[] relayAgentInfo = NO_BYTES;
        private Set<String> classes = Set.of();
        private boolean bootp;
        private Map<String, String> variables = Map.of();

        private Builder(LeaseKey key) {
            this.key = Objects.requireNonNull(key, "key");
        }

        private Builder(Lease l) {
            this(l.key);
            state = l.state;
            client = l.client;
            hardware = l.hardware;
            start = l.startEpochSecond;
            end = l.endEpochSecond;
            hostname = l.hostname;
            subnet = l.subnet;
            pool = l.pool;
            relayAgentInfo = l.relayAgentInfo;
            classes = l.classes;
            bootp = l.bootp;
            variables = l.variables;
        }

        public Builder state(LeaseState v) { state = v; return this; }
        public Builder client(ClientKey v) { client = v; return this; }
        public Builder hardware(HardwareAddress v) { hardware = v; return this; }
        public Builder start(long epochSecond) { start = epochSecond; return this; }
        public Builder end(long epochSecond) { end = epochSecond; return this; }
        public Builder hostname(String v) { hostname = v; return this; }
        public Builder subnet(String v) { subnet = v; return this; }
        public Builder pool(String v) { pool = v; return this; }
        public Builder relayAgentInfo(byte[] v) { relayAgentInfo = v; return this; }
        public Builder classes(Set<String> v) { classes = v; return this; }
        public Builder bootp(boolean v) { bootp = v; return this; }
        public Builder variables(Map<String, String> v) { variables = v == null ? Map.of() : v; return this; }

        /** Sets one variable ({@code null} removes it), keeping the others. */
        public Builder variable(String name, String value) {
            TreeMap<String, String> copy = new TreeMap<>(variables);
            if (value == null) {
                copy.remove(Objects.requireNonNull(name, "name"));
            } else {
                copy.put(Objects.requireNonNull(name, "name"), value);
            }
            variables = copy;
            return this;
        }

        public Lease build() {
            return new Lease(key, state, client, hardware, start, end, hostname, subnet, pool, relayAgentInfo,
                    classes, bootp, variables);
        }
    }
}
