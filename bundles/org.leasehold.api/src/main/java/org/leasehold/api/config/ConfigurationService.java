package org.leasehold.api.config;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The core's configuration, for capabilities and management interfaces: what is in force, and ways to
 * change it that never leave the server without a valid configuration. Implemented by the core.
 * Thread-safe. {@link #current()} never blocks; the other calls parse and validate a file and run on
 * the caller's thread (not on a packet thread).
 */
@ProviderType
public interface ConfigurationService {

    /** The configuration in force. */
    DhcpdConf current();

    /**
     * Re-reads the configured dhcpd.conf and puts it in force if it parses and every participant
     * accepts it; otherwise the running configuration stays.
     *
     * @return the problems that rejected it; empty when it is in force
     */
    List<ConfigProblem> reload();

    /**
     * Checks dhcpd.conf text as a reload would (parse and every participant's validation), changing
     * nothing. {@code name} is used in positions; includes resolve against the configured file's folder.
     */
    List<ConfigProblem> check(String name, String text);

    /**
     * Replaces the configured dhcpd.conf with {@code text} and reloads, atomically for the file: the
     * file is written (through a temporary file and a rename) only when {@link #check} finds nothing.
     *
     * @return the problems that refused the text; empty when it is in force
     */
    List<ConfigProblem> apply(String text);
}
