package org.leasehold.api.config;

import java.util.List;
import java.util.Set;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A capability's part in reading dhcpd.conf. Register it as a service (a DS component); the core
 * takes participants as they come and go.
 *
 * <p>At every {@code dhcp:reload} (and {@link ConfigurationService#reload()}, {@link
 * ConfigurationService#apply}) the core parses the file, then calls {@link #validate} of every bound
 * participant with the candidate configuration. Any problem rejects the file whole: the error is
 * reported with its {@code file:line:column}, and the running configuration keeps serving. When no
 * participant objects, the configuration is put in force and each participant gets {@link #apply}.
 * A participant that arrives while the server runs, and every participant at the server's start
 * (capabilities bind in no fixed order with the core, so a start must not depend on which came
 * first), is validated against the configuration in force; if it objects, its problems are logged as
 * errors and it is not applied (the server serves without it) until a reload it accepts.
 *
 * <p>Threading: both methods are called on the core's configuration thread, never concurrently for
 * one participant, and never on a packet thread. {@link #validate} must be free of side effects;
 * {@link #apply} must not wait on the network (start connections on threads of the capability's own).
 * An exception from either counts as a problem at the file's first line.
 */
@ConsumerType
public interface ConfigParticipant {

    /** Service property the core shows in {@code dhcp:config-check}; defaults to the component name. */
    String NAME = "leasehold.name";

    /**
     * The statement keywords this participant reads: its blocks ({@code failover}, {@code key},
     * {@code zone}) and its parameters ({@code ddns-updates}). Statements with these keywords are no
     * longer reported as ignored while the participant is bound. Keywords the core does not know at
     * all are a parse error whatever participants say, so that a file means the same with or
     * without a capability installed.
     */
    Set<String> keywords();

    /** The problems of a candidate configuration, empty when this participant accepts it. */
    List<ConfigProblem> validate(DhcpdConf candidate);

    /** The configuration is now in force (it was validated by every participant). */
    void apply(DhcpdConf accepted);
}
