package org.facteur.mailserver.imap.sort;

import java.io.IOException;

import org.apache.james.imap.encode.ImapResponseComposer;
import org.apache.james.imap.encode.ImapResponseEncoder;

/** Writes {@code * THREAD (1 2)(3 (4)(5))} (RFC 5256 §4); no thread is {@code * THREAD}. */
public final class ThreadResponseEncoder implements ImapResponseEncoder<ThreadResponse> {
    @Override
    public Class<ThreadResponse> acceptableMessages() {
        return ThreadResponse.class;
    }

    @Override
    public void encode(ThreadResponse response, ImapResponseComposer composer) throws IOException {
        composer.untagged().message("THREAD");
        String lists = response.threadLists();
        if (!lists.isEmpty()) {
            composer.message(lists);
        }
        composer.end();
    }
}
