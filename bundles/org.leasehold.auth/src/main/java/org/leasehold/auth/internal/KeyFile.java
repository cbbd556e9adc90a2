package org.leasehold.auth.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.leasehold.api.message.DhcpMessage;

/**
 * The keys of {@code etc/dhcpkey.conf}: one client per line,
 * <pre>
 *   # comment (also after a line's fields)
 *   client-id 01:02:00:00:00:0c:41  1      hex:00112233445566778899aabbccddeeff
 *   mac       02:00:00:00:0c:42     0x2a   base64:c2VjcmV0LWtleS0y
 * </pre>
 * fields: identity kind ({@code client-id}: option 61's bytes; {@code mac}: chaddr), the identity in
 * hex (colons, dashes or nothing between bytes), the RFC 3118 secret ID (decimal or {@code 0x} hex,
 * 0-4294967295) and the secret ({@code hex:} or {@code base64:}). An identity may appear once.
 * A file with any error is rejected whole: every error is reported as {@code file:line: reason}.
 * Immutable and thread-safe.
 */
public final class KeyFile {

    private final Map<String, ClientSecret> byIdentity;
    private final String source;

    private KeyFile(Map<String, ClientSecret> byIdentity, String source) {
        this.byIdentity = Map.copyOf(byIdentity);
        this.source = source;
    }

    /** No keys (no file). */
    public static KeyFile empty(String source) {
        return new KeyFile(Map.of(), source);
    }

    /** The outcome of reading a file: the keys, or the errors that rejected it. */
    public record Result(Optional<KeyFile> keys, List<String> errors) {
        public Result {
            errors = List.copyOf(errors);
        }
    }

    /** Reads {@code file}; a missing or unreadable file is one error naming it. */
    public static Result read(Path file) {
        String text;
        if (!Files.exists(file)) {
            return new Result(Optional.empty(), List.of(file + ": not found: no client can authenticate"));
        }
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return new Result(Optional.empty(), List.of(file + ": cannot read: " + e));
        }
        return parse(file.toString(), text);
    }

    /** Parses the text of a key file named {@code name} (used in messages). */
    public static Result parse(String name, String text) {
        Map<String, ClientSecret> keys = new LinkedHashMap<>();
        List<String> errors = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int hash = line.indexOf('#');
            if (hash >= 0) {
                line = line.substring(0, hash);
            }
            line = line.strip();
            if (line.isEmpty()) {
                continue;
            }
            int no = i + 1;
            try {
                ClientSecret k = entry(line.split("\\s+"), no);
                ClientSecret before = keys.putIfAbsent(k.identity(), k);
                if (before != null) {
                    errors.add(name + ":" + no + ": " + k.identity() + " already has a key at line " + before.line());
                }
            } catch (IllegalArgumentException e) {
                errors.add(name + ":" + no + ": " + e.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            return new Result(Optional.empty(), errors);
        }
        return new Result(Optional.of(new KeyFile(keys, name)), List.of());
    }

    private static ClientSecret entry(String[] f, int line) {
        if (f.length != 4) {
            throw new IllegalArgumentException("expected 4 fields (kind identity key-id secret), found " + f.length);
        }
        String kind = f[0].toLowerCase(Locale.ROOT);
        if (!kind.equals("client-id") && !kind.equals("mac")) {
            throw new IllegalArgumentException("unknown identity kind '" + f[0] + "' (client-id or mac)");
        }
        byte[] id = hex(f[1], "identity");
        if (kind.equals("mac") && id.length > 16) {
            throw new IllegalArgumentException("mac longer than 16 bytes");
        }
        long keyId = keyId(f[2]);
        return new ClientSecret(identity(kind, id), keyId, secret(f[3]), line);
    }

    private static long keyId(String s) {
        try {
            long v = s.toLowerCase(Locale.ROOT).startsWith("0x") ? Long.parseLong(s.substring(2), 16) : Long.parseLong(s);
            if (v < 0 || v > 0xffffffffL) {
                throw new IllegalArgumentException("key id '" + s + "' out of range 0-4294967295");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("key id '" + s + "' is not a number");
        }
    }

    private static byte[] secret(String s) {
        String lower = s.toLowerCase(Locale.ROOT);
        byte[] v;
        if (lower.startsWith("hex:")) {
            v = hex(s.substring(4), "secret");
        } else if (lower.startsWith("base64:")) {
            try {
                v = Base64.getDecoder().decode(s.substring(7));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("secret is not valid base64");
            }
        } else {
            throw new IllegalArgumentException("secret must start with hex: or base64:");
        }
        if (v.length == 0) {
            throw new IllegalArgumentException("empty secret");
        }
        return v;
    }

    private static byte[] hex(String s, String what) {
        String h = s.replace(":", "").replace("-", "");
        if (h.isEmpty() || h.length() % 2 != 0) {
            throw new IllegalArgumentException(what + " '" + s + "' is not whole bytes of hex");
        }
        try {
            return HexFormat.of().parseHex(h);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " '" + s + "' is not hex");
        }
    }

    static String identity(String kind, byte[] id) {
        return kind + ":" + HexFormat.of().formatHex(id);
    }

    /** The client's key: by client identifier (option 61) first, else by chaddr. */
    public Optional<ClientSecret> lookup(DhcpMessage m) {
        Optional<byte[]> clientId = m.options().bytes(61);
        if (clientId.isPresent()) {
            ClientSecret k = byIdentity.get(identity("client-id", clientId.get()));
            if (k != null) {
                return Optional.of(k);
            }
        }
        byte[] chaddr = m.chaddr();
        int hlen = Math.min(Math.max(m.hlen(), 0), 16);
        byte[] mac = new byte[hlen];
        System.arraycopy(chaddr, 0, mac, 0, hlen);
        return Optional.ofNullable(byIdentity.get(identity("mac", mac)));
    }

    /** The key of a lease's client: by its client key as a client identifier, else by hardware address. */
    public Optional<ClientSecret> lookup(org.leasehold.api.lease.ClientKey client,
            org.leasehold.api.message.HardwareAddress hardware) {
        if (client != null) {
            ClientSecret k = byIdentity.get(identity("client-id", client.bytes()));
            if (k != null) {
                return Optional.of(k);
            }
        }
        return hardware == null ? Optional.empty() : Optional.ofNullable(byIdentity.get(identity("mac", hardware.bytes())));
    }

    /** The key of an identity as {@link ClientSecret#identity()} writes it. */
    public Optional<ClientSecret> get(String identity) {
        return Optional.ofNullable(byIdentity.get(identity));
    }

    public int size() {
        return byIdentity.size();
    }

    /** The file the keys came from. */
    public String source() {
        return source;
    }
}
