/**
 * Flexible Option 82: turn the relay agent information that every vendor formats its own way into
 * one typed subscriber identity.
 *
 * <p>A vendor plugin is an {@link org.leasehold.option82.Option82Parser} service naming a format;
 * rules in the {@code org.leasehold.option82} configuration say which format reads which
 * sub-option for which relays. The result is put on each packet as
 * {@link org.leasehold.option82.Option82Attributes#IDENTITY}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package org.leasehold.option82;
