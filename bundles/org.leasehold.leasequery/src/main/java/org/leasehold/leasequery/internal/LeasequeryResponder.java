package org.leasehold.leasequery.internal;

import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.leasehold.api.config.PoolInfo;
import org.leasehold.api.lease.ClientKey;
import org.leasehold.api.lease.Lease;
import org.leasehold.api.lease.LeaseKey;
import org.leasehold.api.lease.LeaseState;
import org.leasehold.api.lease.LeaseStore;
import org.leasehold.api.message.DhcpMessage;
import org.leasehold.api.message.DhcpOption;
import org.leasehold.api.message.HardwareAddress;
import org.leasehold.api.message.MessageType;

/**
 * Answers one DHCPLEASEQUERY (RFC 4388 §6.4) from the lease store: by IP address when {@code ciaddr} is
 * set, else by client identifier (option 61) when present, else by hardware address ({@code htype},
 * {@code hlen}, {@code chaddr}). Reads only (the store's reads never block). Stateless and
 * thread-safe; the answer is computed afresh per query.
 */
final class LeasequeryResponder {

    static final MessageType LEASEQUERY = MessageType.valueOf(10);
    static final MessageType LEASEUNASSIGNED = MessageType.valueOf(11);
    static final MessageType LEASEUNKNOWN = MessageType.valueOf(12);
    static final MessageType LEASEACTIVE = MessageType.valueOf(13);

    static final int CLIENT_ID = 61;
    static final int RELAY_AGENT_INFORMATION = 82;
    static final int CLIENT_LAST_TRANSACTION_TIME = 91;
    static final int ASSOCIATED_IP = 92;
    /** The most addresses option 92 carries in one option (255 / 4); more are left out, like ISC's 40. */
    static final int MAX_ASSOCIATED = 63;

    /** What the query asked by. */
    enum By { IP, CLIENT_ID, MAC }

    /** The answer and what it was computed from. */
    record Answer(By by, MessageType type, DhcpMessage reply) {
    }

    private final LeaseStore store;
    private final Function<HardwareAddress, Collection<LeaseKey>> byHardware;

    /**
     * @param byHardware candidate keys of leases of a hardware address (an index that may hold stale
     *                   entries: every candidate is checked against the store)
     */
    LeasequeryResponder(LeaseStore store, Function<HardwareAddress, Collection<LeaseKey>> byHardware) {
        this.store = store;
        this.byHardware = byHardware;
    }

    /**
     * The answer to {@code query}, or empty when the query names nothing to look up (no ciaddr, no
     * client identifier, no hardware address): RFC 4388 leaves such a message unanswered.
     *
     * @param pools    the pools in force (their spaces and ranges: what the server is authoritative for)
     * @param serverId option 54 of the answer, if any
     */
    Optional<Answer> answer(DhcpMessage query, List<PoolInfo> pools, Optional<Inet4Address> serverId, long now) {
        Set<String> spaces = new LinkedHashSet<>();
        spaces.add(LeaseKey.DEFAULT_SPACE);
        pools.forEach(p -> spaces.add(p.space()));
        if (query.ciaddrInt() != 0) {
            return Optional.of(byAddress(query, pools, spaces, serverId, now));
        }
        Optional<byte[]> clientId = query.options().bytes(CLIENT_ID).filter(b -> b.length > 0);
        if (clientId.isPresent()) {
            ClientKey key = ClientKey.ofClientId(clientId.get());
            List<Lease> leases = new ArrayList<>();
            spaces.forEach(s -> leases.addAll(store.leasesOfClient(s, key)));
            return Optional.of(byClient(By.CLIENT_ID, query, leases, serverId, now));
        }
        int hlen = Math.min(query.hlen(), 16);
        byte[] chaddr = Arrays.copyOf(query.chaddr(), hlen);
        if (hlen == 0 || allZero(chaddr)) {
            return Optional.empty();
        }
        HardwareAddress hw = new HardwareAddress(query.htype(), chaddr);
        Set<Lease> leases = new LinkedHashSet<>();
        for (LeaseKey k : byHardware.apply(hw)) {
            store.get(k).filter(l -> hw.equals(l.hardware())).ifPresent(leases::add);
        }
        ClientKey asKey = ClientKey.ofHardware(query.htype(), chaddr);
        spaces.forEach(s -> leases.addAll(store.leasesOfClient(s, asKey)));
        return Optional.of(byClient(By.MAC, query, new ArrayList<>(leases), serverId, now));
    }

