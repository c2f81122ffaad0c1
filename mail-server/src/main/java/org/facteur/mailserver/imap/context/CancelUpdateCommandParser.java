package org.facteur.mailserver.imap.context;

import java.util.ArrayList;
import java.util.List;

import javax.inject.Inject;

import org.apache.james.imap.api.ImapMessage;
import org.apache.james.imap.api.Tag;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.decode.DecodingException;
import org.apache.james.imap.decode.ImapRequestLineReader;
import org.apache.james.imap.decode.base.AbstractImapCommandParser;
import org.facteur.mailserver.imap.BadCommand;

/** Reads {@code CANCELUPDATE "a1" "a2"}: one or more tags, quoted (an atom is accepted too). */
public class CancelUpdateCommandParser extends AbstractImapCommandParser {
    @Inject
    public CancelUpdateCommandParser(StatusResponseFactory statusResponseFactory) {
        super(CancelUpdateRequest.CANCELUPDATE, statusResponseFactory);
    }

    @Override
    protected ImapMessage decode(ImapRequestLineReader request, Tag tag, ImapSession session) throws DecodingException {
        List<Tag> searches = new ArrayList<>();
        while (request.nextChar() == ' ') {
            request.nextWordChar();
            searches.add(new Tag(request.astring()));
        }
        if (searches.isEmpty()) {
            throw BadCommand.decodingException("org.facteur.imap.cancelupdate.syntax",
                    "needs the tag of a search kept up to date, such as CANCELUPDATE \"a1\"");
        }
        request.eol();
        return new CancelUpdateRequest(tag, searches);
    }
}
