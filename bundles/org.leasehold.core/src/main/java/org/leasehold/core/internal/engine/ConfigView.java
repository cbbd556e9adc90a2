package org.leasehold.core.internal.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.leasehold.api.message.DhcpMessage;
import org.leasehold.api.message.DhcpOption;
import org.leasehold.api.message.DhcpOptions;
import org.leasehold.core.internal.classify.Classification;
import org.leasehold.core.internal.classify.Classifier;
import org.leasehold.core.internal.config.DhcpConfig;
import org.leasehold.core.internal.config.HostDecl;
import org.leasehold.core.internal.config.OptionSetting;
import org.leasehold.core.internal.config.Params;
import org.leasehold.core.internal.config.PoolDecl;
import org.leasehold.core.internal.config.SubnetDecl;

/**
 * What the engine asks of a parsed dhcpd.conf: subnets by address, classification, and the
 * parameters and options in force for one client, merged with ISC's precedence (global, then
 * shared-network, subnet, pool, classes, host; a more specific scope wins). Immutable; one per
 * loaded configuration, shared by all packets.
 */
public final class ConfigView {

    private final DhcpConfig config;
    private final Classifier classifier;

    public ConfigView(DhcpConfig config) {
        this.config = config;
        this.classifier = new Classifier(config);
    }

    /** Classes, lease limits, class parameters and host declaration of a message. Never blocks. */
    public Classification classify(DhcpMessage message, byte[] raw) {
        return classifier.classify(new MessageView(message, raw));
    }

    public DhcpConfig config() {
        return config;
    }

    /** The subnet that contains {@code address} (the longest prefix when several do). */
    public Optional<SubnetDecl> subnetContaining(long address) {
        SubnetDecl best = null;
        for (SubnetDecl s : config.subnets()) {
            if (s.contains(address) && (best == null || s.prefixLength() > best.prefixLength())) {
                best = s;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The subnets on the same link as {@code subnet} (its shared-network), itself first. */
    public List<SubnetDecl> link(SubnetDecl subnet) {
        List<SubnetDecl> out = new ArrayList<>(List.of(subnet));
        for (SubnetDecl s : config.linkOf(subnet)) {
            if (!s.id().equals(subnet.id())) {
                out.add(s);
            }
        }
        return out;
    }

    /** The scopes in force, least specific first. Any part may be absent (an INFORM has no pool). */
    public List<Params> scopes(Optional<SubnetDecl> subnet, Optional<PoolDecl> pool, List<Params> classes,
            Optional<HostDecl> host) {
        List<Params> out = new ArrayList<>();
        out.add(config.global());
        subnet.ifPresent(s -> {
            s.sharedNetwork().flatMap(config::sharedNetwork).ifPresent(sn -> {
                out.addAll(sn.groups());
                out.add(sn.params());
            });
            out.addAll(s.groups());
            out.add(s.params());
        });
        pool.ifPresent(p -> out.add(p.params()));
        out.addAll(classes);
        host.ifPresent(h -> {
            out.addAll(h.groups());
            out.add(h.params());
        });
        return out;
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
    public static DhcpOptions options(List<Params> scopes) {
        Map<Integer, DhcpOption> merged = new LinkedHashMap<>();
        for (Params p : scopes) {
            for (OptionSetting o : p.options()) {
                if ("dhcp".equals(o.option().space())) {
                    merged.put(o.option().code(), DhcpOption.of(o.option().code(), o.value().toArray()));
                }
            }
        }
        return DhcpOptions.of(List.copyOf(merged.values()));
    }
}
