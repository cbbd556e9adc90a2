/** Logging the core's threads share: warnings limited per key and interval. Depends on SLF4J only. */
package org.leasehold.core.internal.logging;
