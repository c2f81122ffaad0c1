package org.facteur.mailserver.imap.sort;

import java.io.IOException;

import org.apache.james.imap.encode.ImapResponseComposer;
import org.apache.james.imap.encode.ImapResponseEncoder;

/** Writes {@code * SORT 3 1 2} (RFC 5256 §4); an empty result is {@code * SORT}. */
public final class SortResponseEncoder implements ImapResponseEncoder<SortResponse> {
    @Override
    public Class<SortResponse> acceptableMessages() {
        return SortResponse.class;
    }

    @Override
    public void encode(SortResponse response, ImapResponseComposer composer) throws IOException {
        composer.untagged().message("SORT");
        for (long id : response.ids()) {
            composer.message(id);
        }
        composer.end();
    }
}
