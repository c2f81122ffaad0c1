package org.facteur.mailserver.spam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class RspamdSettingsTest {

    @Test
    void theControllerDefaultsToPort11334NextToADefaultNormalWorker() {
        RspamdSettings s = RspamdSettings.of("http://rspamd.internal:11333/", "", "");
        assertThat(s.checkUrl()).isEqualTo(URI.create("http://rspamd.internal:11333"));
        assertThat(s.learnUrl()).contains(URI.create("http://rspamd.internal:11334"));
    }

    @Test
    void anotherPortGivesNoLearningUnlessTheControllerIsNamed() {
        assertThat(RspamdSettings.of("http://127.0.0.1:8080", null, "").learnUrl()).isEmpty();
        assertThat(RspamdSettings.of("http://127.0.0.1:8080", "https://controller.internal/", "").learnUrl())
                .contains(URI.create("https://controller.internal"));
    }

    @Test
    void onlyHttpUrlsAreAccepted() {
        assertThatThrownBy(() -> RspamdSettings.of("127.0.0.1:11333", "", ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("FACTEUR_RSPAMD_URL must be an http://");
        assertThatThrownBy(() -> RspamdSettings.of("http://127.0.0.1:11333", "ftp://x", ""))
                .hasMessageContaining("FACTEUR_RSPAMD_LEARN_URL");
    }

    @Test
    void thePasswordIsNeverPrinted() {
        assertThat(new RspamdSettings(URI.create("http://h:1"), Optional.empty(), "q1-secret").toString())
                .doesNotContain("q1-secret").contains("password set");
    }
}
