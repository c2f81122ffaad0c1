package org.facteur.lists.bounce;

/**
 * One recipient's failure as a bounce reports it.
 *
 * @param recipient the failed address, lower-cased (empty when the report does not say)
 * @param status the enhanced status code (RFC 3463), {@code 5.1.1}; the most specific the report gives
 * @param diagnostic what the receiving server said, on one line (empty when the report does not say)
 */
public record Bounce(String recipient, String status, BounceKind kind, String diagnostic) {
}
