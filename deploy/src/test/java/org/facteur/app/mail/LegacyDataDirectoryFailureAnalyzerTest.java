package org.facteur.app.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Files;
import java.nio.file.Path;

import org.facteur.mailserver.DataDirectory;
import org.facteur.mailserver.LegacyDataDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.io.support.SpringFactoriesLoader;

/** What Spring Boot prints when the mail server refuses a data directory of the Derby release: the sentence alone. */
class LegacyDataDirectoryFailureAnalyzerTest {
    @TempDir
    Path dir;

    @Test
    void theStartFailureIsReportedAsTheOneSentenceWithoutAnAction() throws Exception {
        Files.createDirectories(DataDirectory.of(dir).legacyDerbyStore());
        Throwable refused = catchThrowable(() -> LegacyDataDirectory.refuseToStart(DataDirectory.of(dir)));
        Throwable asSpringSeesIt = new IllegalStateException("Failed to start bean 'mailServerLifecycle'",
                new IllegalStateException("The mail server could not start: " + refused.getMessage(), refused));

        // Registered for Spring Boot (other analyzers in that list need a bean factory, so only ours is made here).
        assertThat(SpringFactoriesLoader.forDefaultResourceLocation(getClass().getClassLoader())
                .load(FailureAnalyzer.class, SpringFactoriesLoader.FailureHandler.logging(
                        org.apache.commons.logging.LogFactory.getLog(getClass()))))
                .anyMatch(LegacyDataDirectoryFailureAnalyzer.class::isInstance);
        FailureAnalysis analysis = new LegacyDataDirectoryFailureAnalyzer().analyze(asSpringSeesIt);

        assertThat(analysis.getDescription()).isEqualTo(refused.getMessage()).contains("./facteur migrate");
        assertThat(analysis.getAction()).isNull();
    }
}
