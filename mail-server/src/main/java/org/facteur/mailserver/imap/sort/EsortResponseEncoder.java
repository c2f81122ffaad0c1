package org.facteur.mailserver.imap.sort;

import java.io.IOException;
import java.util.List;

import org.apache.james.imap.encode.ImapResponseComposer;
import org.apache.james.imap.encode.ImapResponseEncoder;
import org.facteur.mailserver.imap.context.SequenceSets;

/**
 * Writes {@code * ESEARCH (TAG "a1") UID MIN 7 MAX 3 COUNT 4 ALL 7,1:2,3} (RFC 5267 §3, RFC 4731's syntax). MIN and
 * MAX are the first and last message in the sort order; ALL keeps that order: only runs that go up by one are written
 * as ranges. Nothing matched: the tag alone (and UID), as for SEARCH RETURN.
 */
public final class EsortResponseEncoder implements ImapResponseEncoder<EsortResponse> {
    @Override
    public Class<EsortResponse> acceptableMessages() {
        return EsortResponse.class;
    }

    @Override
    public void encode(EsortResponse response, ImapResponseComposer composer) throws IOException {
        composer.untagged().message("ESEARCH").openParen().message("TAG").quote(response.tag().asString()).closeParen();
        if (response.uids()) {
            composer.message("UID");
        }
        List<Long> ids = response.ids();
        if (!ids.isEmpty()) {
            if (response.returns().contains(SortReturn.MIN)) {
                composer.message("MIN").message(ids.get(0));
            }
            if (response.returns().contains(SortReturn.MAX)) {
                composer.message("MAX").message(ids.get(ids.size() - 1));
            }
        }
        if (response.returns().contains(SortReturn.COUNT)) {
            composer.message("COUNT").message(ids.size());
        }
        if (!ids.isEmpty() && response.returns().contains(SortReturn.ALL)) {
            composer.message("ALL").message(orderedSet(ids));
        }
        composer.end();
    }

    /** A sequence set that lists the ids in their order: {@code 5,1:3,9}. */
    static String orderedSet(List<Long> ids) {
        return SequenceSets.of(ids);
    }
}
