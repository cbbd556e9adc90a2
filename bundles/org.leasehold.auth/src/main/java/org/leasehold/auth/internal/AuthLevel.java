package org.leasehold.auth.internal;

/** The spec's authentication levels (§3.1.1.5). */
public enum AuthLevel {
    /** Options ignored, replies unauthenticated. */
    UNSUPPORTED(0),
    /** Only requests with a valid option are answered, with an authenticated reply. */
    MANDATORY(1),
    /** Valid requests get an authenticated reply, all others an unauthenticated one. */
    OPTIONAL(2);

    final int number;

    AuthLevel(int number) {
        this.number = number;
    }

    /** @throws IllegalArgumentException for anything but 0, 1, 2 */
    public static AuthLevel of(int n) {
        for (AuthLevel l : values()) {
            if (l.number == n) {
                return l;
            }
        }
        throw new IllegalArgumentException(AuthConfig.PID + ": level must be 0, 1 or 2, not " + n);
    }

    @Override
    public String toString() {
        return number + " (" + name().toLowerCase(java.util.Locale.ROOT) + ")";
    }
}
