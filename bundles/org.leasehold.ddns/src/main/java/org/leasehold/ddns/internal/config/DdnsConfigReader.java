package org.leasehold.ddns.internal.config;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.leasehold.api.config.ConfigProblem;
import org.leasehold.api.config.ConfigScope;
import org.leasehold.api.config.ConfigStatement;
import org.leasehold.api.config.ConfigToken;
import org.leasehold.api.config.DhcpdConf;
import org.leasehold.api.config.ScopedStatement;

/**
 * Reads the DDNS statements of a dhcpd.conf as ISC dhcpd 4.4 writes them ({@code key}, {@code zone},
 * {@code ddns-*}, {@code update-*}, {@code allow|deny|ignore client-updates}, and Leasehold's
 * {@code secure-ddns}) into {@link DdnsSettings}, or into problems at {@code file:line:column}.
 * Scoped parameters are checked wherever they are written; their values are read per client later.
 * Stateless.
 */
public final class DdnsConfigReader {

    /** Every keyword the DDNS capability reads. */
    public static final Set<String> KEYWORDS = Set.of("key", "zone", "ddns-update-style", "ddns-updates",
            "ddns-domainname", "ddns-rev-domainname", "ddns-hostname", "ddns-ttl", "update-conflict-detection",
            "update-optimization", "update-static-leases", "client-updates", "secure-ddns", "do-forward-updates");

    private static final Set<String> BOOLEANS = Set.of("ddns-updates", "update-conflict-detection",
            "update-optimization", "update-static-leases", "secure-ddns", "do-forward-updates");
    private static final Map<String, String> ALGORITHMS = Map.of("hmac-md5", "hmac-md5",
            "hmac-md5.sig-alg.reg.int", "hmac-md5", "hmac-sha1", "hmac-sha1", "hmac-sha224", "hmac-sha224",
            "hmac-sha256", "hmac-sha256", "hmac-sha384", "hmac-sha384", "hmac-sha512", "hmac-sha512");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?");
    private static final int DNS_PORT = 53;

    /** The settings, or the problems that reject the file. */
    public record Result(DdnsSettings settings, List<ConfigProblem> problems) {
        public Result {
            problems = List.copyOf(problems);
        }
    }

    private final DhcpdConf conf;
    private final List<ConfigProblem> problems = new ArrayList<>();
    /** Keys declared, usable or not: a zone naming a broken key is reported at the key only. */
    private final Set<String> declaredKeys = new java.util.HashSet<>();

    private DdnsConfigReader(DhcpdConf conf) {
        this.conf = conf;
    }

    public static Result read(DhcpdConf conf) {
        return new DdnsConfigReader(conf).read();
    }

    private Result read() {
        DdnsSettings.Style style = style();
        boolean secure = globalFlag("secure-ddns");
        checkParameters();
        Map<String, TsigKey> keys = keys();
        List<ZoneConfig> zones = zones(keys, secure);
        if (!problems.isEmpty()) {
            return new Result(DdnsSettings.OFF, problems);
        }
        return new Result(new DdnsSettings(style, secure, zones), List.of());
    }

    private DdnsSettings.Style style() {
        DdnsSettings.Style style = DdnsSettings.Style.NONE;
        for (ScopedStatement s : conf.statements("ddns-update-style")) {
            if (s.scope().kind() != ConfigScope.Kind.GLOBAL) {
                problem(s.statement(), "ddns-update-style is a global parameter; it cannot be set in " + s.scope());
                continue;
            }
            String v = single(s.statement()).map(ConfigToken::lower).orElse("");
            switch (v) {
                case "standard" -> style = DdnsSettings.Style.STANDARD;
                case "interim" -> style = DdnsSettings.Style.INTERIM;
                case "none" -> style = DdnsSettings.Style.NONE;
                case "ad-hoc" -> problem(s.statement(), "ddns-update-style ad-hoc was removed from ISC dhcpd;"
                        + " use standard or interim");
                default -> problem(s.statement(), "expected ddns-update-style standard, interim or none, found "
                        + s.statement().argumentText());
            }
        }
        return style;
    }

    private boolean globalFlag(String keyword) {
        boolean value = false;
        for (ScopedStatement s : conf.statements(keyword)) {
            if (s.scope().kind() != ConfigScope.Kind.GLOBAL) {
                problem(s.statement(), keyword + " is a global parameter; it cannot be set in " + s.scope());
            } else {
                value = bool(s.statement()).orElse(value);
            }
        }
        return value;
    }

