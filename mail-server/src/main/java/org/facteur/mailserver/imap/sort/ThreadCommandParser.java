package org.facteur.mailserver.imap.sort;

import java.nio.charset.Charset;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.imap.api.ImapCommand;
import org.apache.james.imap.api.ImapMessage;
import org.apache.james.imap.api.Tag;
import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.response.StatusResponse;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.decode.DecodingException;
import org.apache.james.imap.decode.ImapRequestLineReader;

/** Reads {@code THREAD REFERENCES UTF-8 ALL} and its {@code UID THREAD} form (RFC 5256 §3). */
public class ThreadCommandParser extends CriteriaCommandParser {
    public static final ImapCommand THREAD = ImapCommand.selectedStateCommand("THREAD");

    @Inject
    public ThreadCommandParser(StatusResponseFactory statusResponseFactory) {
        super(statusResponseFactory);
    }

    @Override
    public ImapCommand getCommand() {
        return THREAD;
    }

    @Override
    protected ImapMessage decode(ImapRequestLineReader request, Tag tag, boolean useUids, ImapSession session)
            throws DecodingException {
        request.nextWordChar();
        String name = word(request);
        ThreadAlgorithm algorithm = switch (name) {
            case "REFERENCES" -> ThreadAlgorithm.REFERENCES;
            case "ORDEREDSUBJECT" -> ThreadAlgorithm.ORDEREDSUBJECT;
            default -> throw bad("Unknown threading algorithm " + name + ": use REFERENCES or ORDEREDSUBJECT");
        };
        Optional<Charset> charset = charset(request);
        if (charset.isEmpty()) {
            return taggedNo(tag, THREAD, HumanReadableText.BAD_CHARSET, StatusResponse.ResponseCode.badCharset());
        }
        return new ThreadRequest(THREAD, tag, algorithm, searchCriteria(request, session, charset.get()), useUids);
    }
}
