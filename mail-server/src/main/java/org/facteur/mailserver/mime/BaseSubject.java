package org.facteur.mailserver.mime;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The base subject of RFC 5256 §2.1, which SORT SUBJECT and THREAD compare: the subject without its reply and
 * forward markers ({@code Re:}, {@code Fw:}, {@code Fwd:}, {@code (fwd)}, {@code [Fwd: …]}) and without list tags in
 * front ({@code [team]}) unless the tag is all there is; and whether a reply or forward marker was removed.
 *
 * @param text           the base subject, white space collapsed, case kept
 * @param replyOrForward whether the extraction removed a reply or forward marker
 */
public record BaseSubject(String text, boolean replyOrForward) {
    /** subj-leader: white space, or *subj-blob subj-refwd. */
    private static final Pattern LEADER = Pattern.compile(
            "^(?: +|(?:\\[[^\\[\\]]*] *)*(?:re|fwd?) *(?:\\[[^\\[\\]]*] *)?:)", Pattern.CASE_INSENSITIVE);
    private static final Pattern BLOB = Pattern.compile("^\\[[^\\[\\]]*] *");
    private static final Pattern TRAILER = Pattern.compile("(?: |\\(fwd\\))$", Pattern.CASE_INSENSITIVE);

    /** The base subject of a subject whose RFC 2047 words are already decoded. */
    public static BaseSubject of(String decodedSubject) {
        String s = decodedSubject.replaceAll("[\\t\\r\\n ]+", " ");
        boolean marker = false;
        while (true) {
            for (Matcher m = TRAILER.matcher(s); m.find(); m = TRAILER.matcher(s)) {
                marker |= !m.group().equals(" ");
                s = s.substring(0, m.start());
            }
            boolean changed = true;
            while (changed) {
                changed = false;
                Matcher leader = LEADER.matcher(s);
                if (leader.find() && leader.end() > 0) {
                    marker |= !leader.group().isBlank();
                    s = s.substring(leader.end());
                    changed = true;
                    continue;
                }
                Matcher blob = BLOB.matcher(s);
                if (blob.find() && blob.end() < s.length()) {
                    s = s.substring(blob.end());
                    changed = true;
                }
            }
            if (s.length() >= 6 && s.regionMatches(true, 0, "[fwd:", 0, 5) && s.endsWith("]")) {
                s = s.substring(5, s.length() - 1);
                marker = true;
                continue;
            }
            return new BaseSubject(s, marker);
        }
    }

    /**
     * The key RFC 5256's default collation ({@code i;ascii-casemap}) compares: ASCII letters upper-cased, nothing
     * else changed.
     */
    public static String asciiCasemap(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            b.append(c >= 'a' && c <= 'z' ? (char) (c - 32) : c);
        }
        return b.toString();
    }

    /** The key THREAD gathers subjects by: upper-cased whatever the script. */
    public String threadKey() {
        return text.toUpperCase(Locale.ROOT);
    }
}
