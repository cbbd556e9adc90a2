package org.leasehold.core.internal.transport;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One {@code listen} entry of the core configuration, resolved against the host's interfaces:
 * an IPv4 address (served on the interface that owns it), an interface name, or {@code 0.0.0.0}
 * (every interface). Immutable.
 *
 * @param text      the entry as configured
 * @param address   the configured address, empty for an interface name or the wildcard
 * @param ifname    the interface the entry serves, empty for the wildcard or an address no
 *                  interface owns (e.g. before the interface is up)
 * @param addresses the IPv4 addresses the entry answers as: the configured address, or every
 *                  address of the interface; the first is the default server identifier
 * @param loopback  whether the entry is on a loopback interface (local tools only)
 */
public record ListenSpec(String text, Optional<Inet4Address> address, Optional<String> ifname,
        List<Inet4Address> addresses, boolean loopback) {

    public ListenSpec {
        addresses = List.copyOf(addresses);
    }

    public boolean wildcard() {
        return address.map(Inet4Address::isAnyLocalAddress).orElse(ifname.isEmpty());
    }

    /**
     * Resolves one entry.
     *
     * @throws IllegalArgumentException when it is neither an IPv4 address nor an existing interface
     */
    public static ListenSpec resolve(String entry) {
        String text = entry.trim();
        try {
            if (text.matches("\\d+\\.\\d+\\.\\d+\\.\\d+")) {
                return ofAddress(text, (Inet4Address) InetAddress.getByName(text));
            }
            NetworkInterface nif = NetworkInterface.getByName(text);
            if (nif == null) {
                throw new IllegalArgumentException("listen entry '" + text + "' is neither an IPv4 address nor an interface");
            }
            return new ListenSpec(text, Optional.empty(), Optional.of(nif.getName()), ipv4(nif), nif.isLoopback());
        } catch (SocketException | UnknownHostException e) {
            throw new IllegalArgumentException("listen entry '" + text + "': " + e.getMessage(), e);
        }
    }

    /**
     * Refuses entries whose sockets would overlap: {@code 0.0.0.0} already serves every interface, so
     * another entry beside it would receive the same datagrams twice (or fail to bind).
     *
     * @throws IllegalArgumentException naming the entries
     */
    public static void checkDisjoint(List<ListenSpec> specs) {
        if (specs.size() > 1 && specs.stream().anyMatch(ListenSpec::wildcard)) {
            throw new IllegalArgumentException("org.leasehold.core listen: 0.0.0.0 serves every interface and cannot be"
                    + " combined with other entries (" + String.join(", ", specs.stream().map(ListenSpec::text).toList())
                    + ")");
        }
    }

    private static ListenSpec ofAddress(String text, Inet4Address a) throws SocketException {
        if (a.isAnyLocalAddress()) {
            return new ListenSpec(text, Optional.of(a), Optional.empty(), allNonLoopback(), false);
        }
        NetworkInterface nif = NetworkInterface.getByInetAddress(a);
        Optional<String> name = nif == null ? Optional.empty() : Optional.of(nif.getName());
        boolean lo = a.isLoopbackAddress() || (nif != null && nif.isLoopback());
        return new ListenSpec(text, Optional.of(a), name, List.of(a), lo);
    }

    private static List<Inet4Address> ipv4(NetworkInterface nif) {
        List<Inet4Address> out = new ArrayList<>();
        for (InetAddress a : Collections.list(nif.getInetAddresses())) {
            if (a instanceof Inet4Address v4) {
                out.add(v4);
            }
        }
        return out;
    }

    private static List<Inet4Address> allNonLoopback() throws SocketException {
        List<Inet4Address> out = new ArrayList<>();
        for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nif.isLoopback() && nif.isUp()) {
                out.addAll(ipv4(nif));
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return text + ifname.map(n -> " on " + n.toLowerCase(Locale.ROOT)).orElse("");
    }
}
