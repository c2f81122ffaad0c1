package org.facteur.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.jar.JarFile;

import org.junit.jupiter.api.Test;

/** What the runnable jar carries: one current Lucene, and none of the retired stores' libraries. */
class PackagedJarIT {

    private static List<String> nestedLibraries() throws Exception {
        try (JarFile jar = new JarFile(FacteurProcess.JAR.toFile())) {
            return jar.stream().map(e -> e.getName()).filter(n -> n.startsWith("BOOT-INF/lib/"))
                    .map(n -> n.substring("BOOT-INF/lib/".length())).toList();
        }
    }

    @Test
    void searchRunsOnLucene10AndJamesLucene36IsGone() throws Exception {
        List<String> libs = nestedLibraries();
        assertThat(libs).anyMatch(n -> n.matches("lucene-core-10\\..*\\.jar"));
        assertThat(libs).noneMatch(n -> n.matches("lucene-.*-[1-9]\\..*\\.jar") && !n.matches("lucene-.*-1[0-9]\\..*\\.jar"));
        assertThat(libs).noneMatch(n -> n.startsWith("apache-james-mailbox-lucene"));
    }

    @Test
    void neitherOpenJpaNorDerbyIsShipped() throws Exception {
        assertThat(nestedLibraries()).noneMatch(n -> n.startsWith("openjpa") || n.startsWith("derby"));
    }
}
