package org.facteur.mailserver.imap;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LiteralAnnouncementTest {
    @Test
    void readsTheSizeAndTheKindAtTheEndOfALine() {
        assertThat(LiteralAnnouncement.endingLine("a1 APPEND INBOX {42}\r\n")).isEqualTo(new LiteralAnnouncement(42, true));
        assertThat(LiteralAnnouncement.endingLine("a1 APPEND INBOX {42+}\r")).isEqualTo(new LiteralAnnouncement(42, false));
        assertThat(LiteralAnnouncement.endingLine("{0}")).isEqualTo(new LiteralAnnouncement(0, true));
        assertThat(LiteralAnnouncement.endingLine("a1 LOGIN {9999999999999999999999}").size()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void aLineWithoutAnAnnouncementAnnouncesNothing() {
        assertThat(LiteralAnnouncement.endingLine("a1 NOOP\r\n").announced()).isFalse();
        assertThat(LiteralAnnouncement.endingLine("a1 SEARCH TEXT \"{5}\"\r\n").announced()).isFalse();
        assertThat(LiteralAnnouncement.endingLine("5}\r\n").announced()).isFalse();
        assertThat(LiteralAnnouncement.endingLine("").announced()).isFalse();
    }

    @Test
    void bracesAroundSomethingElseAreMalformed() {
        assertThat(LiteralAnnouncement.endingLine("a1 LOGIN {-1}\r\n").malformed()).isTrue();
        assertThat(LiteralAnnouncement.endingLine("a1 LOGIN {x}").malformed()).isTrue();
        assertThat(LiteralAnnouncement.endingLine("a1 LOGIN {+}").malformed()).isTrue();
        assertThat(LiteralAnnouncement.endingLine("a1 LOGIN {-1}\r\n").announced()).isFalse();
    }
}
