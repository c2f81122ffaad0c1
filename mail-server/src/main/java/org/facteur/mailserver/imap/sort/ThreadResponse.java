package org.facteur.mailserver.imap.sort;

import java.util.List;

import org.apache.james.imap.api.message.response.ImapResponseMessage;

/** The untagged {@code * THREAD} answer: one tree per thread. */
public record ThreadResponse(List<ThreadNode> threads) implements ImapResponseMessage {
    public ThreadResponse {
        threads = List.copyOf(threads);
    }

    /** The thread lists as RFC 5256 writes them, one after the other without spaces: {@code (1 2)(3 (4)(5))}. */
    public String threadLists() {
        StringBuilder out = new StringBuilder();
        for (ThreadNode thread : threads) {
            out.append('(');
            thread.writeTo(out);
            out.append(')');
        }
        return out.toString();
    }
}
