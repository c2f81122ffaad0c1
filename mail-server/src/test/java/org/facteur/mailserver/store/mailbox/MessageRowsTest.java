package org.facteur.mailserver.store.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.apache.james.mailbox.store.mail.model.StandardNames.MIME_CONTENT_TYPE_PARAMETER_CHARSET_NAME;
import static org.apache.james.mailbox.store.mail.model.StandardNames.MIME_CONTENT_TYPE_PARAMETER_SPACE;
import static org.apache.james.mailbox.store.mail.model.StandardNames.MIME_MEDIA_TYPE_NAME;
import static org.apache.james.mailbox.store.mail.model.StandardNames.MIME_MIME_TYPE_SPACE;
import static org.apache.james.mailbox.store.mail.model.StandardNames.MIME_SUB_TYPE_NAME;

import java.util.List;

import org.apache.james.mailbox.store.mail.model.Property;
import org.apache.james.mailbox.store.mail.model.impl.Properties;
import org.junit.jupiter.api.Test;

/** The message properties column (MIME type, parameters) as stored and read back, parsed once per distinct value. */
class MessageRowsTest {

    @Test
    void propertiesComeBackAsStoredWithEachMessagesOwnLineCount() {
        List<Property> stored = List.of(new Property(MIME_MIME_TYPE_SPACE, MIME_MEDIA_TYPE_NAME, "text"), new Property(MIME_MIME_TYPE_SPACE, MIME_SUB_TYPE_NAME, "plain"),
                new Property(MIME_CONTENT_TYPE_PARAMETER_SPACE, MIME_CONTENT_TYPE_PARAMETER_CHARSET_NAME, "utf-8"));
        String json = MessageRows.json(stored);

        Properties first = MessageRows.properties(json, 12L);
        Properties second = MessageRows.properties(json, 40L);

        assertThat(first.toProperties()).containsExactlyElementsOf(stored);
        assertThat(second.toProperties()).containsExactlyElementsOf(stored);
        assertThat(first.getMediaType()).isEqualTo("text");
        assertThat(first.getSubType()).isEqualTo("plain");
        assertThat(first.getTextualLineCount()).isEqualTo(12L);
        assertThat(second.getTextualLineCount()).isEqualTo(40L);
    }

    @Test
    void differentValuesAreNotMixedUp() {
        String html = MessageRows.json(List.of(new Property(MIME_MIME_TYPE_SPACE, MIME_MEDIA_TYPE_NAME, "text"), new Property(MIME_MIME_TYPE_SPACE, MIME_SUB_TYPE_NAME, "html")));
        String pdf = MessageRows.json(List.of(new Property(MIME_MIME_TYPE_SPACE, MIME_MEDIA_TYPE_NAME, "application"), new Property(MIME_MIME_TYPE_SPACE, MIME_SUB_TYPE_NAME, "pdf")));

        assertThat(MessageRows.properties(html, null).getSubType()).isEqualTo("html");
        assertThat(MessageRows.properties(pdf, null).getSubType()).isEqualTo("pdf");
        assertThat(MessageRows.properties(html, null).getSubType()).isEqualTo("html");
    }

    @Test
    void noPropertiesAndDamagedValues() {
        assertThat(MessageRows.json(List.of())).isNull();
        assertThat(MessageRows.properties(null, 3L).toProperties()).isEmpty();
        assertThat(MessageRows.properties(null, 3L).getTextualLineCount()).isEqualTo(3L);
        assertThatThrownBy(() -> MessageRows.properties("[[\"a\",", 1L)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Unreadable message properties");
    }
}
