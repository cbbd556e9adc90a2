/**
 * The core's side of the capability SPIs of {@code org.leasehold.api}: the registry of what
 * capabilities registered (configuration participants, lease listeners, an allocation policy, status
 * contributors), the capabilities' view of a loaded dhcpd.conf, and the ordered delivery of durable
 * lease changes. Knows no capability; depends on {@code config} and {@code engine}, not the reverse.
 */
package org.leasehold.core.internal.capability;
