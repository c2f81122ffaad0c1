package org.facteur.app.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.facteur.lists.RobotLimits;
import org.facteur.mailserver.MailServerSettings;
import org.junit.jupiter.api.Test;

class StartupBannerTest {
    private static final MailServerSettings SETTINGS = new MailServerSettings(Path.of("/srv/facteur/data"), "mail.example.org",
            "0.0.0.0", new MailServerSettings.Ports(2525, 2587, 2465, 2143, 2993), MailServerSettings.Tls.selfSigned(),
            new MailServerSettings.Limits(25L << 20, 0, 50, 50L << 20, List.of("127.0.0.0/8"), 1000, Optional.empty()),
            new MailServerSettings.Outbound(Optional.empty(), List.of(), List.of(Duration.ofMinutes(5)), 5, true), 8,
            new MailServerSettings.Lists("lists", Locale.ENGLISH, Duration.ofDays(7), Duration.ofDays(30), 100, RobotLimits.DEFAULTS));

    @Test
    void theBannerShowsTheWebmailUrl() {
        assertThat(StartupBanner.text(SETTINGS, 8080, Optional.empty(), false, false))
                .contains("Webmail                    http://mail.example.org:8080/" + System.lineSeparator());
    }

    @Test
    void onAFreshInstallTheAdminCommandsComeWithTheDataDirectoryTheyNeed() {
        String text = StartupBanner.text(SETTINGS, 8080, Optional.empty(), true, false);
        assertThat(text).contains("export FACTEUR_DATA_DIR=/srv/facteur/data");
        assertThat(text.indexOf("export FACTEUR_DATA_DIR")).isLessThan(text.indexOf("./facteur admin domain add"));
        assertThat(StartupBanner.text(SETTINGS, 8080, Optional.empty(), false, false)).doesNotContain("FACTEUR_DATA_DIR");
    }

    @Test
    void runningAsRootIsWarnedAbout() {
        assertThat(StartupBanner.text(SETTINGS, 8080, Optional.empty(), false, true)).contains(StartupBanner.ROOT_WARNING);
        assertThat(StartupBanner.text(SETTINGS, 8080, Optional.empty(), false, false)).doesNotContain("root");
    }
}
