package org.facteur.lists.archive;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.facteur.lists.store.ArchivedPost;

/**
 * Writes archived posts as an mbox in the mboxrd form (RFC 4155 and the "mboxrd" of qmail and mutt): each post
 * starts with a {@code From sender date} line, its lines end with LF, and every line that starts with {@code From }
 * after any number of {@code >} gets one more {@code >}, so a reader that removes one {@code >} gets every post back
 * byte for byte (but for CRLF, which becomes LF as mbox files want). Thunderbird, mutt and Python's mailbox read it.
 */
public final class Mbox {
    /** asctime() without the time zone, in UTC: {@code Thu Dec  3 06:15:00 2026}. */
    private static final DateTimeFormatter ASCTIME = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final byte[] FROM_ = "From ".getBytes(StandardCharsets.US_ASCII);

    private Mbox() {
    }

    /**
     * Appends one post.
     *
     * @param sender the address for the separator line (the post's From address); {@code MAILER-DAEMON} when blank
     */
    public static void write(ArchivedPost post, String sender, OutputStream out) throws IOException {
        String envelope = sender == null || sender.isBlank() || sender.chars().anyMatch(c -> c <= ' ' || c > '~')
                ? "MAILER-DAEMON" : sender;
        out.write(("From " + envelope + " " + ASCTIME.format(post.entry().archivedAt()) + "\n").getBytes(StandardCharsets.US_ASCII));
        byte[] message = post.message();
        int start = 0;
        while (start < message.length) {
            int end = start;
            while (end < message.length && message[end] != '\n') {
                end++;
            }
            int lineEnd = end > start && message[end - 1] == '\r' ? end - 1 : end;
            if (quoted(message, start, lineEnd)) {
                out.write('>');
            }
            out.write(message, start, lineEnd - start);
            out.write('\n');
            start = end + 1;
        }
        out.write('\n'); // the blank line before the next separator
    }

    /** Whether the line is {@code >*From }: such a line would be read as a separator, or lose a quote. */
    private static boolean quoted(byte[] message, int start, int end) {
        int at = start;
        while (at < end && message[at] == '>') {
            at++;
        }
        if (end - at < FROM_.length) {
            return false;
        }
        for (int i = 0; i < FROM_.length; i++) {
            if (message[at + i] != FROM_[i]) {
                return false;
            }
        }
        return true;
    }
}
