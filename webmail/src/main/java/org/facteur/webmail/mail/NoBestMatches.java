package org.facteur.webmail.mail;

import java.util.List;

/** Used when no mail server index is wired in (the webmail on its own): only the exact IMAP search is offered. */
public final class NoBestMatches implements BestMatches {
    @Override
    public boolean available() {
        return false;
    }

    @Override
    public List<Match> find(String address, String words, int limit) {
        return List.of();
    }
}
