package org.facteur.mailserver.imap;

/**
 * The literal that the end of an IMAP command line announces (RFC 3501 §4.3, RFC 7888): {@code {N}} (synchronizing:
 * the client waits for a {@code +} before sending the N bytes) or {@code {N+}} (non-synchronizing: they follow at once).
 * A line ending in "}" can only be such an announcement, since "{" is not allowed in atoms and quoted strings end with
 * a quote.
 *
 * @param size the number of bytes announced, or {@link Long#MAX_VALUE} for more digits than a long holds; -1 when
 *             the line does not end in an announcement, -2 when it ends in braces around something that is not a size
 *             ({@code {-1}}, {@code {}}, {@code {x}})
 */
record LiteralAnnouncement(long size, boolean synchronizing) {
    private static final LiteralAnnouncement NONE = new LiteralAnnouncement(-1, false);
    private static final LiteralAnnouncement MALFORMED = new LiteralAnnouncement(-2, false);

    /** What {@code line} (its end, CR LF excluded or not) announces. */
    static LiteralAnnouncement endingLine(CharSequence line) {
        int len = line.length();
        if (len > 0 && line.charAt(len - 1) == '\n') {
            len--;
        }
        if (len > 0 && line.charAt(len - 1) == '\r') {
            len--;
        }
        if (len < 3 || line.charAt(len - 1) != '}') {
            return NONE;
        }
        int close = len - 1;
        boolean synchronizing = line.charAt(close - 1) != '+';
        int digitsEnd = synchronizing ? close : close - 1;
        int open = digitsEnd - 1;
        while (open >= 0 && line.charAt(open) != '{') {
            open--;
        }
        if (open < 0) {
            return NONE;
        }
        if (open + 1 == digitsEnd) {
            return MALFORMED;
        }
        for (int i = open + 1; i < digitsEnd; i++) {
            char c = line.charAt(i);
            if (c < '0' || c > '9') {
                return MALFORMED;
            }
        }
        long size = digitsEnd - open - 1 > 18 ? Long.MAX_VALUE
                : Long.parseLong(line.subSequence(open + 1, digitsEnd).toString());
        return new LiteralAnnouncement(size, synchronizing);
    }

    /** Whether the line announces a literal (of a valid size). */
    boolean announced() {
        return size >= 0;
    }

    boolean malformed() {
        return size == -2;
    }
}
