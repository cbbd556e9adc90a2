package org.leasehold.core.internal.config;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.leasehold.core.internal.config.ScopeBuilder.Kind;
import org.leasehold.core.internal.expr.Expr;
import org.leasehold.core.internal.expr.ExprParser;
import org.leasehold.core.internal.syntax.ConfigException;
import org.leasehold.core.internal.syntax.Token;
import org.leasehold.core.internal.syntax.TokenStream;
import org.leasehold.core.internal.value.Bytes;
import org.leasehold.core.internal.value.Ipv4;

/** Parses parameter statements (options, ranges, permits, host identity, plain parameters) into a scope. Not thread-safe. */
final class ParameterParser {

    /** Parameters Leasehold acts on; stored without a warning. */
    private static final Set<String> IMPLEMENTED = Set.of("default-lease-time", "max-lease-time", "min-lease-time",
            "authoritative", "server-identifier", "filename", "next-server", "server-name", "vendor-option-space",
            "site-option-space", "ping-check", "ping-timeout", "ping-timeout-ms", "ping-cltt-secs", "abandon-lease-time",
            "ignore-client-uids", "always-broadcast", "echo-client-id", "min-secs", "boot-unknown-clients",
            "one-lease-per-client", "use-lease-addr-for-default-route", "dynamic-bootp-lease-length",
            "dynamic-bootp-lease-cutoff", "use-host-decl-names", "adaptive-lease-time-threshold", "server-id-check",
            "always-reply-rfc1048", "dhcp-cache-threshold", "infinite-is-reserved");
    /** The ISC flags ({@code "f"} in server/stables.c) of {@link #IMPLEMENTED}: on, off, true, false or ignore. */
    private static final Set<String> BOOLEAN = Set.of("ping-check", "ignore-client-uids", "always-broadcast",
            "echo-client-id", "boot-unknown-clients", "one-lease-per-client", "use-lease-addr-for-default-route",
            "use-host-decl-names", "server-id-check", "always-reply-rfc1048", "infinite-is-reserved");
    /**
     * ISC flags Leasehold honours with one value only: the value it acts as (stored without a warning)
     * and why the other is ignored (reported by name).
     */
    private static final Map<String, Map.Entry<Boolean, String>> ONE_WAY = Map.of(
            "get-lease-hostnames", Map.entry(false, "'get-lease-hostnames on' needs a reverse DNS lookup"
                    + " of every address at load; Leasehold does not resolve names, so no host-name is sent; ignored"),
            "stash-agent-options", Map.entry(false, "'stash-agent-options on' (classify a renewal by the"
                    + " relay agent options stored with its lease) is not implemented; ignored"));
    /** ISC dhcpd parameters Leasehold stores but does not act on yet (reported by name). */
    private static final Set<String> KNOWN = Set.of("db-time-format", "ddns-hostname",
            "ddns-domainname", "ddns-rev-domainname", "ddns-update-style", "ddns-updates", "ddns-ttl",
            "ddns-dual-stack-mixed-mode", "ddns-guard-id-must-match", "ddns-other-guard-is-dynamic",
            "ddns-local-address4", "ddns-local-address6", "delayed-ack", "max-ack-delay",
            "do-forward-updates", "dont-use-fsync", "lease-file-name", "limit-addrs-per-ia", "local-port",
            "local-address", "local-address6", "log-facility", "log-threshold-high", "log-threshold-low",
            "omapi-port", "pid-file-name", "preferred-lifetime", "release-on-roam", "remote-port",
            "server-duid",
            "update-conflict-detection", "update-optimization", "update-static-leases",
            "authoring-byte-order", "lease-id-format",
            "persist-eui-64-leases", "use-eui-64", "bind-local-address6", "dhcpv6-pid-file-name",
            "dhcpv6-lease-file-name", "dhcpv6-set-tee-times", "local-address-dhcpv4", "prefix-length-mode",
            "max-lease-misbalance", "max-lease-ownership", "min-balance", "max-balance", "filename-regex",
            "vendor-class-identifier", "omapi-key", "check-secs-byte-order",
            // Leasehold's own, for capabilities: the spec's secure DDNS switch, the server-farm hash buckets
            "secure-ddns", "server-hba");
    /** Flags ISC sets with allow/deny/ignore outside pools; the two Leasehold acts on are not warned. */
    private static final Set<String> FLAGS = Set.of("unknown-clients", "known-clients", "bootp", "booting",
            "duplicates", "declines", "client-updates", "leasequery");

