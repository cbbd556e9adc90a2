package org.leasehold.failover.internal.wire;

import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.leasehold.api.codec.DecodeException;

/**
 * The content of a binding update (BNDUPD), as ISC dhcpd 4.4 sends it: the address, its binding
 * status, the client (client identifier and/or hardware address as ISC keeps it: the hardware type
 * byte, then the address), and the times, all in seconds since the epoch. Immutable.
 *
 * @param address         assigned-IP-address, required
 * @param status          binding-status, required
 * @param clientId        client-identifier bytes, null when absent
 * @param chaddr          client-hardware-address (type byte + address), null when absent
 * @param expiry          lease-expiration-time (0 when absent)
 * @param potentialExpiry potential-expiration-time (0 when absent)
 * @param stos            start-time-of-state (0 when absent)
 * @param cltt            client-last-transaction-time (0 when absent)
 * @param ipFlags         IP-flags (0 when absent)
 */
public record Binding(Inet4Address address, BindingStatus status, byte[] clientId, byte[] chaddr, long expiry,
        long potentialExpiry, long stos, long cltt, int ipFlags) {

    public Binding {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(status, "status");
        // an empty option says nothing: ISC keeps no zero-length uid or hardware address either
        clientId = clientId == null || clientId.length == 0 ? null : clientId.clone();
        chaddr = chaddr == null || chaddr.length == 0 ? null : chaddr.clone();
    }

    /** Reads a BNDUPD (or a BNDACK that echoes one); fails when the address or status is missing. */
    public static Binding from(FailoverMessage m) throws DecodeException {
        FailoverOption ip = m.option(OptionCode.ASSIGNED_IP_ADDRESS)
                .orElseThrow(() -> new DecodeException(FailoverMessage.HEADER, m.type() + " without "
                        + OptionCode.ASSIGNED_IP_ADDRESS));
        FailoverOption st = m.option(OptionCode.BINDING_STATUS)
                .orElseThrow(() -> new DecodeException(FailoverMessage.HEADER, m.type() + " without "
                        + OptionCode.BINDING_STATUS));
        return new Binding(ip.address(), BindingStatus.valueOf((int) st.number()),
                m.option(OptionCode.CLIENT_IDENTIFIER).map(FailoverOption::value).orElse(null),
                m.option(OptionCode.CHADDR).map(FailoverOption::value).orElse(null),
                m.number(OptionCode.LEASE_EXPIRY).orElse(0L), m.number(OptionCode.POTENTIAL_EXPIRY).orElse(0L),
                m.number(OptionCode.STOS).orElse(0L), m.number(OptionCode.CLTT).orElse(0L),
                m.number(OptionCode.IP_FLAGS).orElse(0L).intValue());
    }

    /** The BNDUPD carrying this binding, options in ISC's order. */
    public FailoverMessage toMessage(long time, long xid) {
        List<FailoverOption> o = new ArrayList<>();
        o.add(FailoverOption.address(OptionCode.ASSIGNED_IP_ADDRESS, address));
        o.add(FailoverOption.uint8(OptionCode.BINDING_STATUS, status.code()));
        if (clientId != null && clientId.length > 0) {
            o.add(FailoverOption.of(OptionCode.CLIENT_IDENTIFIER, clientId));
        }
        if (chaddr != null && chaddr.length > 0) {
            o.add(FailoverOption.of(OptionCode.CHADDR, chaddr));
        }
        o.add(FailoverOption.uint32(OptionCode.LEASE_EXPIRY, expiry));
        o.add(FailoverOption.uint32(OptionCode.POTENTIAL_EXPIRY, potentialExpiry));
        o.add(FailoverOption.uint32(OptionCode.STOS, stos));
        if (cltt != 0) {
            o.add(FailoverOption.uint32(OptionCode.CLTT, cltt));
        }
        if (ipFlags != 0) {
            o.add(FailoverOption.uint16(OptionCode.IP_FLAGS, ipFlags));
        }
        return FailoverMessage.of(MessageType.BNDUPD, time, xid, o);
    }

    @Override
    public byte[] clientId() {
        return clientId == null ? null : clientId.clone();
    }

    @Override
    public byte[] chaddr() {
        return chaddr == null ? null : chaddr.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Binding b && address.equals(b.address) && status.equals(b.status)
                && Arrays.equals(clientId, b.clientId) && Arrays.equals(chaddr, b.chaddr) && expiry == b.expiry
                && potentialExpiry == b.potentialExpiry && stos == b.stos && cltt == b.cltt && ipFlags == b.ipFlags;
    }

    @Override
    public int hashCode() {
        return Objects.hash(address, status, Arrays.hashCode(clientId), Arrays.hashCode(chaddr), expiry,
                potentialExpiry, stos, cltt, ipFlags);
    }

    @Override
    public String toString() {
        HexFormat h = HexFormat.ofDelimiter(":");
        return "Binding[" + address.getHostAddress() + " " + status + (clientId == null ? "" : " uid=" + h.formatHex(clientId))
                + (chaddr == null ? "" : " hw=" + h.formatHex(chaddr)) + " ends=" + expiry + " tstp=" + potentialExpiry
                + " stos=" + stos + (cltt == 0 ? "" : " cltt=" + cltt) + (ipFlags == 0 ? "" : " flags=" + ipFlags) + "]";
    }
}
