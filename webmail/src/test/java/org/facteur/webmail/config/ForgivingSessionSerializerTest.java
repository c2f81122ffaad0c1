package org.facteur.webmail.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.facteur.webmail.imap.MailboxSession;
import org.junit.jupiter.api.Test;
import org.springframework.dao.QueryTimeoutException;

class ForgivingSessionSerializerTest {
    final ForgivingSessionSerializer serializer = new ForgivingSessionSerializer(getClass().getClassLoader());

    @Test
    void aSessionMailboxGoesAndComesBackAndAnUnreadableValueIsAbsent() {
        byte[] stored = serializer.serialize(new MailboxSession("alice@example.org", "pw".toCharArray(), null, null));
        assertThat(serializer.deserialize(stored)).isInstanceOf(MailboxSession.class)
                .hasToString("MailboxSession[alice@example.org]");
        byte[] damaged = stored.clone();
        damaged[damaged.length / 2] ^= 0x55;
        damaged[3] ^= 0x7f;
        assertThat(serializer.deserialize(damaged)).isNull();
        assertThat(serializer.deserialize(new byte[] {(byte) 0xac, (byte) 0xed, 0, 5, 's', 'r', 0, 3, 'x', '.', 'Y'})).isNull();
    }

    @Test
    void aRedisFailureIsFoundUnderSeveralWrappings() {
        QueryTimeoutException redis = new QueryTimeoutException("Redis command timed out");
        Exception wrapped = new jakarta.servlet.ServletException(new IllegalStateException(new RuntimeException(redis)));
        assertThat(SessionStoreDown.storeFailure(wrapped)).containsSame(redis);
        assertThat(SessionStoreDown.storeFailure(new IllegalStateException("something else"))).isEmpty();
    }
}
