/**
 * Client classification: {@link org.leasehold.core.internal.classify.Classifier#classify} puts a
 * packet into dhcpd.conf classes and subclasses (declared or spawned, named "CLASS:hex-value"),
 * finds its host declaration and the lease limits that apply. Record the returned class names on the
 * lease: lease limits count ACTIVE leases carrying them.
 */
package org.leasehold.core.internal.classify;
