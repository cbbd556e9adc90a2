package org.leasehold.core.internal.classify;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.leasehold.core.internal.config.ClassDecl;
import org.leasehold.core.internal.config.DhcpConfig;
import org.leasehold.core.internal.config.HostDecl;
import org.leasehold.core.internal.config.Params;
import org.leasehold.core.internal.config.SubclassDecl;
import org.leasehold.core.internal.value.Bytes;
import org.leasehold.core.internal.expr.Expr;
import org.leasehold.core.internal.expr.OptionRef;
import org.leasehold.core.internal.expr.PacketView;
import org.leasehold.core.internal.expr.Value;

/**
 * Puts a message into the configuration's classes: {@code match if}, {@code match} with subclass
 * lookup, {@code spawn with} (one subclass "C:value" per distinct value, e.g. per circuit-id), and
 * finds the matching host declaration (by client-id, then hardware). Built once per configuration;
 * immutable and thread-safe; classification never blocks.
 */
public final class Classifier {

    private final List<ClassDecl> classes;
    private final Map<String, Map<Bytes, SubclassDecl>> subclasses = new HashMap<>();
    private final Map<Bytes, HostDecl> hostsByClientId = new HashMap<>();
    private final Map<Bytes, HostDecl> hostsByHardware = new HashMap<>();
    /** Hosts with {@code host-identifier option}: by option (space, code), then by the value. */
    private final Map<OptionRef, Map<Bytes, HostDecl>> hostsByOption = new LinkedHashMap<>();

    public Classifier(DhcpConfig config) {
        this.classes = config.classes();
        for (SubclassDecl s : config.subclasses()) {
            subclasses.computeIfAbsent(s.className(), k -> new HashMap<>()).putIfAbsent(s.value(), s);
        }
        for (HostDecl h : config.hosts()) {
            h.clientId().ifPresent(id -> hostsByClientId.putIfAbsent(id, h));
            h.hardware().ifPresent(hw -> hostsByHardware.putIfAbsent(hw, h));
            h.identifier().ifPresent(o -> hostsByOption.computeIfAbsent(o.option(), k -> new HashMap<>())
                    .putIfAbsent(o.value(), h));
        }
    }

    /**
     * The host declaration for the client: by option 61 first, then by htype+chaddr, then by a
     * {@code host-identifier option} (ISC's order: find_hosts_by_uid, _by_haddr, _by_option).
     */
    public Optional<HostDecl> findHost(PacketView packet) {
        Optional<Bytes> clientId = packet.option("dhcp", 61);
        if (clientId.isPresent() && hostsByClientId.containsKey(clientId.get())) {
            return Optional.of(hostsByClientId.get(clientId.get()));
        }
        HostDecl byHardware = hostsByHardware.get(packet.hardware());
        if (byHardware != null || hostsByOption.isEmpty()) {
            return Optional.ofNullable(byHardware);
        }
        for (var e : hostsByOption.entrySet()) {
            Optional<Bytes> v = packet.option(e.getKey().space(), e.getKey().code());
            if (v.isPresent() && e.getValue().containsKey(v.get())) {
                return Optional.of(e.getValue().get(v.get()));
            }
        }
        return Optional.empty();
    }

    public Classification classify(PacketView packet) {
        Optional<HostDecl> host = findHost(packet);
        Set<String> names = new LinkedHashSet<>();
        List<ClassLimit> limits = new ArrayList<>();
        List<Params> classParams = new ArrayList<>();
        List<Params> subclassParams = new ArrayList<>();
        // Classes see the memberships decided before them, as ISC evaluates in declaration order.
        PacketView view = new ClassifyingView(packet, names, host.isPresent());
        for (ClassDecl c : classes) {
            Member m = membership(c, view);
            if (m == null) {
                continue;
            }
            names.add(c.name());
            classParams.add(c.params());
            if (m.subclassName() != null) {
                names.add(m.subclassName());
                subclassParams.add(m.subclassParams());
                limit(m.subclassLimit().isPresent() ? m.subclassLimit() : c.leaseLimit())
                        .ifPresent(n -> limits.add(new ClassLimit(m.subclassName(), n)));
            } else {
                limit(c.leaseLimit()).ifPresent(n -> limits.add(new ClassLimit(c.name(), n)));
            }
        }
        classParams.addAll(subclassParams);
        return new Classification(names, limits, classParams, host);
    }

    private static Optional<Integer> limit(OptionalInt limit) {
        return limit.isPresent() ? Optional.of(limit.getAsInt()) : Optional.empty();
    }

    private record Member(String subclassName, Params subclassParams, OptionalInt subclassLimit) {
    }

    private Member membership(ClassDecl c, PacketView view) {
        if (c.matchIf().isPresent() && !c.matchIf().get().eval(view).isTrue()) {
            return null;
        }
        Optional<Expr> keyExpr = c.match().or(c::spawnWith);
        if (keyExpr.isEmpty()) {
            return c.matchIf().isPresent() ? new Member(null, null, OptionalInt.empty()) : null;
        }
        Value v = keyExpr.get().eval(view);
        Bytes key = v.dataOrNull();
        if (key == null) {
            // A spawning class whose match-if held still admits the client, just without a subclass.
            return c.matchIf().isPresent() ? new Member(null, null, OptionalInt.empty()) : null;
        }
        SubclassDecl declared = subclasses.getOrDefault(c.name(), Map.of()).get(key);
        if (declared != null) {
            return new Member(declared.name(), declared.params(), declared.leaseLimit());
        }
        if (c.spawnWith().isPresent()) {
            return new Member(c.name() + ":" + key, Params.EMPTY, OptionalInt.empty());
        }
        return c.matchIf().isPresent() ? new Member(null, null, OptionalInt.empty()) : null;
    }
}
