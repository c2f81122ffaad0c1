package org.facteur.mailserver.mime;

/**
 * How much MIME structure a message may have before anything parses it deeply (SMTP DATA, IMAP APPEND).
 * {@code maxDepth}: nested multiparts and message/rfc822 parts (real mail rarely goes past 10);
 * {@code maxParts}: body parts in the whole message; {@code maxHeaderBytes} and {@code maxHeaderLines}: the size of
 * one header section (the message's or a part's). Defaults are far above what real mail has and far below what
 * makes a MIME parser overflow its stack or spend minutes.
 */
public record MimeLimits(int maxDepth, int maxParts, int maxHeaderBytes, int maxHeaderLines) {
    public static final MimeLimits DEFAULTS = new MimeLimits(50, 2_000, 1024 * 1024, 10_000);

    public MimeLimits {
        if (maxDepth < 1 || maxParts < 1 || maxHeaderBytes < 1024 || maxHeaderLines < 10) {
            throw new IllegalArgumentException("MIME limits too small: depth and parts at least 1, header sections at least"
                    + " 1 KB and 10 lines (" + maxDepth + ", " + maxParts + ", " + maxHeaderBytes + ", " + maxHeaderLines + ")");
        }
    }
}
