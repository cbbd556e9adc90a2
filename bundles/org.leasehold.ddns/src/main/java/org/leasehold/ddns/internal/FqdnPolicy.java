package org.leasehold.ddns.internal;

import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import org.leasehold.api.codec.DecodeException;
import org.leasehold.api.config.ConfigParameters;
import org.leasehold.api.lease.Lease;
import org.leasehold.api.message.DhcpMessage;
import org.leasehold.api.option.ClientFqdn;
import org.leasehold.ddns.internal.config.DdnsSettings;
import org.leasehold.ddns.internal.config.DdnsSettings.Style;

/**
 * Chooses a client's DNS name and who updates what, from its client FQDN option (RFC 4702), its
 * host-name option and the dhcpd.conf parameters in force for it, as ISC dhcpd 4.4 does:
 * <ul>
 * <li>the host label is {@code ddns-hostname}, else the first label of option 81's name, else of
 * option 12; it is lower-cased and characters other than letters, digits and '-' become '-';</li>
 * <li>the domain is {@code ddns-domainname} (without it the server registers no forward name);</li>
 * <li>with {@code allow client-updates} (the default) a client that clears S updates its own A record
 * and the server only the PTR; one that sets N gets no updates at all; {@code deny client-updates}
 * makes the server update both and answer with O set; {@code ignore client-updates} updates both and
 * answers S=0, as ISC does;</li>
 * <li>a host's fixed address is registered only with {@code update-static-leases on}.</li>
 * </ul>
 * The answer's option 81 keeps the client's encoding (E) and carries the name the server uses.
 * Stateless and thread-safe.
 */
final class FqdnPolicy {

    static final int OPTION_FQDN = 81;
    static final int OPTION_HOST_NAME = 12;
    private static final int MAX_LABEL = 63;
    private static final int MAX_NAME = 253;
    private static final int RCODE_255 = 255;

    /** What the server does for one client. */
    record Decision(String name, Optional<DnsBinding> binding, Optional<ClientFqdn> reply, String why) {
        static Decision none(String why) {
            return new Decision("", Optional.empty(), Optional.empty(), why);
        }
    }

    private FqdnPolicy() {
    }

    /** The client's option 81, if it sent a well-formed one. */
    static Optional<ClientFqdn> clientFqdn(DhcpMessage request) throws DecodeException {
        Optional<byte[]> raw = request.options().bytes(OPTION_FQDN);
        return raw.isEmpty() ? Optional.empty() : Optional.of(ClientFqdn.decode(raw.get()));
    }

