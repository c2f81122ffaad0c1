package org.facteur.webmail.mime;

import java.util.Locale;

import org.springframework.web.util.HtmlUtils;

/**
 * The text of an HTML body, for quoting it in a plain-text reply: markup dropped, {@code <script>},
 * {@code <style>} and {@code <head>} dropped with their content, line breaks where blocks end, entities
 * decoded. One pass over the input (the regular expressions it replaces were quadratic on unclosed tags).
 */
public final class HtmlText {
    private static final String[] DROPPED = {"script", "style", "head"};
    private static final String[] LINE_ENDS = {"br", "/p", "/div", "/tr", "p", "div", "tr", "li"};

    private HtmlText() {
    }

    public static String of(String html) {
        StringBuilder text = new StringBuilder(Math.min(html.length(), 1 << 20));
        String lower = html.toLowerCase(Locale.ROOT);
        int i = 0;
        int n = html.length();
        while (i < n) {
            char c = html.charAt(i);
            if (c != '<') {
                text.append(c);
                i++;
                continue;
            }
            int close = html.indexOf('>', i + 1);
            if (close < 0) {
                break; // an unclosed tag ends the text
            }
            String name = tagName(lower, i + 1, close);
            i = close + 1;
            String dropped = droppedElement(name);
            if (dropped != null) {
                int end = lower.indexOf("</" + dropped, i);
                if (end < 0) {
                    break;
                }
                int endClose = html.indexOf('>', end);
                i = endClose < 0 ? n : endClose + 1;
            } else if (endsLine(name)) {
                text.append('\n');
            }
        }
        String decoded = HtmlUtils.htmlUnescape(text.toString());
        return collapseBlankLines(decoded).strip();
    }

    private static String tagName(String lower, int from, int to) {
        int i = from;
        while (i < to && !Character.isWhitespace(lower.charAt(i)) && lower.charAt(i) != '>'
                && (i == from || lower.charAt(i) != '/')) {
            i++;
        }
        return lower.substring(from, i);
    }

    private static String droppedElement(String name) {
        for (String d : DROPPED) {
            if (d.equals(name)) {
                return d;
            }
        }
        return null;
    }

    private static boolean endsLine(String name) {
        for (String l : LINE_ENDS) {
            if (l.equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** At most one blank line in a row. */
    private static String collapseBlankLines(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int newlines = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            newlines = c == '\n' ? newlines + 1 : 0;
            if (newlines <= 2) {
                out.append(c);
            }
        }
        return out.toString();
    }
}
