package org.leasehold.core.internal.config;

import java.util.Set;

/** ISC dhcpd statements Leasehold recognises but does not implement: skipped whole and reported by name. Stateless. */
final class UnimplementedStatements {

    /** ISC statements that open a block or take arguments Leasehold skips and reports by name. */
    static final Set<String> NAMES = Set.of("failover", "key", "zone", "on", "subnet6",
            "pool6", "host6", "class6", "prefix6", "range6", "omapi-key", "dhcpv6-lease-file-name", "ddns-update",
            "log", "execute", "add", "remove", "break", "set", "unset", "eval", "define", "fetch", "switch", "case",
            "default", "prefix", "host-identifier", "supersede", "prepend", "append", "send", "request", "require");

    private UnimplementedStatements() {
    }

    /** Skips an ISC statement Leasehold does not implement: up to ';' or a balanced block. */
    static void skip(TokenStream in, ParseState state, String word) throws ConfigException {
        Token kw = in.next();
        state.unimplemented(kw.pos(), word);
        int depth = 0;
        while (true) {
            Token t = in.next();
            if (t.kind() == Token.Kind.EOF) {
                throw TokenStream.error(t, "expected ';' or '}' to end the " + word + " statement at " + kw.pos());
            }
            if (t.is("{")) {
                depth++;
            } else if (t.is("}")) {
                depth--;
                if (depth == 0) {
                    in.accept(";");
                    return;
                }
            } else if (t.is(";") && depth == 0) {
                return;
            }
        }
    }
}