    /** The flags of {@link #FLAGS} the engine acts on (pool eligibility, ack_lease, dhcpdecline). */
    private static final Set<String> ACTED_ON_FLAGS = Set.of("unknown-clients", "bootp", "booting", "declines",
            "duplicates");

    private final TokenStream in;
    private final ParseState state;
    private final OptionStatementParser optionParser;

    ParameterParser(TokenStream in, ParseState state) {
        this.in = in;
        this.state = state;
        this.optionParser = new OptionStatementParser(in, state, this);
    }

    void statement(ScopeBuilder scope) throws ConfigException {
        Token t = in.next();
        String word = t.text().toLowerCase(Locale.ROOT);
        switch (word) {
            case "option" -> optionParser.option(scope, t, OptionSetting.Mode.SUPERSEDE);
            case "range" -> range(scope, t);
            case "allow", "deny", "ignore" -> permitOrFlag(scope, t, word);
            case "authoritative" -> {
                put(scope, t, "authoritative", "true");
                end();
            }
            case "not" -> {
                in.expect("authoritative");
                put(scope, t, "authoritative", "false");
                end();
            }
            case "parse-vendor-option" -> {
                // an action in ISC (dhcp-eval(5)): the chain's expressions see option 43's sub-options
                put(scope, t, "parse-vendor-option", "true");
                end();
            }
            case "hardware" -> hardware(scope, t);
            case "fixed-address" -> fixedAddress(scope, t);
            case "host-identifier" -> hostIdentifier(scope, t);
            case "lease" -> {
                requireClass(scope, t);
                in.expect("limit");
                scope.leaseLimit = (int) in.expectNumber("a lease limit");
                end();
            }
            default -> plain(scope, t, word);
        }
    }

    /** {@code supersede|default|append|prepend NAME VALUE;}: an option statement with its ISC combining mode. */
    void optionWithMode(ScopeBuilder scope, Token t, OptionSetting.Mode mode) throws ConfigException {
        optionParser.option(scope, t, mode);
    }

    private void plain(ScopeBuilder scope, Token t, String word) throws ConfigException {
        if ((ONE_WAY.containsKey(word) || BOOLEAN.contains(word)) && !in.peek().is("=")) {
            Token v = in.expectName("a value for " + word);
            String b = v.text().toLowerCase(Locale.ROOT);
            boolean on = b.equals("on") || b.equals("true");
            if (!on && !b.equals("off") && !b.equals("false") && !b.equals("ignore")) {
                throw TokenStream.error(v, "expected on, off, true, false or ignore for " + word);
            }
            if (ONE_WAY.containsKey(word) && on != ONE_WAY.get(word).getKey()) {
                state.warn(t.pos(), word, ONE_WAY.get(word).getValue());
            }
            put(scope, t, word, v.text());
            end();
            return;
        }
        if (ONE_WAY.containsKey(word) && in.accept("=")) {
            boolean honoured = ONE_WAY.get(word).getKey();
            state.warn(t.pos(), word, "'" + word + " = EXPRESSION': Leasehold acts as '" + word + " "
                    + (honoured ? "on" : "off") + "' whatever the expression gives; " + ONE_WAY.get(word).getValue());
            skipToEnd(word);
            end();
            return;
        }
        if (IMPLEMENTED.contains(word) && in.accept("=")) {
            // evaluated per client when the scope is resolved, as ISC evaluates it (dhcpd.conf(5))
            Expr expr = new ExprParser(in, state.options::lookup, state.warnings::add).parse();
            scope.parameters.remove(word);
            scope.computedParameters.removeIf(c -> c.name().equals(word));
            scope.computedParameters.add(new ComputedParameter(word, expr, t.pos()));
            end();
            return;
        }
        if (IMPLEMENTED.contains(word)) {
            // Single-valued: reading exactly one token lets a missing ';' be reported where it is missing.
            Token v = word.endsWith("-lease-time") ? numberToken(word) : in.expectName("a value for " + word);
            put(scope, t, word, v.text());
            end();
            return;
        }
        if (!KNOWN.contains(word)) {
            throw TokenStream.error(t, "expected a declaration or parameter");
        }
        state.unimplemented(t.pos(), word);
        in.accept("=");
        Token first = in.peek();
        skipToEnd(word);
        String value = in.textSince(first);
        scope.capture(state, CapabilityStatements.of(t, in.tokensSince(first)));
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        put(scope, t, word, value);
        end();
    }

