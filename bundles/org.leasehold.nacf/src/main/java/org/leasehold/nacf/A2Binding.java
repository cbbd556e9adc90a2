package org.leasehold.nacf;

import java.net.Inet4Address;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * An IP context: which CPE holds which address, and where it is attached. Immutable ({@code mac} is
 * copied in and out). Text fields are {@code ""} when unknown.
 *
 * @param address       the CPE's IP address, required
 * @param realm         the address realm (IP addressing zone): the address space of overlapping pools
 * @param topologyZone  the topology zone (the subnet the address was given from)
 * @param circuitId     the circuit-id / CLID as the Option 82 rules rebuilt it
 * @param remoteId      the remote-id as the Option 82 rules rebuilt it
 * @param networkType   the access network type (e.g. {@code dsl}, {@code ethernet})
 * @param mac           the CPE's hardware address, empty when unknown
 * @param startEpochSecond lease start, seconds since the epoch; 0 when unknown
 * @param endEpochSecond   lease end; {@link Long#MAX_VALUE} for a lease that never ends; 0 when unknown
 */
public record A2Binding(Inet4Address address, String realm, String topologyZone, String circuitId, String remoteId,
        String networkType, byte[] mac, long startEpochSecond, long endEpochSecond) {

    public A2Binding {
        Objects.requireNonNull(address, "address");
        realm = Objects.requireNonNullElse(realm, "");
        topologyZone = Objects.requireNonNullElse(topologyZone, "");
        circuitId = Objects.requireNonNullElse(circuitId, "");
        remoteId = Objects.requireNonNullElse(remoteId, "");
        networkType = Objects.requireNonNullElse(networkType, "");
        mac = mac == null ? new byte[0] : mac.clone();
    }

    /** Only an address and realm: what a pull request carries. */
    public static A2Binding of(Inet4Address address, String realm) {
        return new A2Binding(address, realm, "", "", "", "", null, 0, 0);
    }

    @Override
    public byte[] mac() {
        return mac.clone();
    }

    /** The MAC as {@code aa:bb:cc:dd:ee:ff}, {@code ""} when unknown. */
    public String macText() {
        return HexFormat.ofDelimiter(":").formatHex(mac);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof A2Binding b && address.equals(b.address) && realm.equals(b.realm)
                && topologyZone.equals(b.topologyZone) && circuitId.equals(b.circuitId) && remoteId.equals(b.remoteId)
                && networkType.equals(b.networkType) && Arrays.equals(mac, b.mac)
                && startEpochSecond == b.startEpochSecond && endEpochSecond == b.endEpochSecond;
    }

    @Override
    public int hashCode() {
        return Objects.hash(address, realm, circuitId, remoteId, Arrays.hashCode(mac), startEpochSecond);
    }

    @Override
    public String toString() {
        return "ip=" + address.getHostAddress() + " realm=" + realm + " topology-zone=" + topologyZone
                + " circuit-id=" + circuitId + " remote-id=" + remoteId + " network-type=" + networkType
                + " mac=" + macText() + " start=" + startEpochSecond
                + " end=" + (endEpochSecond == Long.MAX_VALUE ? "never" : Long.toString(endEpochSecond));
    }
}
