package org.leasehold.core.internal.config;

import java.util.ArrayList;
import org.leasehold.core.internal.syntax.Token;
import org.leasehold.core.internal.syntax.TokenStream;
import org.leasehold.core.internal.syntax.ConfigException;
import java.util.List;
import java.util.Set;
import org.leasehold.api.config.ConfigStatement;
import org.leasehold.api.config.ConfigToken;
import org.leasehold.api.config.SourcePosition;

/**
 * ISC dhcpd statements the core knows but does not act on itself: kept whole as generic
 * {@link ConfigStatement} trees in their scope, for the capabilities that read them (failover peers,
 * DNS keys and zones, event blocks), and reported by name while no capability claims them. Stateless.
 */
final class CapabilityStatements {

    /** ISC statements that open a block or take arguments the core keeps as statement trees. */
    static final Set<String> NAMES = Set.of("failover", "key", "zone", "subnet6",
            "pool6", "host6", "class6", "prefix6", "range6", "omapi-key", "dhcpv6-lease-file-name", "ddns-update",
            "add", "remove", "break", "eval", "define", "fetch", "case",
            "default", "prefix", "send", "request", "require");

    private CapabilityStatements() {
    }

    /** Reads one statement at the stream's position (its keyword next), up to ';' or a balanced block. */
    static ConfigStatement read(TokenStream in) throws ConfigException {
        Token kw = in.next();
        List<ConfigToken> args = new ArrayList<>();
        while (true) {
            Token t = in.peek();
            if (t.kind() == Token.Kind.EOF) {
                throw TokenStream.error(t, "expected ';' or '{' to end the " + kw.text() + " statement at " + kw.pos());
            }
            if (t.is(";")) {
                in.next();
                return new ConfigStatement(kw.text(), args, List.of(), false, position(kw));
            }
            if (t.is("}")) {
                // the closing brace of the enclosing block ends the statement; ParameterParser.end() warns the same way
                return new ConfigStatement(kw.text(), args, List.of(), false, position(kw));
            }
            if (t.is("{")) {
                in.next();
                List<ConfigStatement> block = new ArrayList<>();
                while (!in.peek().is("}")) {
                    Token inner = in.peek();
                    if (inner.kind() == Token.Kind.EOF) {
                        throw TokenStream.error(inner, "expected '}' to close the " + kw.text() + " block opened at "
                                + kw.pos());
                    }
                    if (inner.kind() != Token.Kind.WORD) {
                        throw TokenStream.error(inner, "expected a statement in the " + kw.text() + " block");
                    }
                    block.add(read(in));
                }
                in.next();
                in.accept(";");
                return new ConfigStatement(kw.text(), args, block, true, position(kw));
            }
            args.add(token(in.next()));
        }
    }

    /** A statement from a keyword and the argument tokens already read (a parameter statement). */
    static ConfigStatement of(Token keyword, List<Token> arguments) {
        return new ConfigStatement(keyword.text(), arguments.stream().map(CapabilityStatements::token).toList(),
                List.of(), false, position(keyword));
    }

    static ConfigToken token(Token t) {
        ConfigToken.Kind kind = switch (t.kind()) {
            case STRING -> ConfigToken.Kind.STRING;
            case PUNCT -> ConfigToken.Kind.PUNCT;
            default -> ConfigToken.Kind.WORD;
        };
        return new ConfigToken(kind, t.text(), position(t));
    }

    static SourcePosition position(Token t) {
        return new SourcePosition(t.pos().file(), t.pos().line(), t.pos().column());
    }
}
