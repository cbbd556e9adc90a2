/**
 * The ISC dhcpd.conf dialect, read directly: {@link org.leasehold.core.internal.config.ConfigParser#parse(java.nio.file.Path)}
 * gives an immutable {@link org.leasehold.core.internal.config.DhcpConfig} or throws
 * {@link org.leasehold.core.internal.syntax.ConfigException} (every problem with {@code file:line:column}).
 *
 * <p>Understood: global parameters, {@code option} values (through the api option catalog),
 * {@code option NAME code N = TYPE}, {@code option NAME = EXPR} (per packet), {@code subnet},
 * {@code shared-network} (pools placed in the subnet holding their range), {@code group}, {@code pool}
 * with permit lists, {@code range [dynamic-bootp]}, {@code host}, {@code class}, {@code subclass},
 * {@code include}, {@code if/elsif/else} (parameters per packet), {@code allow/deny unknown-clients|bootp}.
 * Accepted with a warning as Leasehold aliases: {@code mask} for {@code netmask}, {@code range A-B},
 * a numeric option tag ({@code option 224 01:02}), a missing ';' before '}'. Statements ISC accepts
 * but Leasehold does not act on are kept out of effect and listed by name in
 * {@link org.leasehold.core.internal.config.DhcpConfig#warnings()}.
 *
 * <p>Address spaces: a pool admitting classes with {@code allow members of} lives in the space named
 * by those classes sorted and joined with "+", others in ""; ranges may overlap only across spaces.
 */
package org.leasehold.core.internal.config;

