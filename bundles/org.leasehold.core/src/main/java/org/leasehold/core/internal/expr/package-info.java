/**
 * dhcp-eval(5) expressions: parsed once with the configuration, evaluated per packet against a
 * {@link org.leasehold.core.internal.expr.PacketView} without side effects or blocking.
 */
package org.leasehold.core.internal.expr;
