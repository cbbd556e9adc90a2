package org.leasehold.core.internal.engine;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.RandomAccess;
import org.leasehold.api.message.DhcpMessage;
import org.leasehold.api.message.DhcpOption;
import org.leasehold.api.message.DhcpOptions;
import org.leasehold.core.internal.classify.Classification;
import org.leasehold.core.internal.classify.Classifier;
import org.leasehold.core.internal.config.DhcpConfig;
import org.leasehold.core.internal.config.HostDecl;
import org.leasehold.core.internal.value.Ipv4;
import org.leasehold.core.internal.config.OptionSetting;
import org.leasehold.core.internal.config.Params;
import org.leasehold.core.internal.expr.PacketView;
import org.leasehold.core.internal.expr.ScopedPacketView;
import org.leasehold.core.internal.value.Bytes;
import org.leasehold.core.internal.config.PoolDecl;
import org.leasehold.core.internal.config.SharedNetworkDecl;
import org.leasehold.core.internal.config.SubnetDecl;
import org.leasehold.core.internal.config.SpaceLayout;
import org.leasehold.core.internal.config.VendorOptionParser;
import java.util.Locale;
import java.util.function.BiFunction;

/**
 * What the engine asks of a parsed dhcpd.conf: subnets by address, classification, and the
 * parameters and options in force for one client, merged with ISC's precedence (global, then
 * shared-network, subnet, pool, classes, host; a more specific scope wins). Immutable; one per
 * loaded configuration, shared by all packets.
 */
public final class ConfigView {

    /**
     * Merged option sets kept per scope chain. Every Params in a chain comes from the parsed file, so
     * the distinct chains are bounded by the configuration; past this many (say, one per host of a
     * large host list) the rest are merged on each call instead of kept.
     */
    private static final int OPTION_CACHE_LIMIT = 4096;

    private final DhcpConfig config;
    private final Classifier classifier;
    private final Map<String, SubnetDecl> subnetsById;
    private final Map<String, List<SubnetDecl>> links = new HashMap<>();
    /** Prefix lengths in use, longest first, each with its subnets by network address. */
    private final int[] prefixLengths;
    private final List<Map<Long, SubnetDecl>> byPrefix = new ArrayList<>();
    private final ConcurrentHashMap<ScopeChain, DhcpOptions> optionCache = new ConcurrentHashMap<>();

    public ConfigView(DhcpConfig config) {
        this.config = config;
        this.classifier = new Classifier(config);
        this.subnetsById = config.subnetsById();
        TreeMap<Integer, Map<Long, SubnetDecl>> prefixes = new TreeMap<>(Comparator.reverseOrder());
        // subnets by shared-network in one pass (DhcpConfig.linkOf per subnet would scan them all each time)
        Map<String, List<SubnetDecl>> shared = new HashMap<>();
        for (SubnetDecl s : config.subnets()) {
            s.sharedNetwork().ifPresent(n -> shared.computeIfAbsent(n, k -> new ArrayList<>()).add(s));
        }
        for (SubnetDecl s : config.subnets()) {
            List<SubnetDecl> link = new ArrayList<>(List.of(s));
            for (SubnetDecl other : s.sharedNetwork().map(shared::get).orElse(List.of())) {
                if (!other.id().equals(s.id())) {
                    link.add(other);
                }
            }
            links.put(s.id(), List.copyOf(link));
            // the first declaration of a network wins, as the linear search did
            prefixes.computeIfAbsent(s.prefixLength(), k -> new HashMap<>()).putIfAbsent(s.network(), s);
        }
        this.prefixLengths = prefixes.keySet().stream().mapToInt(Integer::intValue).toArray();
        byPrefix.addAll(prefixes.values());
    }

    /** Classes, lease limits, class parameters and host declaration of a message. Never blocks. */
    public Classification classify(DhcpMessage message, byte[] raw) {
        return classifier.classify(new MessageView(message, raw));
    }

    /** As {@link #classify(DhcpMessage, byte[])}, with the pipeline attributes handlers put so far. */
    public Classification classify(DhcpMessage message, byte[] raw, org.leasehold.api.pipeline.PacketContext ctx) {
        return classifier.classify(new MessageView(message, raw, ctx));
    }

