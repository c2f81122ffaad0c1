package org.facteur.lists.mail;

import java.util.regex.Pattern;

/**
 * The reply and forward prefixes mail clients put in front of a Subject, in the languages our members write:
 * {@code Re:}, {@code RE :}, {@code Re[2]:}, {@code Re^2:}, German {@code AW:}/{@code WG:}, Nordic {@code SV:}/{@code VS:},
 * Dutch {@code Antw:}, French {@code Réf. :}/{@code Rép. :}/{@code TR:}, and {@code Fwd:}/{@code Fw:}. A robot reply
 * strips any number of them and adds exactly one {@code Re:}, so that subjects do not pile up "Re: Re: Re:".
 */
public final class ReplySubject {
    /** Any number of prefixes at the start; a keyword counts only when a colon follows it. */
    public static final Pattern PREFIXES = Pattern.compile(
            "^(?:\\s*(?:re|aw|sv|vs|antw|réf|ref|rép|rep|tr|wg|fwd?)\\.?\\s*(?:\\[\\d+\\]|\\^\\d+)?\\s*:\\s*)+",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private ReplySubject() {
    }

    /** The subject without its reply and forward prefixes, trimmed. */
    public static String strip(String subject) {
        return PREFIXES.matcher(subject == null ? "" : subject).replaceFirst("").trim();
    }

    /** The subject of a reply: one {@code Re:} in front of the stripped subject. */
    public static String reply(String subject) {
        return "Re: " + strip(subject);
    }
}
