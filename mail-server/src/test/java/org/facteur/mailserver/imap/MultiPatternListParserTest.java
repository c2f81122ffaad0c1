package org.facteur.mailserver.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import org.apache.james.imap.decode.DecodingException;
import org.apache.james.imap.decode.ImapRequestStreamLineReader;
import org.apache.james.imap.message.response.UnpooledStatusResponseFactory;
import org.junit.jupiter.api.Test;

class MultiPatternListParserTest {
    private final MultiPatternListParser parser = new MultiPatternListParser(new UnpooledStatusResponseFactory());

    private String patterns(String arguments) throws Exception {
        ImapRequestStreamLineReader reader = new ImapRequestStreamLineReader(
                new ByteArrayInputStream((arguments + "\r\n").getBytes(StandardCharsets.US_ASCII)), new ByteArrayOutputStream());
        return parser.listMailbox(reader);
    }

    @Test
    void readsOnePatternOrAParenthesisedList() throws Exception {
        assertThat(patterns("Sent*")).isEqualTo("Sent*");
        assertThat(patterns("(INBOX \"Proj*\" Projets% Sent)")).isEqualTo("INBOX\0Proj*\0Projets%\0Sent");
    }

    @Test
    void anEmptyListIsRefused() {
        assertThatThrownBy(() -> patterns("()")).isInstanceOf(DecodingException.class);
    }
}