    public DhcpConfig config() {
        return config;
    }

    /** The subnet that contains {@code address} (the longest prefix when several do). */
    public Optional<SubnetDecl> subnetContaining(long address) {
        // one hash lookup per prefix length in use, longest first: cost independent of the subnet count
        for (int i = 0; i < prefixLengths.length; i++) {
            SubnetDecl s = byPrefix.get(i).get(address & Ipv4.mask(prefixLengths[i]));
            if (s != null) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** The subnet declared with this id ("198.51.100.0/24"). */
    public Optional<SubnetDecl> subnet(String id) {
        return Optional.ofNullable(subnetsById.get(id));
    }

    /** The subnets on the same link as {@code subnet} (its shared-network), itself first. */
    public List<SubnetDecl> link(SubnetDecl subnet) {
        List<SubnetDecl> link = links.get(subnet.id());
        return link != null ? link : List.of(subnet);
    }

    /**
     * The scopes in force, least specific first, each as it applies to {@code packet}: a scope's
     * {@code if} statements and computed options ({@code option NAME = EXPR}) are evaluated against
     * the client's message as classified. Any part may be absent (an INFORM has no pool).
     *
     * @param packet the classified message ({@link org.leasehold.core.internal.classify.Classification#view}),
     *               or null to leave conditionals and computed options out
     */
    public List<Params> scopes(Optional<SubnetDecl> subnet, Optional<PoolDecl> pool, List<Params> classes,
            Optional<HostDecl> host, PacketView packet) {
        List<Params> out = new ArrayList<>(8 + classes.size());
        out.add(config.global());
        subnet.ifPresent(s -> {
            // innermost wins: groups around the shared-network, the shared-network, groups inside it, the subnet
            int outer = 0;
            Optional<SharedNetworkDecl> net = s.sharedNetwork().flatMap(config::sharedNetwork);
            if (net.isPresent()) {
                out.addAll(net.get().groups());
                out.add(net.get().params());
                outer = net.get().groups().size();
            }
            List<Params> groups = s.groups();
            for (int i = Math.min(outer, groups.size()); i < groups.size(); i++) {
                out.add(groups.get(i));
            }
            out.add(s.params());
        });
        pool.ifPresent(p -> out.add(p.params()));
        out.addAll(classes);
        host.ifPresent(h -> {
            out.addAll(h.groups());
            out.add(h.params());
        });
        if (packet == null || !anyDependsOnPacket(out)) {
            return out;
        }
        List<Params> resolved = new ArrayList<>(out.size());
        PacketView scoped = new ScopedPacketView(packet, (space, code) -> written(out, space, code),
                vendorSuboptions(out, packet));
        for (Params p : out) {
            resolved.add(p.resolve(scoped));
        }
        return new PacketScopes(resolved);
    }

    /**
     * The value the chain's written options give (space, code), the most specific scope and within
     * it the last statement winning: what ISC's {@code config-option} reads. Computed options and
     * conditionals are not consulted, so an expression cannot read its own result.
     */
    private static Optional<Bytes> written(List<Params> scopes, String space, int code) {
        for (int i = scopes.size() - 1; i >= 0; i--) {
            List<OptionSetting> options = scopes.get(i).options();
            for (int j = options.size() - 1; j >= 0; j--) {
                OptionSetting o = options.get(j);
                if (o.option().code() == code && o.option().space().equals(space)) {
                    return Optional.of(o.value());
                }
            }
        }
        return Optional.empty();
    }

    /**
     * ISC {@code parse-vendor-option} (an action of the chain's scopes): the client's option 43 read as
     * sub-options of the {@code vendor-option-space} in force, so {@code option SPACE.NAME} sees what the
     * client sent. Nothing when the chain does not say it, or names no declared space.
     */
    private BiFunction<String, Integer, Optional<Bytes>> vendorSuboptions(List<Params> scopes, PacketView packet) {
        if (!flag(scopes, "parse-vendor-option").orElse(false)) {
            return (space, code) -> Optional.empty();
        }
        Optional<String> name = text(scopes, "vendor-option-space").map(n -> n.replace("\"", "").toLowerCase(Locale.ROOT));
        Optional<SpaceLayout> layout = name.flatMap(n -> config.options().space(n));
        Optional<Bytes> data = packet.option("dhcp", 43);
        if (layout.isEmpty() || data.isEmpty()) {
            return (space, code) -> Optional.empty();
        }
        Map<Long, Bytes> sub = VendorOptionParser.parse(layout.get(), data.get());
        return (space, code) -> space.equals(name.get()) ? Optional.ofNullable(sub.get((long) code)) : Optional.empty();
    }

    private static boolean anyDependsOnPacket(List<Params> scopes) {
        for (int i = 0; i < scopes.size(); i++) {
            if (scopes.get(i).dependsOnPacket()) {
                return true;
            }
        }
        return false;
    }

    /** Scopes of which some were resolved for one packet: their options are merged anew, never cached. */
    /** True when {@code scopes} came from {@link #scopes} evaluated against a packet (their values depend on it). */
    static boolean packetDependent(List<Params> scopes) {
        return scopes instanceof PacketScopes;
    }

    private static final class PacketScopes extends AbstractList<Params> implements RandomAccess {
        private final List<Params> scopes;

        PacketScopes(List<Params> scopes) {
            this.scopes = scopes;
        }

        @Override
        public Params get(int index) {
            return scopes.get(index);
        }

        @Override
        public int size() {
            return scopes.size();
        }
    }

    /** A numeric parameter, the most specific scope winning. */
    public static Optional<Long> number(List<Params> scopes, String name) {
        for (int i = scopes.size() - 1; i >= 0; i--) {
            Optional<Long> v = scopes.get(i).number(name);
            if (v.isPresent()) {
                return v;
            }
        }
        return Optional.empty();
    }

    /** A parameter's text, the most specific scope winning. */
    public static Optional<String> text(List<Params> scopes, String name) {
        for (int i = scopes.size() - 1; i >= 0; i--) {
            var p = scopes.get(i).parameter(name);
            if (p.isPresent()) {
                return Optional.of(p.get().value());
            }
        }
        return Optional.empty();
    }

    /** A boolean parameter ("true"/"on"/"false"/"off"), the most specific scope winning. */
    public static Optional<Boolean> flag(List<Params> scopes, String name) {
        return text(scopes, name).map(v -> v.equalsIgnoreCase("true") || v.equalsIgnoreCase("on")
                || v.equalsIgnoreCase("allow") || v.equalsIgnoreCase("yes"));
    }

    /** The standard ("dhcp" space) options in force, in first-configured order, later scopes replacing. */
    public DhcpOptions options(List<Params> scopes) {
        if (scopes instanceof PacketScopes) {
            return OptionMerge.merge(scopes, config.options());
        }
        ScopeChain key = new ScopeChain(scopes.toArray(new Params[0]));
        DhcpOptions cached = optionCache.get(key);
        if (cached != null) {
            return cached;
        }
        DhcpOptions merged = OptionMerge.merge(scopes, config.options());
        if (optionCache.size() < OPTION_CACHE_LIMIT) {
            optionCache.put(key, merged);
        }
        return merged;
    }

    /** A list of scopes compared by identity: a configuration's Params are shared by all packets. */
    private record ScopeChain(Params[] scopes) {
        @Override
        public boolean equals(Object o) {
            if (!(o instanceof ScopeChain other) || other.scopes.length != scopes.length) {
                return false;
            }
            for (int i = 0; i < scopes.length; i++) {
                if (scopes[i] != other.scopes[i]) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int hashCode() {
            int h = 1;
            for (Params p : scopes) {
                h = 31 * h + System.identityHashCode(p);
            }
            return h;
        }
    }

    /** The options of a chain with the standard definitions (no user-declared spaces). */
    static DhcpOptions mergeOptions(List<Params> scopes) {
        return OptionMerge.merge(scopes, org.leasehold.core.internal.config.OptionResolvers.standard());
    }
}
