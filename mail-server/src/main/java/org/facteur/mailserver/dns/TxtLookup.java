package org.facteur.mailserver.dns;

import java.util.List;

/**
 * TXT records of one name, as the inbound checks need them: the records, none (the name or its TXT records do not
 * exist), or a temporary failure (timeout, SERVFAIL), which RFC 7208, 6376 and 7489 treat differently from none.
 */
@FunctionalInterface
public interface TxtLookup {
    Answer txt(String name);

    sealed interface Answer permits Found, NotFound, TemporaryFailure {
    }

    /** Each record's strings joined, as RFC 6376 and 7489 read them. */
    record Found(List<String> records) implements Answer {
        public Found {
            records = List.copyOf(records);
        }
    }

    record NotFound() implements Answer {
    }

    record TemporaryFailure(String reason) implements Answer {
    }
}
