package org.facteur.mailserver.search;

import java.time.Instant;

/**
 * One message of a member's "best matches": its mailbox (name as IMAP shows it, and id), UID, relevance score (higher
 * is better; only comparable within one answer), decoded Subject and From, and the date it arrived.
 */
public record BestMatch(String mailbox, String mailboxId, long uid, float score, String subject, String from, Instant received) {
}
