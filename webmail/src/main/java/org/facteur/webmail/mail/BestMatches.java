package org.facteur.webmail.mail;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * "Best matches": the member's messages ranked by relevance across all their folders, with English and French word
 * forms ("réunions" finds "réunion", "meetings" finds "meeting"). IMAP SEARCH has no ranking, so this is a port,
 * implemented where the mail server's index is (Facteur's {@code deploy}); the exact IMAP search stays the default.
 */
public interface BestMatches {

    /** False when nothing answers (the webmail on its own): the search page then does not offer the choice. */
    boolean available();

    /**
     * The messages of the member {@code address}'s own folders that best match {@code words}, best first, at most
     * {@code limit}. The words are plain text, never a query language.
     */
    List<Match> find(String address, String words, int limit);

    /** One ranked message: its folder (IMAP name) and UID, its score (higher is better), Subject, From and arrival. */
    record Match(String folder, long uid, double score, String subject, String from, Instant received) {

        /** The arrival in the server's time zone, for display; null when unknown. */
        public ZonedDateTime localDate() {
            return received == null ? null : received.atZone(ZoneId.systemDefault());
        }
    }

    /** The mail server cannot answer now (it is starting). The message is one sentence to show. */
    final class UnavailableException extends RuntimeException {
        public UnavailableException(String message) {
            super(message);
        }
    }
}
