package org.leasehold.core.internal.engine;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.leasehold.api.message.DhcpOption;
import org.leasehold.api.message.DhcpOptions;
import org.leasehold.core.internal.config.OptionResolver;
import org.leasehold.core.internal.config.OptionSetting;
import org.leasehold.core.internal.config.Params;
import org.leasehold.core.internal.config.SpaceLayout;
import org.leasehold.core.internal.expr.OptionRef;
import org.leasehold.core.internal.value.Bytes;

/**
 * The options one client gets, merged as ISC dhcpd executes its scopes (least specific first):
 * {@code option}/{@code supersede} replace, {@code default} fills only what is unset, {@code append} and
 * {@code prepend} extend. Then the encapsulations: option 43 from the {@code vendor-option-space}, any
 * {@code encapsulate SPACE} option (63, 125 per enterprise through the {@code vendor} space, user
 * definitions) from the options set in its space, and the {@code site-option-space}'s codes 224-254 as
 * top-level options. As in ISC 4.4.3, a value given to the encapsulating option itself is sent as it is,
 * and a space with no option set directly in it yields nothing (so 125 needs one {@code vendor.*} value). Sub-options go out in ISC's order: by its option hash bucket
 * ({@code ((code & 31) + ((code >> 5) & 31)) % 17}), newest first within a bucket. Stateless.
 */
final class OptionMerge {

    /** ISC's OPTION_HASH_SIZE. */
    private static final int BUCKETS = 17;
    /** Option 82 is echoed by the engine and 81 answered by DDNS; neither is built from a space here. */
    private static final List<Integer> NOT_BUILT = List.of(81, 82);

    private OptionMerge() {
    }

    static DhcpOptions merge(List<Params> scopes, OptionResolver resolver) {
        Map<String, LinkedHashMap<Long, Bytes>> spaces = new HashMap<>();
        for (Params p : scopes) {
            for (OptionSetting o : p.options()) {
                LinkedHashMap<Long, Bytes> m = spaces.computeIfAbsent(o.option().space(), k -> new LinkedHashMap<>());
                long code = o.option().code();
                m.put(code, o.applyTo(m.get(code)));
            }
        }
        LinkedHashMap<Long, Bytes> top = new LinkedHashMap<>(spaces.getOrDefault("dhcp", new LinkedHashMap<>()));
        ConfigView.text(scopes, "site-option-space").map(OptionMerge::spaceName).map(spaces::get)
                .ifPresent(site -> site.forEach((code, v) -> {
                    if (code >= 224 && code <= 254) {
                        top.put(code, v);
                    }
                }));
        Optional<String> vendorSpace = ConfigView.text(scopes, "vendor-option-space").map(OptionMerge::spaceName);
        for (OptionRef def : resolver.definitions("dhcp")) {
            if (NOT_BUILT.contains(def.code())) {
                continue;
            }
            // ISC: 43 encapsulates the vendor-option-space, 125 (vivso) the "vendor" space, 124 (vivco) "vendor-class"
            Optional<String> space = switch (def.code()) {
                case 43 -> vendorSpace;
                case 124 -> Optional.of("vendor-class");
                case 125 -> Optional.of("vendor");
                default -> resolver.encapsulated(def);
            };
            // ISC (store_options): an encapsulating option given a value of its own sends that value as it is
            if (!top.containsKey((long) def.code())) {
                space.ifPresent(s -> {
                    Bytes sub = encode(s, spaces, resolver, 0);
                    if (sub.length() > 0) {
                        top.put((long) def.code(), sub);
                    }
                });
            }
        }
        List<DhcpOption> out = new ArrayList<>(top.size());
        top.forEach((code, v) -> out.add(DhcpOption.of(code.intValue(), v.toArray())));
        return DhcpOptions.of(out);
    }

    /** The sub-options set in {@code space}, with nested encapsulations, in the space's wire layout. */
    private static Bytes encode(String space, Map<String, LinkedHashMap<Long, Bytes>> spaces, OptionResolver resolver,
            int depth) {
        SpaceLayout layout = resolver.space(space).orElse(null);
        if (layout == null || depth > 4 || space.equals("dhcp")) {
            return Bytes.of(new byte[0]);
        }
        LinkedHashMap<Long, Bytes> direct = spaces.get(space);
        if (direct == null || direct.isEmpty()) {
            // ISC (hashed_option_space_encapsulate) builds nothing for a space with no option set in it
            // directly, even when a space it encapsulates has some: vivso needs a vendor.* value of its own
            return Bytes.of(new byte[0]);
        }
        List<Map.Entry<Long, Bytes>> entries = new ArrayList<>(direct.entrySet());
        List<Map.Entry<Long, Bytes>> ordered = new ArrayList<>(entries.size());
        for (int i = entries.size() - 1; i >= 0; i--) {
            ordered.add(entries.get(i));
        }
        // stable: within a bucket the newest (last saved) first, as ISC conses onto the bucket's head
        ordered.sort(Comparator.comparingInt(e -> bucket(e.getKey())));
        // then, as ISC's search_subencapsulation, the encapsulated spaces whose option was not set here
        for (OptionRef def : resolver.definitions(space)) {
            if (!direct.containsKey((long) def.code())) {
                resolver.encapsulated(def).ifPresent(inner -> {
                    Bytes sub = encode(inner, spaces, resolver, depth + 1);
                    if (sub.length() > 0) {
                        ordered.add(Map.entry((long) def.code(), sub));
                    }
                });
            }
        }
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (Map.Entry<Long, Bytes> e : ordered) {
            byte[] v = e.getValue().toArray();
            write(b, e.getKey(), layout.codeWidth());
            if (layout.lengthWidth() > 0) {
                write(b, Math.min(v.length, (1L << (8 * layout.lengthWidth())) - 1), layout.lengthWidth());
            }
            b.writeBytes(v);
        }
        return Bytes.of(b.toByteArray());
    }

    static int bucket(long code) {
        return (int) (((code & 31) + ((code >> 5) & 31)) % BUCKETS);
    }

    private static void write(ByteArrayOutputStream b, long v, int width) {
        for (int i = width - 1; i >= 0; i--) {
            b.write((int) (v >>> (8 * i)) & 0xff);
        }
    }

    private static String spaceName(String s) {
        String n = s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
        return n.toLowerCase(java.util.Locale.ROOT);
    }
}
