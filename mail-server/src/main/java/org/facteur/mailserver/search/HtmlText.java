package org.facteur.mailserver.search;

import java.util.Locale;
import java.util.Map;

/**
 * The text a reader sees in an HTML part, for searching: tags dropped (block elements and line breaks become line
 * breaks), the content of script, style, head and comments dropped, character references decoded. One linear pass;
 * it never fails on malformed HTML, it only reads it as well as it can.
 */
final class HtmlText {
    private static final Map<String, String> ENTITIES = Map.ofEntries(
            Map.entry("amp", "&"), Map.entry("lt", "<"), Map.entry("gt", ">"), Map.entry("quot", "\""),
            Map.entry("apos", "'"), Map.entry("nbsp", " "), Map.entry("eacute", "é"), Map.entry("egrave", "è"),
            Map.entry("ecirc", "ê"), Map.entry("agrave", "à"), Map.entry("acirc", "â"), Map.entry("ccedil", "ç"),
            Map.entry("ugrave", "ù"), Map.entry("ucirc", "û"), Map.entry("icirc", "î"), Map.entry("ocirc", "ô"),
            Map.entry("euml", "ë"), Map.entry("iuml", "ï"), Map.entry("uuml", "ü"), Map.entry("ouml", "ö"),
            Map.entry("auml", "ä"), Map.entry("szlig", "ß"), Map.entry("Eacute", "É"), Map.entry("Agrave", "À"),
            Map.entry("Ccedil", "Ç"), Map.entry("euro", "€"), Map.entry("laquo", "«"), Map.entry("raquo", "»"),
            Map.entry("hellip", "…"), Map.entry("ndash", "–"), Map.entry("mdash", "—"), Map.entry("rsquo", "’"),
            Map.entry("lsquo", "‘"), Map.entry("rdquo", "”"), Map.entry("ldquo", "“"), Map.entry("copy", "©"),
            Map.entry("oelig", "œ"), Map.entry("OElig", "Œ"), Map.entry("aelig", "æ"), Map.entry("deg", "°"));

    private HtmlText() {
    }

    static String toText(String html) {
        StringBuilder out = new StringBuilder(html.length() / 2);
        int i = 0;
        int n = html.length();
        while (i < n) {
            char c = html.charAt(i);
            if (c == '<') {
                if (html.startsWith("<!--", i)) {
                    int end = html.indexOf("-->", i + 4);
                    i = end < 0 ? n : end + 3;
                    continue;
                }
                int end = html.indexOf('>', i + 1);
                if (end < 0) {
                    out.append(html, i, n);
                    break;
                }
                String name = tagName(html, i + 1, end);
                if (name.equals("script") || name.equals("style") || name.equals("head") || name.equals("title")) {
                    int close = html.toLowerCase(Locale.ROOT).indexOf("</" + name, end);
                    int closeEnd = close < 0 ? -1 : html.indexOf('>', close);
                    i = closeEnd < 0 ? n : closeEnd + 1;
                    out.append(' ');
                    continue;
                }
                out.append(isBlock(name) ? '\n' : ' ');
                i = end + 1;
            } else if (c == '&') {
                int semi = html.indexOf(';', i + 1);
                if (semi > i + 1 && semi - i <= 10) {
                    String ref = html.substring(i + 1, semi);
                    String decoded = decode(ref);
                    if (decoded != null) {
                        out.append(decoded);
                        i = semi + 1;
                        continue;
                    }
                }
                out.append(c);
                i++;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static String tagName(String html, int from, int end) {
        int i = from;
        if (i < end && html.charAt(i) == '/') {
            i++;
        }
        int start = i;
        while (i < end && Character.isLetterOrDigit(html.charAt(i))) {
            i++;
        }
        return html.substring(start, i).toLowerCase(Locale.ROOT);
    }

    private static boolean isBlock(String name) {
        return switch (name) {
            case "br", "p", "div", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "blockquote", "pre", "hr",
                 "ul", "ol", "dl", "dt", "dd", "section", "article", "header", "footer" -> true;
            default -> false;
        };
    }

    private static String decode(String ref) {
        if (ref.startsWith("#")) {
            try {
                int cp = ref.length() > 1 && (ref.charAt(1) == 'x' || ref.charAt(1) == 'X')
                        ? Integer.parseInt(ref.substring(2), 16) : Integer.parseInt(ref.substring(1));
                return Character.isValidCodePoint(cp) ? new String(Character.toChars(cp)) : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return ENTITIES.get(ref);
    }
}
