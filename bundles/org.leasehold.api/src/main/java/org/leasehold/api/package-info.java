/**
 * The Leasehold contract: what the core engine offers and what capability bundles plug into.
 * Types here are immutable unless their javadoc says otherwise.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.3.0")
package org.leasehold.api;
