package org.leasehold.core.internal.lease;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.leasehold.api.lease.ClientKey;
import org.leasehold.api.lease.Lease;
import org.leasehold.api.lease.LeaseKey;
import org.leasehold.api.lease.LeaseState;
import org.leasehold.api.message.HardwareAddress;
import org.leasehold.core.internal.lease.DhcpdLeasesLexer.Kind;
import org.leasehold.core.internal.lease.DhcpdLeasesLexer.Token;

/**
 * Reads an ISC dhcpd.leases file into leases, to migrate from ISC dhcpd (and to read back
 * {@link DhcpdLeasesFormat}). The file is a log: the last declaration of an address wins. Statements
 * Leasehold has no use for ({@code set}, {@code on ... { }}, {@code tstp}, {@code next binding state},
 * {@code server-duid}, {@code failover peer ... state { }}, {@code host { }}, ...) are skipped.
 * Subnet, pool and classes are not in the file: the engine fills them in as clients come back.
 * Not thread-safe; one instance per file.
 */
public final class DhcpdLeasesParser {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy/M/d H:m:s");

    private final DhcpdLeasesLexer lexer;
    private Token peeked;

    private DhcpdLeasesParser(String text) {
        this.lexer = new DhcpdLeasesLexer(text);
    }

    /**
     * The leases declared in {@code text}, one per address (the last declaration), in file order of
     * their last declaration. Throws IllegalArgumentException naming the line of a malformed lease.
     */
    public static List<Lease> parse(String text) {
        return new DhcpdLeasesParser(text).leases();
    }

    private List<Lease> leases() {
        Map<LeaseKey, Lease> out = new LinkedHashMap<>();
        String space = LeaseKey.DEFAULT_SPACE;
        while (true) {
            Token t = takeWithComments();
            if (t.kind() == Kind.EOF) {
                return new ArrayList<>(out.values());
            }
            if (t.kind() == Kind.COMMENT) {
                space = t.text().startsWith("space ") ? t.text().substring(6).trim() : LeaseKey.DEFAULT_SPACE;
                continue;
            }
            if (t.is("lease")) {
                Lease l = lease(space);
                out.remove(l.key());
                out.put(l.key(), l);
            } else {
                skipStatement();
            }
            space = LeaseKey.DEFAULT_SPACE;
        }
    }

    private Lease lease(String space) {
        Token address = take();
        Lease.Builder b;
        try {
            b = Lease.builder(new LeaseKey(space, LeaseQuery.parseAddress(word(address, "an IPv4 address"))));
        } catch (IllegalArgumentException e) {
            throw error(address, e.getMessage());
        }
        expect("{");
        ByteArrayOutputStream agent = new ByteArrayOutputStream();
        while (true) {
            Token t = take();
            if (t.is("}")) {
                return b.relayAgentInfo(agent.toByteArray()).build();
            }
            if (t.kind() == Kind.EOF) {
                throw error(address, "lease " + address.text() + " is not closed");
            }
            try {
                statement(t, b, agent);
            } catch (IllegalArgumentException | DateTimeParseException e) {
                throw error(t, e.getMessage());
            }
        }
    }

    private void statement(Token t, Lease.Builder b, ByteArrayOutputStream agent) {
        if (t.is(";")) {
            return;
        }
        switch (t.kind() == Kind.WORD ? t.text() : "") {
            case "starts" -> b.start(time());
            case "ends" -> b.end(time());
            case "binding" -> {
                expect("state");
                b.state(state(word(take(), "a binding state"), b));
                expect(";");
            }
            case "hardware" -> {
                int htype = htype(word(take(), "a hardware type"));
                byte[] mac = hex(word(take(), "a hardware address"));
                expect(";");
                b.hardware(new HardwareAddress(htype, mac));
            }
            case "uid" -> {
                Token v = take();
                b.client(new ClientKey(v.kind() == Kind.STRING ? v.bytes() : hex(word(v, "a client identifier"))));
                expect(";");
            }
            case "client-hostname" -> {
                Token v = take();
                if (v.kind() != Kind.STRING) {
                    throw new IllegalArgumentException("expected a quoted host name but found " + describe(v));
                }
                b.hostname(new String(v.bytes(), StandardCharsets.UTF_8));
                expect(";");
            }
            case "abandoned" -> {
                b.state(LeaseState.ABANDONED);
                expect(";");
            }
            case "dynamic-bootp" -> {
                b.bootp(true);
                expect(";");
            }
            case "option" -> option(word(take(), "an option name"), agent);
            case "set" -> {
                // ISC lease variables: set NAME = "value"; (ddns-fwd-name, vendor-class-identifier, ...)
                String name = word(take(), "a variable name");
                expect("=");
                Token v = take();
                b.variable(name, v.kind() == Kind.STRING ? new String(v.bytes(), StandardCharsets.UTF_8) : v.text());
                expect(";");
            }
            default -> skipStatement();
        }
    }

