package org.leasehold.ddns.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import org.leasehold.api.message.DhcpMessage;

/**
 * Who a client is for DNS: the identifier RFC 4701 §3.3 digests into the DHCID record, and ISC's interim
 * style into a TXT record. Immutable.
 *
 * @param type       RFC 4701 identifier type: 0 htype+chaddr, 1 client identifier (option 61), 2 DUID
 * @param identifier the identifying bytes for that type
 * @param clientId   the whole option 61 value when the client sent one (the interim style hashes it as is)
 */
record ClientIdentity(int type, byte[] identifier, Optional<byte[]> clientId) {

    static final int TYPE_HARDWARE = 0;
    static final int TYPE_CLIENT_ID = 1;
    static final int TYPE_DUID = 2;
    private static final int OPTION_CLIENT_ID = 61;
    private static final int RFC4361_TYPE = 255;
    private static final int RFC4361_IAID_END = 5;
    private static final int DIGEST_SHA256 = 1;

    ClientIdentity {
        identifier = identifier.clone();
        clientId = clientId.map(byte[]::clone);
    }

    /** The identity of a request's client (RFC 4701 §3.3; an RFC 4361 client identifier carries a DUID). */
    static ClientIdentity of(DhcpMessage request) {
        Optional<byte[]> id = request.options().bytes(OPTION_CLIENT_ID).filter(b -> b.length > 0);
        if (id.isPresent()) {
            byte[] b = id.get();
            if ((b[0] & 0xff) == RFC4361_TYPE && b.length > RFC4361_IAID_END) {
                return new ClientIdentity(TYPE_DUID, Arrays.copyOfRange(b, RFC4361_IAID_END, b.length), id);
            }
            return new ClientIdentity(TYPE_CLIENT_ID, b, id);
        }
        byte[] chaddr = request.chaddr();
        int hlen = Math.min(Math.max(request.hlen(), 0), chaddr.length);
        byte[] hw = new byte[hlen + 1];
        hw[0] = (byte) request.htype();
        System.arraycopy(chaddr, 0, hw, 1, hlen);
        return new ClientIdentity(TYPE_HARDWARE, hw, Optional.empty());
    }

    /** The DHCID RDATA for this client and {@code fqdn}: type, digest type 1, SHA-256(identifier, name). */
    byte[] dhcid(String fqdn) {
        MessageDigest sha = digest("SHA-256");
        sha.update(identifier);
        sha.update(wireName(fqdn));
        byte[] digest = sha.digest();
        byte[] rdata = new byte[3 + digest.length];
        rdata[0] = (byte) (type >>> 8);
        rdata[1] = (byte) type;
        rdata[2] = DIGEST_SHA256;
        System.arraycopy(digest, 0, rdata, 3, digest.length);
        return rdata;
    }

    /**
     * ISC's interim TXT value: two characters for the type (option 61's code, or 0 for the hardware
     * address, written as ISC writes it: {@code type >> 4} and {@code type % 15} as hex digits, a slip
     * ISC keeps so existing records still match), then the MD5 of the identifier in hex.
     */
    String interimTxt() {
        int t = clientId.isPresent() ? OPTION_CLIENT_ID : TYPE_HARDWARE;
        byte[] data = clientId.orElse(identifier);
        String digits = "0123456789abcdef";
        return "" + digits.charAt((t >> 4) & 0xf) + digits.charAt(t % 15)
                + HexFormat.of().formatHex(digest("MD5").digest(data));
    }

    /** RFC 1035 wire form, lower case (RFC 4701 §3.5 digests the canonical form). */
    static byte[] wireName(String fqdn) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String n = fqdn.toLowerCase(Locale.ROOT);
        if (n.endsWith(".")) {
            n = n.substring(0, n.length() - 1);
        }
        if (!n.isEmpty()) {
            for (String label : n.split("\\.")) {
                byte[] b = label.getBytes(StandardCharsets.US_ASCII);
                out.write(b.length);
                out.writeBytes(b);
            }
        }
        out.write(0);
        return out.toByteArray();
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is missing from this JVM", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClientIdentity c && type == c.type && Arrays.equals(identifier, c.identifier);
    }

    @Override
    public int hashCode() {
        return 31 * type + Arrays.hashCode(identifier);
    }

    @Override
    public String toString() {
        return "ClientIdentity[type " + type + ", " + HexFormat.ofDelimiter(":").formatHex(identifier) + "]";
    }
}
