package org.facteur.mailserver.imap;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.james.imap.decode.DecodingException;
import org.junit.jupiter.api.Test;

class BadCommandTest {
    @Test
    void clientInputRepeatedInTheSentenceCannotEndOrSplitTheResponseLine() {
        DecodingException refusal = BadCommand.decodingException("org.facteur.test",
                "Invalid character in a mailbox pattern: '\r' then '\n', '\0', 'é' and '\u2028'");
        String written = refusal.getKey().getDefaultValue();
        assertThat(written).isEqualTo("Invalid character in a mailbox pattern: '\\x0d' then '\\x0a', '\\x00', '\\xe9' and '\\u2028'");
        assertThat(written.chars()).allMatch(c -> c >= 0x20 && c < 0x7f);
        assertThat(refusal.getMessage()).isEqualTo(written);
    }

    @Test
    void aPlainSentenceIsWrittenAsItIs() {
        assertThat(BadCommand.decodingException("org.facteur.test", "Unknown sort criterion BOGUS: use ARRIVAL").getKey()
                .getDefaultValue()).isEqualTo("Unknown sort criterion BOGUS: use ARRIVAL");
    }
}
