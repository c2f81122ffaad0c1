package org.facteur.webmail.compose;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import org.facteur.webmail.mail.MessageView;
import org.facteur.webmail.mime.HtmlText;

/**
 * Fills the compose form for a reply, a reply to all or a forward of a message, as mail clients do:
 * "Re:"/"Fwd:" once, the original quoted with "> ", In-Reply-To and References set so that every
 * client threads the answer, the member's own address left out of a reply to all.
 */
public final class Replies {
    public enum Mode {
        REPLY, ALL, FORWARD, DRAFT;

        public static Mode parse(String value) {
            try {
                return valueOf(value.strip().toUpperCase(Locale.ROOT));
            } catch (RuntimeException e) {
                return null;
            }
        }
    }

    /**
     * Words in the member's language: "On {date}, {from} wrote:", the forward header line, and the line that
     * ends a quote cut at {@link #MAX_QUOTE_CHARS}.
     */
    public record Wording(String wrote, String forwarded, String quoteCut) {
        public Wording(String wrote, String forwarded) {
            this(wrote, forwarded, "[…]");
        }
    }

    /**
     * Characters of the original quoted in a reply or a forward (about 30 pages): a reply never needs more,
     * and the compose page and its draft saves stay small whatever the original holds.
     */
    public static final int MAX_QUOTE_CHARS = 100_000;

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private Replies() {
    }

    public static ComposeForm form(MessageView original, Mode mode, String me, Wording words) {
        ComposeForm form = new ComposeForm();
        String date = original.localDate() == null ? "" : DATE.format(original.localDate());
        switch (mode) {
            case REPLY, ALL -> {
                List<String> replyTo = original.replyTo().isEmpty() ? List.of(original.from()) : original.replyTo();
                form.setTo(String.join(", ", replyTo));
                if (mode == Mode.ALL) {
                    Set<String> others = new LinkedHashSet<>(original.to());
                    others.addAll(original.cc());
                    form.setCc(String.join(", ", without(others, me, replyTo)));
                }
                form.setSubject(prefixed("Re: ", original.subject(), "re:"));
                form.setBody("\n\n" + String.format(words.wrote(), date, original.from()) + "\n" + quote(bodyOf(original, words)));
                form.setInReplyTo(original.messageId() == null ? "" : original.messageId());
                String refs = original.references() == null ? "" : original.references().strip();
                if (original.messageId() != null) {
                    refs = (refs + " " + original.messageId()).strip();
                }
                form.setReferences(refs);
            }
            case FORWARD -> {
                form.setSubject(prefixed("Fwd: ", original.subject(), "fwd:", "fw:"));
                form.setBody("\n\n" + words.forwarded() + "\nFrom: " + original.from() + "\nDate: " + date
                        + "\nSubject: " + original.subject() + "\nTo: " + String.join(", ", original.to()) + "\n\n"
                        + bodyOf(original, words));
                form.setAttachFromFolder(original.folder());
                form.setAttachFromUid(original.uid());
            }
            case DRAFT -> {
                form.setTo(String.join(", ", original.to()));
                form.setCc(String.join(", ", original.cc()));
                form.setSubject(original.subject());
                form.setBody(original.text() == null ? "" : original.text());
                form.setInReplyTo(original.inReplyTo() == null ? "" : original.inReplyTo());
                form.setReferences(original.references() == null ? "" : original.references());
                form.setDraftUid(original.uid());
                if (!original.attachments().isEmpty()) {
                    form.setAttachFromFolder(original.folder());
                    form.setAttachFromUid(original.uid());
                }
            }
        }
        return form;
    }

    static String prefixed(String prefix, String subject, String... already) {
        String s = subject == null ? "" : subject.strip();
        for (String a : already) {
            if (s.toLowerCase(Locale.ROOT).startsWith(a)) {
                return s;
            }
        }
        return prefix + s;
    }

    static String quote(String text) {
        StringBuilder out = new StringBuilder();
        for (String line : text.replace("\r\n", "\n").split("\n", -1)) {
            out.append(line.startsWith(">") ? ">" : "> ").append(line).append('\n');
        }
        return out.toString();
    }

    /** The original's text (of its HTML when it has no text: the reply is plain text), cut at {@link #MAX_QUOTE_CHARS}. */
    private static String bodyOf(MessageView original, Wording words) {
        String text = original.text() != null ? original.text() : original.html() != null ? HtmlText.of(original.html()) : "";
        return text.length() <= MAX_QUOTE_CHARS ? text : text.substring(0, MAX_QUOTE_CHARS) + "\n" + words.quoteCut();
    }

    private static List<String> without(Set<String> addresses, String me, List<String> alreadyTo) {
        Set<String> skip = new LinkedHashSet<>();
        skip.add(bare(me));
        alreadyTo.forEach(a -> skip.add(bare(a)));
        List<String> out = new ArrayList<>();
        for (String a : addresses) {
            if (!skip.contains(bare(a))) {
                out.add(a);
            }
        }
        return out;
    }

    private static String bare(String address) {
        try {
            return new InternetAddress(address, false).getAddress().toLowerCase(Locale.ROOT);
        } catch (AddressException e) {
            return address.strip().toLowerCase(Locale.ROOT);
        }
    }
}
