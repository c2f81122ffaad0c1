package org.facteur.mailserver.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.james.imap.api.message.IdRange;
import org.apache.james.imap.api.message.response.StatusResponse.ResponseCode;
import org.apache.james.mailbox.model.UidValidity;
import org.junit.jupiter.api.Test;

class NamedUidsTest {
    private static ResponseCode james(IdRange[] source, IdRange... destination) {
        return ResponseCode.copyUid(UidValidity.of(7), source, destination);
    }

    @Test
    void theSourceIsTheUidsNamedWhenTheDestinationHasAsMany() {
        ResponseCode code = NamedUids.copyUid(List.of(new IdRange(2), new IdRange(5, 6)),
                james(new IdRange[] {new IdRange(1, 3)}, new IdRange(10, 12))).orElseThrow();
        assertThat(code.getCode()).isEqualTo("COPYUID");
        assertThat(code.getNumber()).isEqualTo(7);
        assertThat(List.copyOf(code.getParameters())).containsExactly("2,5:6", "10:12");
    }

    @Test
    void noCopyUidWhenTheCountsDifferOrNothingWasCopied() {
        IdRange[] requested = {new IdRange(1, Long.MAX_VALUE)};
        // Another session expunged one of the three the view still held: two copies, which two is unknown.
        assertThat(NamedUids.copyUid(List.of(new IdRange(1, 3)), james(requested, new IdRange(10, 11)))).isEmpty();
        // A message arrived that the view had not seen: James copied four.
        assertThat(NamedUids.copyUid(List.of(new IdRange(1, 3)), james(requested, new IdRange(10, 13)))).isEmpty();
        // Nothing copied at all.
        assertThat(NamedUids.copyUid(List.of(new IdRange(1, 3)), james(requested))).isEmpty();
        assertThat(NamedUids.copyUid(List.of(), james(requested, new IdRange(10)))).isEmpty();
    }
}