    /** Checks the values of the scoped parameters wherever they are written. */
    private void checkParameters() {
        for (String k : BOOLEANS) {
            conf.statements(k).forEach(s -> bool(s.statement()));
        }
        for (ScopedStatement s : conf.statements("ddns-ttl")) {
            Optional<ConfigToken> t = single(s.statement());
            if (t.isEmpty() || !t.get().text().matches("\\d{1,10}") || Long.parseLong(t.get().text()) > 0x7fffffffL) {
                problem(s.statement(), "expected a TTL in seconds (0-2147483647) for ddns-ttl, found "
                        + s.statement().argumentText());
            }
        }
        for (String k : List.of("ddns-domainname", "ddns-rev-domainname")) {
            for (ScopedStatement s : conf.statements(k)) {
                Optional<ConfigToken> t = single(s.statement());
                if (t.isEmpty() || t.get().kind() == ConfigToken.Kind.PUNCT || !domainName(t.get().text())) {
                    problem(s.statement(), "expected a domain name for " + k + ", found " + s.statement().argumentText());
                }
            }
        }
        for (ScopedStatement s : conf.statements("ddns-hostname")) {
            Optional<ConfigToken> t = single(s.statement());
            if (t.isEmpty() || t.get().kind() != ConfigToken.Kind.STRING) {
                problem(s.statement(), "ddns-hostname: only a quoted host name is supported (expressions are not),"
                        + " found " + s.statement().argumentText());
            } else if (!LABEL.matcher(t.get().text()).matches()) {
                problem(t.get(), "expected a host name label (letters, digits, '-') for ddns-hostname, found "
                        + t.get().describe());
            }
        }
    }

    private Map<String, TsigKey> keys() {
        Map<String, TsigKey> keys = new HashMap<>();
        for (ScopedStatement s : conf.statements("key")) {
            ConfigStatement st = s.statement();
            Optional<ConfigToken> name = st.argument(0);
            if (name.isEmpty() || st.arguments().size() != 1 || !st.hasBlock()) {
                problem(st, "expected key NAME { algorithm ALG; secret \"BASE64\"; }");
                continue;
            }
            String keyName = DdnsSettings.canonical(name.get().text());
            declaredKeys.add(keyName);
            Optional<String> algorithm = st.child("algorithm").flatMap(a -> algorithm(st, a));
            Optional<String> secret = st.child("secret").flatMap(this::secret);
            if (st.child("algorithm").isEmpty()) {
                problem(st, "key " + keyName + " has no algorithm");
            }
            if (st.child("secret").isEmpty()) {
                problem(st, "key " + keyName + " has no secret");
            }
            if (keys.containsKey(keyName)) {
                problem(st, "key " + keyName + " is declared twice");
            } else if (algorithm.isPresent() && secret.isPresent()) {
                keys.put(keyName, new TsigKey(keyName, algorithm.get(), secret.get()));
            }
        }
        return keys;
    }

    private Optional<String> algorithm(ConfigStatement key, ConfigStatement a) {
        String alg = DdnsSettings.canonical(a.arguments().stream().map(ConfigToken::text).reduce("", String::concat));
        String known = ALGORITHMS.get(alg);
        if (known == null) {
            problem(a, "unknown TSIG algorithm '" + alg + "' (hmac-md5, hmac-sha1, hmac-sha224, hmac-sha256,"
                    + " hmac-sha384, hmac-sha512)");
        }
        return Optional.ofNullable(known);
    }

    /** Base64 may lex as several tokens ('/', '+', '=' are punctuation): joined without spaces. */
    private Optional<String> secret(ConfigStatement s) {
        String b64 = s.arguments().stream().map(ConfigToken::text).reduce("", String::concat);
        try {
            if (b64.isEmpty() || Base64.getDecoder().decode(b64).length == 0) {
                problem(s, "expected a base64 secret");
                return Optional.empty();
            }
            return Optional.of(b64);
        } catch (IllegalArgumentException e) {
            problem(s, "the key's secret is not base64: " + e.getMessage());
            return Optional.empty();
        }
    }

