package org.leasehold.core.internal.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * A DHCP socket could not be bound: its message names the address, the port, the device and, where
 * the system tells, the processes that hold the port.
 */
public final class BindRefusedException extends IOException {

    private static final long serialVersionUID = 1L;

    BindRefusedException(InetSocketAddress local, String device, Throwable cause, List<String> holders) {
        super("cannot bind DHCP socket " + local.getAddress().getHostAddress() + ":" + local.getPort() + "/udp"
                + (device == null ? "" : " on device " + device) + ": " + reason(cause)
                + (holders.isEmpty() ? "" : "; held by " + String.join(", ", holders)), cause);
    }

    private static String reason(Throwable cause) {
        String m = cause.getMessage();
        if (m == null) {
            return cause.getClass().getSimpleName();
        }
        // Netty's native errors read "bind(..) failed: Address already in use"
        int colon = m.indexOf("failed: ");
        return colon >= 0 ? m.substring(colon + 8) : m;
    }
}
