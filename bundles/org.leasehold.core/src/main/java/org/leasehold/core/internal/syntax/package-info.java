/**
 * The text layer under dhcpd.conf and dhcp-eval(5) expressions, which both read the same tokens: the
 * {@link org.leasehold.core.internal.syntax.Lexer}, its {@link org.leasehold.core.internal.syntax.Token}s
 * and {@link org.leasehold.core.internal.syntax.TokenStream}, source positions, and the errors and
 * warnings that carry them ({@code file:line:column}). Depends on nothing else of the core.
 */
package org.leasehold.core.internal.syntax;
