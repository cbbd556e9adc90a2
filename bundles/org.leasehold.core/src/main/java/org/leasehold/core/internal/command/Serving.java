package org.leasehold.core.internal.command;

import org.leasehold.core.internal.ServingState;

/**
 * The commands that need the running server take it as an optional reference (Karaf registers a
 * bundle's commands only once every mandatory reference of every one of them is there, so a server
 * that does not serve would otherwise leave the console without {@code dhcp:status}); without it,
 * they fail with the reason the server does not serve.
 */
final class Serving {

    private Serving() {
    }

    /** {@code service}, or a failure saying why the server is not serving. */
    static <T> T require(T service, ServingState state) {
        if (service == null) {
            throw new IllegalStateException(state == null ? "not serving" : state.headline());
        }
        return service;
    }
}