    /**
     * Decides for {@code lease} (the lease to commit or offer) of {@code request}'s client.
     *
     * @param fqdn the client's option 81, already decoded
     */
    static Decision decide(DdnsSettings settings, ConfigParameters params, DhcpMessage request,
            Optional<ClientFqdn> fqdn, Lease lease) {
        if (!settings.enabled()) {
            return Decision.none("ddns-update-style none");
        }
        if (!params.flag("ddns-updates").orElse(true)) {
            return Decision.none("ddns-updates off");
        }
        if (lease.pool().isEmpty() && !params.flag("update-static-leases").orElse(false)) {
            return Decision.none("fixed address without update-static-leases");
        }
        String clientUpdates = params.get("client-updates").map(s -> s.toLowerCase(Locale.ROOT)).orElse("allow");
        Optional<String> label = params.get("ddns-hostname").flatMap(FqdnPolicy::label)
                .or(() -> fqdn.flatMap(f -> label(firstLabel(f.name()))))
                .or(() -> request.options().text(OPTION_HOST_NAME).flatMap(h -> label(firstLabel(h))));
        Optional<String> domain = params.get("ddns-domainname").map(DdnsSettings::canonical).filter(d -> !d.isEmpty());
        Optional<String> serverName = label.flatMap(l -> domain.map(d -> l + "." + d)).filter(n -> n.length() <= MAX_NAME);
        String reverseDomain = params.get("ddns-rev-domainname").map(DdnsSettings::canonical).orElse("in-addr.arpa");
        String reverse = reverseName(lease, reverseDomain);

        boolean clientWantsA = fqdn.isPresent() && !fqdn.get().serverUpdates() && !fqdn.get().noUpdates();
        boolean clientWantsNone = fqdn.isPresent() && fqdn.get().noUpdates();
        if (clientUpdates.equals("allow") && clientWantsNone) {
            String n = fqdn.get().name();
            return new Decision(DdnsSettings.canonical(n), Optional.empty(),
                    Optional.of(reply(fqdn.get(), ClientFqdn.FLAG_N, n)), "client asked for no updates (N)");
        }
        if (clientUpdates.equals("allow") && clientWantsA) {
            Optional<String> clientName = fqdn.filter(ClientFqdn::fullyQualified).map(f -> DdnsSettings.canonical(f.name()))
                    .filter(FqdnPolicy::validName).or(() -> serverName);
            if (clientName.isEmpty()) {
                return Decision.none("client updates its A record, but its name is not fully qualified and no"
                        + " ddns-domainname applies");
            }
            DnsBinding b = new DnsBinding(Optional.empty(), clientName, Optional.of(reverse), settings.style(),
                    Optional.empty(), DnsBinding.State.PENDING);
            return new Decision(clientName.get(), Optional.of(b), Optional.of(reply(fqdn.get(), 0, clientName.get())),
                    "client updates A, server PTR");
        }
        if (serverName.isEmpty()) {
            return Decision.none(label.isEmpty() ? "no host name (ddns-hostname, option 81 or 12)"
                    : "no ddns-domainname applies");
        }
        String name = serverName.get();
        ClientIdentity id = ClientIdentity.of(request);
        String identity = settings.style() == Style.INTERIM ? id.interimTxt()
                : Base64.getEncoder().encodeToString(id.dhcid(name));
        DnsBinding b = new DnsBinding(Optional.of(name), Optional.empty(), Optional.of(reverse), settings.style(),
                Optional.of(identity), DnsBinding.State.PENDING);
        Optional<ClientFqdn> reply = fqdn.map(f -> {
            boolean overridden = clientWantsA || clientWantsNone;
            if (clientUpdates.equals("ignore") && overridden) {
                return reply(f, 0, name);
            }
            return reply(f, ClientFqdn.FLAG_S | (overridden ? ClientFqdn.FLAG_O : 0), name);
        });
        return new Decision(name, Optional.of(b), reply, "server updates A and PTR");
    }

    /** The server's option 81: {@code flags} plus the client's E, RCODEs 255, the name in the client's encoding. */
    static ClientFqdn reply(ClientFqdn request, int flags, String name) {
        boolean wire = request.encoded();
        String n = DdnsSettings.canonical(name);
        return new ClientFqdn(flags | (wire ? ClientFqdn.FLAG_E : 0), RCODE_255, RCODE_255, wire ? n + "." : n);
    }

    /** 4.3.2.1 → "1.2.3.4.in-addr.arpa" (with the configured reverse domain). */
    static String reverseName(Lease lease, String reverseDomain) {
        byte[] a = lease.key().address().getAddress();
        return (a[3] & 0xff) + "." + (a[2] & 0xff) + "." + (a[1] & 0xff) + "." + (a[0] & 0xff) + "." + reverseDomain;
    }

    private static String firstLabel(String name) {
        int dot = name.indexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }

    /** A host label made DNS-safe: lower case, other characters as '-', no '-' at either end. */
    static Optional<String> label(String text) {
        StringBuilder b = new StringBuilder();
        for (char c : text.trim().toLowerCase(Locale.ROOT).toCharArray()) {
            b.append((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ? c : '-');
        }
        String s = b.toString().replaceAll("^-+|-+$", "");
        if (s.length() > MAX_LABEL) {
            s = s.substring(0, MAX_LABEL).replaceAll("-+$", "");
        }
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    private static boolean validName(String name) {
        if (name.isEmpty() || name.length() > MAX_NAME) {
            return false;
        }
        for (String l : name.split("\\.", -1)) {
            if (label(l).filter(l::equals).isEmpty()) {
                return false;
            }
        }
        return true;
    }
}