    private Token numberToken(String word) throws ConfigException {
        Token v = in.peek();
        in.expectNumber("a number of seconds for " + word);
        return v;
    }

    /**
     * {@code host-identifier option NAME VALUE;} (ISC 4.4, host declarations): the host matches a
     * client whose request carries that option with that value. The DHCPv6 form ({@code v6relopt N})
     * is captured and reported as not acted on.
     */
    private void hostIdentifier(ScopeBuilder scope, Token t) throws ConfigException {
        if (scope.kind != Kind.HOST) {
            throw new ConfigException(t.pos(), "'host-identifier' is allowed only inside a host declaration");
        }
        if (in.peek().is("v6relopt")) {
            state.unimplemented(t.pos(), "host-identifier");
            Token first = in.peek();
            skipToEnd("host-identifier");
            scope.capture(state, CapabilityStatements.of(t, in.tokensSince(first)));
            end();
            return;
        }
        in.expect("option");
        scope.hostIdentifier = optionParser.value(t);
    }

    private void range(ScopeBuilder scope, Token t) throws ConfigException {
        if (scope.kind != Kind.SUBNET && scope.kind != Kind.POOL) {
            throw new ConfigException(t.pos(), "'range' is allowed only inside a subnet or pool");
        }
        boolean bootp = in.accept("dynamic-bootp");
        Token low = in.expectWord("the first address of the range");
        long first;
        long last;
        int dash = low.text().indexOf('-');
        if (dash > 0 && Ipv4.isAddress(low.text().substring(0, dash))) {
            state.warn(low.pos(), "range", "'FIRST-LAST' is a Leasehold alias; ISC dhcpd writes 'range FIRST LAST'");
            first = address(low, low.text().substring(0, dash));
            last = address(low, low.text().substring(dash + 1));
        } else {
            first = address(low, low.text());
            last = in.peek().isWord() ? address(in.peek(), in.next().text()) : first;
        }
        if (last < first) {
            throw new ConfigException(low.pos(), "expected the range's first address not to exceed its last");
        }
        scope.ranges.add(new RangeDecl(first, last, bootp, low.pos()));
        end();
    }

    private void permitOrFlag(ScopeBuilder scope, Token t, String verb) throws ConfigException {
        boolean allow = verb.equals("allow");
        if (scope.kind == Kind.POOL && !verb.equals("ignore")) {
            Permit p = permit(t, allow);
            if (p.kind() == Permit.Kind.AFTER && scope.permits.stream().anyMatch(q -> q.kind() == Permit.Kind.AFTER)) {
                throw new ConfigException(t.pos(), "duplicate 'after' permit: a pool has one date, from or until"
                        + " which it serves (ISC refuses a second)");
            }
            scope.permits.add(p);
            end();
            return;
        }
        Token flag = in.expectWord("a flag such as unknown-clients or bootp");
        String name = flag.text().toLowerCase(Locale.ROOT);
        if (!FLAGS.contains(name)) {
            throw TokenStream.error(flag, "expected unknown-clients, known-clients, bootp, booting, duplicates, declines,"
                    + " client-updates or leasequery");
        }
        if (!ACTED_ON_FLAGS.contains(name)) {
            state.unimplemented(t.pos(), verb + " " + name);
        }
        put(scope, t, name, verb);
        // listed under the flag's name, the verb its argument, as ConfigParameters reads it
        scope.capture(state, CapabilityStatements.of(flag, List.of(t)));
        end();
    }

