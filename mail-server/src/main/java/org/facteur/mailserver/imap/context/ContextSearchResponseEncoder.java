package org.facteur.mailserver.imap.context;

import java.io.IOException;

import org.apache.james.imap.encode.ImapResponseComposer;
import org.apache.james.imap.encode.ImapResponseEncoder;

/** Writes {@code * ESEARCH (TAG "a1") UID ADDTO (0 7:9)}: the tag, UID for a UID SEARCH, then the return data. */
public final class ContextSearchResponseEncoder implements ImapResponseEncoder<ContextSearchResponse> {
    @Override
    public Class<ContextSearchResponse> acceptableMessages() {
        return ContextSearchResponse.class;
    }

    @Override
    public void encode(ContextSearchResponse response, ImapResponseComposer composer) throws IOException {
        composer.untagged().message("ESEARCH").openParen().message("TAG").quote(response.tag().asString()).closeParen();
        if (response.uids()) {
            composer.message("UID");
        }
        for (String item : response.data()) {
            composer.message(item);
        }
        composer.end();
    }
}
