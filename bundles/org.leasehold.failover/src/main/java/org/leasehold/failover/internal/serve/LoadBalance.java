package org.leasehold.failover.internal.serve;

import java.util.Optional;
import org.leasehold.api.message.DhcpMessage;
import org.leasehold.api.message.MessageType;
import org.leasehold.failover.internal.config.Hba;
import org.leasehold.failover.internal.config.Role;

/**
 * RFC 3074 load balancing as ISC dhcpd computes it ({@code load_balance_mine}): the Pearson hash of
 * the client identifier (option 61) when the client sent one, else of chaddr, picks one of 256
 * buckets; the HBA says whether the primary serves it. The server farm's level above it uses a
 * hash of its own ({@link #farmBucket}). Stateless.
 */
public final class LoadBalance {

    /** RFC 3074's mixing table, in the order ISC dhcpd and the RFC list it. */
    private static final int[] MIX = {
        251, 175, 119, 215, 81, 14, 79, 191, 103, 49, 181, 143, 186, 157, 0, 232, 31, 32, 55, 60, 152, 58, 17, 237, 174,
        70, 160, 144, 220, 90, 57, 223, 59, 3, 18, 140, 111, 166, 203, 196, 134, 243, 124, 95, 222, 179, 197, 65, 180,
        48, 36, 15, 107, 46, 233, 130, 165, 30, 123, 161, 209, 23, 97, 16, 40, 91, 219, 61, 100, 10, 210, 109, 250,
        127, 22, 138, 29, 108, 244, 67, 207, 9, 178, 204, 74, 98, 126, 249, 167, 116, 34, 77, 193, 200, 121, 5, 20,
        113, 71, 35, 128, 13, 182, 94, 25, 226, 227, 199, 75, 27, 41, 245, 230, 224, 43, 225, 177, 26, 155, 150, 212,
        142, 218, 115, 241, 73, 88, 105, 39, 114, 62, 255, 192, 201, 145, 214, 168, 158, 221, 148, 154, 122, 12, 84,
        82, 163, 44, 139, 228, 236, 205, 242, 217, 11, 187, 146, 159, 64, 86, 239, 195, 42, 106, 198, 118, 112, 184,
        172, 87, 2, 173, 117, 176, 229, 247, 253, 137, 185, 99, 164, 102, 147, 45, 66, 231, 52, 141, 211, 194, 206,
        246, 238, 56, 110, 78, 248, 63, 240, 189, 93, 92, 51, 53, 183, 19, 171, 72, 50, 33, 104, 101, 69, 8, 252, 83,
        120, 76, 135, 85, 54, 202, 125, 188, 213, 96, 235, 136, 208, 162, 129, 190, 132, 156, 38, 47, 1, 7, 254, 24,
        4, 216, 131, 89, 21, 28, 133, 37, 153, 149, 80, 170, 68, 6, 169, 234, 151};

    private LoadBalance() {
    }

    /** The bucket (0..255) of a key: ISC's {@code loadb_p_hash}, seeded with the key's length. */
    public static int bucket(byte[] key, int length) {
        int hash = length & 0xFF;
        for (int i = length; i > 0; ) {
            hash = MIX[hash ^ (key[--i] & 0xFF)];
        }
        return hash;
    }

    /**
     * The server-farm bucket (0..255) of a key: the same mixing table walked the other way (first byte
     * first) from another seed, so that it is independent of {@link #bucket}. A farm that gives each
     * pair half of its buckets therefore leaves each pair's own {@code split} meaningful: with one hash
     * for both levels, {@code split 128} inside a farm half would give that half's primary every client.
     */
    public static int farmBucket(byte[] key, int length) {
        int hash = (length ^ 0xA5) & 0xFF;
        for (int i = 0; i < length; i++) {
            hash = MIX[hash ^ (key[i] & 0xFF)];
        }
        return hash;
    }

    /**
     * Whether the server farm gives this client to this server (or pair): its farm bucket is set in
     * the server-level HBA. Without one, every client is this server's.
     */
    public static boolean farmMine(Hba farm, byte[] clientId, byte[] chaddr, int hlen) {
        if (farm == null) {
            return true;
        }
        return farm.primaryServes(clientId != null && clientId.length > 0 ? farmBucket(clientId, clientId.length)
                : farmBucket(chaddr, Math.min(hlen, chaddr.length)));
    }

    /**
     * The messages RFC 3074 balances: DISCOVER, and REQUEST without ciaddr or server identifier
     * (INIT-REBOOT). A renewal goes to the server that granted the lease; a REQUEST naming a server is
     * that server's.
     */
    public static boolean balancedMessage(DhcpMessage m) {
        Optional<MessageType> t = m.messageType();
        if (t.isEmpty()) {
            return false;
        }
        return t.get().equals(MessageType.DISCOVER) || t.get().equals(MessageType.REQUEST) && m.ciaddrInt() == 0
                && !m.options().contains(54);
    }

    /**
     * Whether this server answers the client: {@code secs} past {@code maxSeconds} (when not 0) means
     * either server answers; without an HBA a server answers nobody in balance (as ISC).
     */
    public static boolean mine(Role role, Hba hba, int maxSeconds, int secs, byte[] clientId, byte[] chaddr,
            int hlen) {
        if (maxSeconds == 0 || secs > maxSeconds) {
            return true;
        }
        if (hba == null) {
            return false;
        }
        boolean primaryServes = primaryServes(hba, clientId, chaddr, hlen);
        return role == Role.PRIMARY ? primaryServes : !primaryServes;
    }

    /** Whether the HBA gives the client (its identifier, else chaddr) to the primary. */
    public static boolean primaryServes(Hba hba, byte[] clientId, byte[] chaddr, int hlen) {
        return hba.primaryServes(clientId != null && clientId.length > 0 ? bucket(clientId, clientId.length)
                : bucket(chaddr, Math.min(hlen, chaddr.length)));
    }
}