    private Permit permit(Token t, boolean allow) throws ConfigException {
        Token w = in.expectWord("a permit (members of, known-clients, unknown-clients, dynamic bootp clients, all clients)");
        String s = w.text().toLowerCase(Locale.ROOT);
        switch (s) {
            case "members" -> {
                in.expect("of");
                return new Permit(allow, Permit.Kind.MEMBERS_OF, in.expectName("a class name").text(), t.pos());
            }
            case "known-clients", "known" -> {
                in.accept("clients");
                return new Permit(allow, Permit.Kind.KNOWN_CLIENTS, null, t.pos());
            }
            case "unknown-clients", "unknown" -> {
                in.accept("clients");
                return new Permit(allow, Permit.Kind.UNKNOWN_CLIENTS, null, t.pos());
            }
            case "dynamic" -> {
                in.expect("bootp");
                in.expect("clients");
                return new Permit(allow, Permit.Kind.DYNAMIC_BOOTP_CLIENTS, null, t.pos());
            }
            case "all" -> {
                in.expect("clients");
                return new Permit(allow, Permit.Kind.ALL_CLIENTS, null, t.pos());
            }
            case "authenticated", "unauthenticated" -> {
                in.expect("clients");
                return new Permit(allow, s.equals("authenticated") ? Permit.Kind.AUTHENTICATED_CLIENTS
                        : Permit.Kind.UNAUTHENTICATED_CLIENTS, null, t.pos());
            }
            case "after" -> {
                Token first = in.peek();
                skipToEnd("after");
                return new Permit(allow, Permit.Kind.AFTER, null, IscDate.parse(first, in.textSince(first)), t.pos());
            }
            default -> throw TokenStream.error(w, "expected a permit (members of, known-clients, unknown-clients,"
                    + " dynamic bootp clients, all clients)");
        }
    }

    private void hardware(ScopeBuilder scope, Token t) throws ConfigException {
        if (scope.kind != Kind.HOST) {
            throw new ConfigException(t.pos(), "'hardware' is allowed only inside a host");
        }
        Token type = in.expectWord("a hardware type (ethernet, token-ring, fddi, infiniband)");
        int htype = switch (type.text().toLowerCase(Locale.ROOT)) {
            case "ethernet" -> 1;
            case "token-ring" -> 6;
            case "fddi" -> 8;
            case "infiniband" -> 32;
            default -> throw TokenStream.error(type, "expected a hardware type (ethernet, token-ring, fddi, infiniband)");
        };
        Token mac = in.expectWord("a hardware address");
        try {
            scope.hardware = Bytes.of(new byte[] {(byte) htype}).concat(Bytes.parseColonHex(mac.text()));
        } catch (IllegalArgumentException e) {
            throw TokenStream.error(mac, "expected a hardware address in colon-separated hex");
        }
        end();
    }

    private void fixedAddress(ScopeBuilder scope, Token t) throws ConfigException {
        if (scope.kind != Kind.HOST) {
            throw new ConfigException(t.pos(), "'fixed-address' is allowed only inside a host");
        }
        do {
            Token a = in.expectWord("an address");
            if (Ipv4.isAddress(a.text())) {
                scope.fixedAddresses.add(Ipv4.parse(a.text()));
            } else {
                state.warn(a.pos(), "fixed-address", "host name '" + a.text()
                        + "' is not resolved by Leasehold (write an address); ignored");
            }
        } while (in.accept(","));
        end();
    }

    private void requireClass(ScopeBuilder scope, Token t) throws ConfigException {
        if (scope.kind != Kind.CLASS && scope.kind != Kind.SUBCLASS) {
            throw new ConfigException(t.pos(), "'lease limit' is allowed only inside a class or subclass");
        }
    }

    private void put(ScopeBuilder scope, Token t, String name, String value) {
        scope.parameters.remove(name);
        scope.computedParameters.removeIf(c -> c.name().equals(name));
        scope.parameters.put(name, new Parameter(name, value, t.pos()));
    }

    private long address(Token t, String text) throws ConfigException {
        try {
            return Ipv4.parse(text);
        } catch (IllegalArgumentException e) {
            throw TokenStream.error(t, "expected an IPv4 address");
        }
    }

    /** Consumes tokens up to (not including) the ';' ending the statement; braces are an error. */
    void skipToEnd(String statement) throws ConfigException {
        int depth = 0;
        while (true) {
            Token t = in.peek();
            if (t.kind() == Token.Kind.EOF || t.is("{") || (t.is("}") && depth == 0) || (t.is(";") && depth == 0)) {
                if (t.is(";") || t.is("}")) {
                    return;
                }
                throw TokenStream.error(t, "expected ';' to end the " + statement + " statement");
            }
            depth += t.is("(") ? 1 : t.is(")") ? -1 : 0;
            in.next();
        }
    }

    /** The statement's ';'. A '}' right after is accepted too, with a warning, as the spec's examples omit it. */
    void end() throws ConfigException {
        Token t = in.peek();
        if (t.is(";")) {
            in.next();
            return;
        }
        if (t.is("}")) {
            state.warn(t.pos(), ";", "missing ';' before '}' accepted by Leasehold; ISC dhcpd requires it");
            return;
        }
        throw TokenStream.error(t, "expected ';'");
    }

}