    private Answer byAddress(DhcpMessage query, List<PoolInfo> pools, Set<String> spaces,
            Optional<Inet4Address> serverId, long now) {
        Inet4Address ip = query.ciaddr();
        List<Lease> found = new ArrayList<>();
        for (String s : spaces) {
            store.get(new LeaseKey(s, ip)).ifPresent(found::add);
        }
        Optional<Lease> active = found.stream().filter(l -> isActive(l, now))
                .max(Comparator.comparingLong(Lease::startEpochSecond));
        if (active.isPresent()) {
            return new Answer(By.IP, LEASEACTIVE, active(query, active.get(), List.of(), false, serverId, now));
        }
        boolean ours = !found.isEmpty() || pools.stream().anyMatch(p -> p.contains(ip));
        MessageType type = ours ? LEASEUNASSIGNED : LEASEUNKNOWN;
        return new Answer(By.IP, type, base(query, type, serverId).ciaddr(ip).build());
    }

    private Answer byClient(By by, DhcpMessage query, List<Lease> leases, Optional<Inet4Address> serverId, long now) {
        List<Lease> active = leases.stream().filter(l -> isActive(l, now))
                .sorted(Comparator.comparingLong(Lease::startEpochSecond).reversed()).toList();
        if (!active.isEmpty()) {
            List<Inet4Address> associated = active.stream().limit(MAX_ASSOCIATED).map(l -> l.key().address()).toList();
            return new Answer(by, LEASEACTIVE,
                    active(query, active.get(0), associated, by == By.CLIENT_ID, serverId, now));
        }
        Optional<Lease> last = leases.stream().max(Comparator.comparingLong(Lease::endEpochSecond));
        if (last.isPresent()) {
            // like ISC dhcpd: the client's most recent address, in ciaddr, is no longer leased to it
            return new Answer(by, LEASEUNASSIGNED,
                    base(query, LEASEUNASSIGNED, serverId).ciaddr(last.get().key().address()).build());
        }
        return new Answer(by, LEASEUNKNOWN, base(query, LEASEUNKNOWN, serverId).build());
    }

    /**
     * DHCPLEASEACTIVE: the lease's address, client, times (relative to now), and relay information.
     * Option 61 goes in when the client sent one; a key of {@code 01} + MAC may be either, so a query
     * by client identifier always gets it back.
     */
    private static DhcpMessage active(DhcpMessage query, Lease lease, List<Inet4Address> associated,
            boolean byClientId, Optional<Inet4Address> serverId, long now) {
        DhcpMessage.Builder b = base(query, LEASEACTIVE, serverId).ciaddr(lease.key().address());
        if (lease.hardware() != null) {
            b.hardwareAddress(lease.hardware());
        }
        long end = lease.endEpochSecond();
        if (end == Lease.NEVER) {
            b.option(DhcpOption.ofUint32(51, 0xFFFFFFFFL));
        } else {
            long duration = Math.max(0, end - lease.startEpochSecond());
            b.option(DhcpOption.ofUint32(51, clamp(end - now)));
            long t1 = lease.startEpochSecond() + duration / 2;
            long t2 = lease.startEpochSecond() + duration * 7 / 8;
            if (t1 > now) {
                b.option(DhcpOption.ofUint32(58, clamp(t1 - now)));
            }
            if (t2 > now) {
                b.option(DhcpOption.ofUint32(59, clamp(t2 - now)));
            }
        }
        if (lease.client() != null && (byClientId || !isHardwareKey(lease))) {
            b.option(DhcpOption.of(CLIENT_ID, lease.client().bytes()));
        }
        b.option(DhcpOption.ofUint32(CLIENT_LAST_TRANSACTION_TIME, clamp(now - lease.startEpochSecond())));
        if (!associated.isEmpty()) {
            b.option(DhcpOption.ofAddresses(ASSOCIATED_IP, associated));
        }
        if (lease.relayAgentInfoLength() > 0) {
            b.option(DhcpOption.of(RELAY_AGENT_INFORMATION, lease.relayAgentInfo()));
        }
        return b.build();
    }

    /** A reply to {@code query}: same xid, flags, giaddr and hardware fields, the type and server id. */
    private static DhcpMessage.Builder base(DhcpMessage query, MessageType type, Optional<Inet4Address> serverId) {
        DhcpMessage.Builder b = DhcpMessage.builder().op(DhcpMessage.BOOTREPLY).htype(query.htype())
                .hlen(query.hlen()).xid(query.xid()).flags(query.flags()).giaddr(query.giaddrInt())
                .chaddr(query.chaddr()).messageType(type);
        serverId.ifPresent(id -> b.option(DhcpOption.ofAddress(54, id)));
        return b;
    }

    /** Whether the lease's client key is just its hardware address (the client sent no option 61). */
    private static boolean isHardwareKey(Lease l) {
        return l.hardware() != null
                && l.client().equals(ClientKey.ofHardware(l.hardware().htype(), l.hardware().bytes()));
    }

    private static boolean isActive(Lease l, long now) {
        return l.state() == LeaseState.ACTIVE && !l.endedAt(now);
    }

    private static long clamp(long seconds) {
        return Math.max(0, Math.min(0xFFFFFFFEL, seconds));
    }

    private static boolean allZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }
}
