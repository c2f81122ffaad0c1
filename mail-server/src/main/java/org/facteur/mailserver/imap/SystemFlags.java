package org.facteur.mailserver.imap;

import java.util.Arrays;
import java.util.Optional;

import javax.mail.Flags;

import org.apache.james.imap.api.display.HumanReadableText;

/**
 * The flags a client may set (RFC 3501 §2.3.2): the system flags {@code \Seen}, {@code \Answered}, {@code \Flagged},
 * {@code \Deleted} and {@code \Draft}, and keywords, which have no backslash. James 3.8.1 kept any other
 * {@code \word} a client sent in STORE or APPEND as a keyword and sent it back in FLAGS, where RFC 3501 §9 says a
 * server must not send a flag extension no standard defines. Dovecot answers {@code BAD Invalid system flag}; so does
 * Facteur, with this sentence.
 */
public final class SystemFlags {
    private SystemFlags() {
    }

    /**
     * The first flag with a backslash that is not one of the five system flags a client may set, if it sent one
     * ({@code \Recent} is one only where Facteur's APPEND parser keeps it for this check).
     */
    public static Optional<String> unknown(Flags flags) {
        return Arrays.stream(flags.getUserFlags()).filter(flag -> flag.startsWith("\\")).findFirst();
    }

    public static String sentence(String flag) {
        return "Invalid system flag " + flag + ": a client may set \\Seen \\Answered \\Flagged \\Deleted and \\Draft; "
                + "a keyword is written without a backslash";
    }

    public static HumanReadableText refusal(String flag) {
        return new HumanReadableText("org.facteur.imap.flag.unknown", BadCommand.printable(sentence(flag)));
    }
}
