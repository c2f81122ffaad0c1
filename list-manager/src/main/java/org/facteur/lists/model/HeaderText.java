package org.facteur.lists.model;

/**
 * Text that ends up in a mail header: a list's name, a subject, a display name. A header value must never carry a
 * line break or a control character, or it can end the header and start a forged one. Text that comes from mail is
 * flattened to one line; text an administrator gives is refused with a sentence saying why.
 */
public final class HeaderText {
    private HeaderText() {
    }

    /**
     * Every line break, tab, control character and other breaking white space becomes one space between words; the
     * ends are trimmed. Non-breaking spaces stay.
     */
    public static String oneLine(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || isControl(c)) {
                space = true;
            } else {
                if (space && !out.isEmpty()) {
                    out.append(' ');
                }
                space = false;
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Refuses a one-line value that is not one line.
     *
     * @param what how the value is called in the refusal, e.g. "The list name"
     * @throws IllegalArgumentException "{what} cannot contain line breaks or control characters."
     */
    public static String requireOneLine(String value, String what) {
        if (value != null && value.chars().anyMatch(c -> isControl((char) c))) {
            throw new IllegalArgumentException(what + " cannot contain line breaks or control characters.");
        }
        return value;
    }

    /**
     * A text of several lines (a footer): CRLF becomes LF; any other control character but LF and tab is refused.
     *
     * @throws IllegalArgumentException "{what} cannot contain control characters other than line breaks and tabs."
     */
    public static String requireText(String value, String what) {
        if (value == null) {
            return null;
        }
        String lines = value.replace("\r\n", "\n");
        if (lines.chars().anyMatch(c -> c != '\n' && c != '\t' && isControl((char) c))) {
            throw new IllegalArgumentException(what + " cannot contain control characters other than line breaks and tabs.");
        }
        return lines;
    }

    /** C0 and C1 controls (CR, LF, NUL, ESC, NEL...), DEL, and the Unicode line and paragraph separators. */
    public static boolean isControl(char c) {
        return Character.getType(c) == Character.CONTROL || c == '\u2028' || c == '\u2029';
    }
}
