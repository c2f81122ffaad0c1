package org.facteur.mailserver.spam;

import java.util.List;
import java.util.Locale;

/** What Rspamd's {@code /checkv2} said of one message: its action, score, the threshold and the symbols that matched. */
public record RspamdVerdict(Action action, double score, double required, String smtpMessage, List<String> symbols) {

    public RspamdVerdict {
        symbols = List.copyOf(symbols);
        smtpMessage = smtpMessage == null ? "" : smtpMessage;
    }

    /** Rspamd's actions (its {@code actions.conf}), and what Facteur does with each. */
    public enum Action {
        /** Refused at the end of DATA with 550 5.7.1. */
        REJECT,
        /** Refused for now with 451 4.7.1 (Rspamd's {@code soft reject} and {@code greylist}): a real server tries again. */
        SOFT_REJECT,
        /** Accepted into the recipients' Junk folder ({@code add header}, {@code rewrite subject}). */
        JUNK,
        /** Accepted into INBOX. */
        NO_ACTION;

        static Action of(String rspamd) {
            return switch (rspamd == null ? "" : rspamd.strip().toLowerCase(Locale.ROOT)) {
                case "reject" -> REJECT;
                case "soft reject", "greylist" -> SOFT_REJECT;
                case "add header", "rewrite subject" -> JUNK;
                default -> NO_ACTION;
            };
        }
    }

    /** The {@code X-Spam-Status} value, SpamAssassin's form, which mail clients' filters read. */
    public String status() {
        return (action == Action.JUNK || action == Action.REJECT ? "Yes" : "No")
                + String.format(Locale.ROOT, ", score=%.2f required=%.2f", score, required);
    }
}
