package org.facteur.mailserver.imap.context;

import java.io.IOException;

import org.apache.james.imap.encode.ImapResponseComposer;
import org.apache.james.imap.encode.ImapResponseEncoder;

/** Writes {@code * NO [NOUPDATE "a1"]} and a sentence saying how to get updates again. */
public final class UpdateRefusedResponseEncoder implements ImapResponseEncoder<UpdateRefusedResponse> {
    @Override
    public Class<UpdateRefusedResponse> acceptableMessages() {
        return UpdateRefusedResponse.class;
    }

    @Override
    public void encode(UpdateRefusedResponse response, ImapResponseComposer composer) throws IOException {
        String tag = response.tag().asString().replace("\\", "\\\\").replace("\"", "\\\"");
        composer.untagged().message("NO [NOUPDATE \"" + tag + "\"]").message("This session already keeps "
                + response.limit() + " searches up to date: the results are sent, but this one will not be updated;"
                + " CANCELUPDATE one of the others first").end();
    }
}
