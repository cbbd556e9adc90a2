package org.leasehold.core.internal.transport;

import java.nio.ByteBuffer;

/**
 * Load shedding at the socket. When a socket stays behind (read after read takes the most a read may
 * take, and the queue never empties), its DISCOVERs are dropped before they are decoded until the
 * queue drains, and everything else is served: a REQUEST comes from a client already offered an address, and answering it completes an
 * exchange, while answering one more DISCOVER only starts another that may not finish in time. The
 * server then answers fewer clients fully rather than many halfway, and catches up sooner. Stateless.
 */
final class Shedding {

    /** Where the options start: the fixed BOOTP fields and the magic cookie. */
    private static final int OPTIONS = 240;
    private static final int COOKIE = 236;
    private static final int MESSAGE_TYPE = 53;

    private Shedding() {
    }

    /**
     * Whether the datagram is a BOOTREQUEST carrying DHCP message type DISCOVER in its options field,
     * read without decoding (and without moving the buffer's position). Anything else, a malformed
     * datagram included, is not: the decoder then counts and drops it as usual. Option overload
     * (52) is not followed: such a DISCOVER is served.
     */
    static boolean isDiscover(ByteBuffer b) {
        int base = b.position();
        int end = b.limit();
        if (end - base < OPTIONS + 3 || b.get(base) != 1 || b.getInt(base + COOKIE) != 0x63825363) {
            return false;
        }
        int i = base + OPTIONS;
        while (i < end) {
            int code = b.get(i) & 0xFF;
            if (code == 0) {
                i++;
                continue;
            }
            if (code == 255 || i + 1 >= end) {
                return false;
            }
            int len = b.get(i + 1) & 0xFF;
            if (code == MESSAGE_TYPE) {
                return len >= 1 && i + 2 < end && b.get(i + 2) == 1;
            }
            i += 2 + len;
        }
        return false;
    }
}