    /** {@code never}, {@code epoch N} or {@code W yyyy/mm/dd hh:mm:ss} (UTC), then ';'. */
    private long time() {
        Token first = take();
        long value;
        if (first.is("never")) {
            value = Lease.NEVER;
        } else if (first.is("epoch")) {
            value = Long.parseLong(word(take(), "a number of seconds"));
        } else {
            String date = word(take(), "a date");
            String clock = word(take(), "a time of day");
            value = LocalDateTime.parse(date + " " + clock, DATE).toEpochSecond(ZoneOffset.UTC);
        }
        expect(";");
        return value;
    }

    private static LeaseState state(String text, Lease.Builder b) {
        if (text.equals("bootp")) {
            b.bootp(true);
            return LeaseState.ACTIVE;
        }
        try {
            return LeaseState.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown binding state '" + text + "'", e);
        }
    }

    private static int htype(String name) {
        return switch (name) {
            case "ethernet" -> 1;
            case "token-ring" -> 6;
            case "fddi" -> 8;
            case "infiniband" -> 32;
            default -> throw new IllegalArgumentException("unknown hardware type '" + name + "'");
        };
    }

    /** {@code agent.circuit-id} and {@code agent.remote-id} become option 82 sub-options 1 and 2. */
    private void option(String name, ByteArrayOutputStream agent) {
        int code = name.equals("agent.circuit-id") ? 1 : name.equals("agent.remote-id") ? 2 : 0;
        if (code == 0) {
            skipStatement();
            return;
        }
        Token v = take();
        byte[] value = v.kind() == Kind.STRING ? v.bytes() : hex(word(v, "an option value"));
        expect(";");
        if (value.length <= 255) {
            agent.write(code);
            agent.write(value.length);
            agent.writeBytes(value);
        }
    }

    private static byte[] hex(String text) {
        try {
            return HexFormat.ofDelimiter(":").parseHex(padded(text));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not colon-separated hex: '" + text + "'", e);
        }
    }

    /** dhcpd writes single hex digits for small bytes ("1:2:3"); HexFormat wants two. */
    private static String padded(String text) {
        StringBuilder sb = new StringBuilder();
        for (String part : text.split(":", -1)) {
            sb.append(sb.length() == 0 ? "" : ":").append(part.length() == 1 ? "0" + part : part);
        }
        return sb.toString();
    }

    /** Skips to the end of the statement: its ';', or the end of its braced block. */
    private void skipStatement() {
        int depth = 0;
        while (true) {
            Token t = take();
            if (t.kind() == Kind.EOF) {
                return;
            }
            if (t.is("{")) {
                depth++;
            } else if (t.is("}")) {
                if (depth == 0) {
                    peeked = t; // the enclosing lease's closing brace
                    return;
                }
                if (--depth == 0) {
                    return;
                }
            } else if (t.is(";") && depth == 0) {
                return;
            }
        }
    }

    /** The next token, comments included: between declarations a comment may name the address space. */
    private Token takeWithComments() {
        Token t = peeked != null ? peeked : lexer.next();
        peeked = null;
        return t;
    }

    private Token take() {
        Token t = takeWithComments();
        while (t.kind() == Kind.COMMENT) {
            t = lexer.next();
        }
        return t;
    }

    /**
     * The text of a token that must be a bare word; a quoted string or punctuation there fails with
     * IllegalArgumentException (strings carry bytes, not text).
     */
    private static String word(Token t, String what) {
        if (t.kind() != Kind.WORD) {
            throw new IllegalArgumentException("expected " + what + " but found " + describe(t));
        }
        return t.text();
    }

    private static String describe(Token t) {
        return t.kind() == Kind.STRING ? "a quoted string" : t.kind() == Kind.EOF ? "the end of the file"
                : "'" + t.text() + "'";
    }

    private void expect(String punct) {
        Token t = take();
        if (!t.is(punct)) {
            throw error(t, "expected '" + punct + "' but found '" + (t.text() == null ? "string" : t.text()) + "'");
        }
    }

    private static IllegalArgumentException error(Token at, String message) {
        return new IllegalArgumentException("dhcpd.leases line " + at.line() + ": " + message);
    }
}
