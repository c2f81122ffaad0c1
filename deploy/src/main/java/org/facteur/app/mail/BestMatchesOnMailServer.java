package org.facteur.app.mail;

import java.util.List;

import org.facteur.mailserver.search.BestMatch;
import org.facteur.webmail.mail.BestMatches;
import org.springframework.stereotype.Component;

/** The webmail's "best matches" on the embedded mail server's search index, for the logged-in member's own folders. */
@Component
class BestMatchesOnMailServer implements BestMatches {
    private final MailServerLifecycle mail;

    BestMatchesOnMailServer(MailServerLifecycle mail) {
        this.mail = mail;
    }

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public List<Match> find(String address, String words, int limit) {
        return mail.server().orElseThrow(() -> new UnavailableException("The mail server is still starting; try again in a moment."))
                .bestMatches(address, words, limit).stream()
                .map(BestMatchesOnMailServer::match)
                .toList();
    }

    private static Match match(BestMatch m) {
        return new Match(m.mailbox(), m.uid(), m.score(), m.subject(), m.from(), m.received());
    }
}
