package org.facteur.mailserver.search;

import java.text.Normalizer;

/**
 * The one definition of "contains" that IMAP SEARCH uses for its string keys (RFC 3501 section 6.4.4, RFC 9051
 * section 6.4.4): both sides are brought to Unicode NFC, lower-cased and every run of white space becomes one space;
 * then the key must be a substring of the text. The index's trigrams are taken from the same normalised text, which
 * is why a key's trigrams are always among the text's trigrams when the key matches.
 */
public final class SearchText {
    private SearchText() {
    }

    public static String normalize(String s) {
        if (s == null || s.isEmpty()) {
            return "";
        }
        String nfc = Normalizer.isNormalized(s, Normalizer.Form.NFC) ? s : Normalizer.normalize(s, Normalizer.Form.NFC);
        StringBuilder b = new StringBuilder(nfc.length());
        boolean space = false;
        for (int i = 0; i < nfc.length(); ) {
            int cp = nfc.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isWhitespace(cp) || cp == '\u00a0') {
                if (!space) {
                    b.append(' ');
                }
                space = true;
            } else {
                // One code point at a time, so that a letter folds the same wherever it stands (no final sigma).
                b.appendCodePoint(Character.toLowerCase(cp));
                space = false;
            }
        }
        return b.toString();
    }

    /** True when {@code key} is contained in {@code text} in the sense above (an empty key is in every text). */
    public static boolean contains(String text, String key) {
        return normalize(text).contains(normalize(key));
    }
}