    private List<ZoneConfig> zones(Map<String, TsigKey> keys, boolean secure) {
        Map<String, ZoneConfig> zones = new LinkedHashMap<>();
        for (ScopedStatement s : conf.statements("zone")) {
            ConfigStatement st = s.statement();
            Optional<ConfigToken> name = st.argument(0);
            if (name.isEmpty() || st.arguments().size() != 1 || !st.hasBlock() || !domainName(name.get().text())) {
                problem(st, "expected zone NAME { primary ADDRESS; key KEY; }");
                continue;
            }
            String zone = DdnsSettings.canonical(name.get().text());
            List<InetSocketAddress> servers = new ArrayList<>();
            st.children("primary").forEach(p -> servers.addAll(addresses(p)));
            st.children("secondary").forEach(p -> servers.addAll(addresses(p)));
            for (ConfigStatement child : st.block()) {
                if (!Set.of("primary", "secondary", "key").contains(child.keyword())) {
                    problem(child, "unknown statement '" + child.keyword() + "' in zone " + zone
                            + " (primary, secondary, key)" + (child.keyword().endsWith("6") ? "; IPv6 servers are not supported" : ""));
                }
            }
            if (st.children("primary").isEmpty()) {
                problem(st, "zone " + zone + " has no primary server");
            }
            Optional<TsigKey> key = Optional.empty();
            Optional<ConfigStatement> keyRef = st.child("key");
            if (keyRef.isPresent()) {
                Optional<ConfigToken> k = single(keyRef.get());
                String keyName = k.map(t -> DdnsSettings.canonical(t.text())).orElse("");
                key = Optional.ofNullable(keys.get(keyName));
                if (key.isEmpty() && !declaredKeys.contains(keyName)) {
                    problem(keyRef.get(), "zone " + zone + " names key '" + keyName + "', which is not declared");
                }
            } else if (secure) {
                problem(st, "secure-ddns is on, but zone " + zone + " has no key: every update must be TSIG-signed");
            }
            if (zones.containsKey(zone)) {
                problem(st, "zone " + zone + " is declared twice");
            } else if (!servers.isEmpty() && (key.isPresent() || keyRef.isEmpty())) {
                zones.put(zone, new ZoneConfig(zone, servers, key, st.position()));
            }
        }
        return List.copyOf(zones.values());
    }

    private List<InetSocketAddress> addresses(ConfigStatement s) {
        List<InetSocketAddress> out = new ArrayList<>();
        for (ConfigToken t : s.arguments()) {
            if (t.is(",")) {
                continue;
            }
            Optional<Inet4Address> a = ipv4(t.text());
            if (a.isEmpty()) {
                problem(t, "expected an IPv4 address for the " + s.keyword() + " server, found " + t.describe()
                        + " (host names are not resolved)");
            } else {
                out.add(new InetSocketAddress(a.get(), DNS_PORT));
            }
        }
        if (s.arguments().isEmpty()) {
            problem(s, "expected an address after " + s.keyword());
        }
        return out;
    }

    static Optional<Inet4Address> ipv4(String text) {
        if (!text.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            return Optional.empty();
        }
        try {
            return InetAddress.getByName(text) instanceof Inet4Address a ? Optional.of(a) : Optional.empty();
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private Optional<Boolean> bool(ConfigStatement s) {
        String v = single(s).map(ConfigToken::lower).orElse("");
        if (s.keyword().equals("client-updates")) {
            return Optional.of(!v.equals("deny"));
        }
        return switch (v) {
            case "true", "on", "yes", "1" -> Optional.of(Boolean.TRUE);
            case "false", "off", "no", "0" -> Optional.of(Boolean.FALSE);
            default -> {
                problem(s, "expected true, false, on or off for " + s.keyword() + ", found " + s.argumentText());
                yield Optional.empty();
            }
        };
    }

    private static Optional<ConfigToken> single(ConfigStatement s) {
        return s.arguments().size() == 1 ? s.argument(0) : Optional.empty();
    }

    /** A name of LDH labels (underscore allowed, as in service names), with or without the final dot. */
    static boolean domainName(String text) {
        String n = DdnsSettings.canonical(text);
        if (n.isEmpty() || n.length() > 253) {
            return false;
        }
        for (String label : n.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }

    private void problem(ConfigStatement s, String message) {
        problems.add(ConfigProblem.at(s, message));
    }

    private void problem(ConfigToken t, String message) {
        problems.add(ConfigProblem.at(t, message));
    }
}
