package org.facteur.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.jar.JarFile;

import org.junit.jupiter.api.Test;

/**
 * What the runnable jar carries: one current Lucene, none of the retired stores' libraries, and Facteur's mail
 * server ahead of James's jars on the class path, so that its replacements of James's header writers (#15.2), of
 * its FETCH part navigation (#15.7) and of how FETCH gathers and reads several sections of one part (#15) are the
 * ones loaded.
 */
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
    void facteursReplacementsOfJamesClassesComeBeforeJamesOnes() throws Exception {
        List<String> order;
        try (JarFile jar = new JarFile(FacteurProcess.JAR.toFile())) {
            String index = new String(jar.getInputStream(jar.getEntry("BOOT-INF/classpath.idx")).readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8);
            order = index.lines().map(l -> l.replaceAll("^- \"BOOT-INF/lib/(.*)\"$", "$1")).toList();
        }
        int facteur = indexOf(order, "facteur-mail-server-");
        assertThat(facteur).isGreaterThanOrEqualTo(0);
        assertThat(facteur).isLessThan(indexOf(order, "james-server-core-"));
        assertThat(facteur).isLessThan(indexOf(order, "protocols-imap-"));
        assertThat(facteur).isLessThan(indexOf(order, "apache-james-mailbox-store-"));
    }

    @Test
    void facteursMailServerCarriesEachReplacement() throws Exception {
        List<String> classes = new java.util.ArrayList<>();
        try (JarFile jar = new JarFile(FacteurProcess.JAR.toFile())) {
            java.util.jar.JarEntry mailServer = jar.stream()
                    .filter(e -> e.getName().startsWith("BOOT-INF/lib/facteur-mail-server-")).findFirst().orElseThrow();
            try (java.util.jar.JarInputStream nested = new java.util.jar.JarInputStream(jar.getInputStream(mailServer))) {
                for (java.util.jar.JarEntry e = nested.getNextJarEntry(); e != null; e = nested.getNextJarEntry()) {
                    classes.add(e.getName());
                }
            }
        }
        assertThat(classes).contains("org/apache/james/server/core/InternetHeadersInputStream.class",
                "org/apache/james/mailbox/store/streaming/PartContentBuilder.class",
                "org/apache/james/imap/processor/fetch/MimeBodyElement.class",
                "org/apache/james/imap/processor/fetch/HeaderBodyElement.class",
                "org/apache/james/imap/processor/fetch/MessageResultUtils.class",
                "org/apache/james/imap/processor/fetch/FetchDataConverter.class");
    }

    private static int indexOf(List<String> order, String prefix) {
        for (int i = 0; i < order.size(); i++) {
            if (order.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void neitherOpenJpaNorDerbyIsShipped() throws Exception {
        assertThat(nestedLibraries()).noneMatch(n -> n.startsWith("openjpa") || n.startsWith("derby"));
    }

    @Test
    void attachmentsAreReadWithPdfBox3AndNoApachePoi() throws Exception {
        List<String> libs = nestedLibraries();
        assertThat(libs).anyMatch(n -> n.matches("pdfbox-3\\..*\\.jar")).anyMatch(n -> n.matches("fontbox-3\\..*\\.jar"));
        assertThat(libs).noneMatch(n -> n.startsWith("poi-") || n.startsWith("xmlbeans"));
        assertThat(libs).as("PDFBox logs through jcl-over-slf4j").noneMatch(n -> n.startsWith("commons-logging-"));
    }
}
