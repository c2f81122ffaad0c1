package org.facteur.webmail.mail;

import java.util.Locale;

import jakarta.mail.search.BodyTerm;
import jakarta.mail.search.FromStringTerm;
import jakarta.mail.search.OrTerm;
import jakarta.mail.search.SearchTerm;
import jakarta.mail.search.SubjectTerm;

/** Where a search looks; each becomes an IMAP SEARCH key (FROM, SUBJECT, BODY), run by the server. */
public enum SearchField {
    ANY, FROM, SUBJECT, BODY;

    public static SearchField parse(String value) {
        if (value == null || value.isBlank()) {
            return ANY;
        }
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return ANY;
        }
    }

    public String param() {
        return name().toLowerCase(Locale.ROOT);
    }

    SearchTerm term(String query) {
        return switch (this) {
            case FROM -> new FromStringTerm(query);
            case SUBJECT -> new SubjectTerm(query);
            case BODY -> new BodyTerm(query);
            case ANY -> new OrTerm(new SearchTerm[] {new FromStringTerm(query), new SubjectTerm(query), new BodyTerm(query)});
        };
    }
}
