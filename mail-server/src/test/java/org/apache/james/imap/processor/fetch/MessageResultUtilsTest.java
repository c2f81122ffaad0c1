package org.apache.james.imap.processor.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Iterator;
import java.util.List;

import org.apache.james.mailbox.model.Header;
import org.facteur.mailserver.mime.PartHeader;
import org.junit.jupiter.api.Test;

/** Several sections reading the header fields of one part (#15): this class shadows James's own. */
class MessageResultUtilsTest {
    private static final Header FROM = new Header("From", "treasurer@example.net");
    private static final Header SUBJECT = new Header("Subject", "minutes");

    @Test
    void theClassJamesLoadsIsFacteursOne() {
        assertThat(MessageResultUtils.class.getProtectionDomain().getCodeSource().getLocation().toString())
                .doesNotContain("protocols-imap");
    }

    @Test
    void eachSectionReadingOnePartsIteratorGetsEveryField() {
        Iterator<Header> storedOnce = PartHeader.of(List.of(FROM, SUBJECT)).iterator();

        assertThat(MessageResultUtils.getAll(storedOnce)).containsExactly(FROM, SUBJECT);
        assertThat(MessageResultUtils.getMatching(List.of("subject"), storedOnce)).containsExactly(SUBJECT);
        assertThat(MessageResultUtils.getNotMatching(List.of("SUBJECT"), storedOnce)).containsExactly(FROM);
        assertThat(MessageResultUtils.getMatching("from", storedOnce)).isEqualTo(FROM);
        assertThat(MessageResultUtils.getAll(storedOnce)).containsExactly(FROM, SUBJECT);
    }

    @Test
    void aPartsFieldsKeepWhetherThePartExists() {
        assertThat(MessageResultUtils.getAll(PartHeader.of(List.of()).iterator()))
                .isInstanceOfSatisfying(PartHeader.class, header -> assertThat(header.exists()).isTrue());
        assertThat(MessageResultUtils.getAll(PartHeader.NONE.iterator()))
                .isInstanceOfSatisfying(PartHeader.class, header -> assertThat(header.exists()).isFalse());
    }

    @Test
    void anyOtherIteratorIsReadAsJamesReadIt() {
        assertThat(MessageResultUtils.getMatching(List.of("From"), List.of(SUBJECT, FROM).iterator())).containsExactly(FROM);
        assertThat(MessageResultUtils.getMatching("Date", List.of(SUBJECT, FROM).iterator())).isNull();
        assertThat(MessageResultUtils.getAll(null)).isEmpty();
    }
}
