package org.leasehold.api;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletionStage;
import org.leasehold.api.message.DhcpMessage;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Sends a DHCP message the server did not make as a reply to a request (a DHCPFORCERENEW, a
 * leasequery answer over another path) from the server's own socket, so that it leaves from the
 * server's address and port as clients expect. Implemented by the core; thread-safe; never blocks.
 */
@ProviderType
public interface PacketSender {

    /**
     * Encodes {@code message} (options in the order given, RFC 3396 long options split) and sends it to
     * {@code to} from the socket whose interface reaches it (the first socket when none is more
     * specific). Completes once handed to the kernel; fails when no socket is bound or the send fails.
     */
    CompletionStage<Void> send(DhcpMessage message, InetSocketAddress to);

    /** The UDP port the server listens on (67 on a real network). */
    int serverPort();

    /** The UDP port clients listen on (68 on a real network). */
    int clientPort();
}
