package org.facteur.app.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code local.d} the compose file's Rspamd gets, judged by Rspamd's own {@code rspamadm configtest} (Debian's
 * {@code rspamd} package) on top of Debian's configuration; a broken copy is refused, so the judge is really reading it.
 */
class RspamdComposeConfigTest {
    static final Path LOCAL = Path.of("compose/rspamd").toAbsolutePath();

    @Test
    void rspamdAcceptsTheComposeFilesLocalConfiguration() throws Exception {
        String[] result = configtest(LOCAL);
        assertThat(result[0]).as(result[1]).isEqualTo("0");
        assertThat(result[1]).contains("syntax OK");
        assertThat(Files.readString(LOCAL.resolve("local.d/redis.conf"))).contains("servers = \"redis:6379\"");
    }

    @Test
    void aBrokenFileIsRefused(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("local.d"));
        Files.writeString(dir.resolve("local.d/worker-controller.inc"),
                Files.readString(LOCAL.resolve("local.d/worker-controller.inc")).replace("secure_ip = \"127.0.0.1\";", "secure_ip = ;"));
        String[] result = configtest(dir);
        assertThat(result[0]).isNotEqualTo("0");
        assertThat(result[1]).contains("syntax BAD");
    }

    private static String[] configtest(Path localConfDir) throws Exception {
        Process p = new ProcessBuilder("rspamadm", "--var=LOCAL_CONFDIR=" + localConfDir, "configtest", "-c", "/etc/rspamd/rspamd.conf")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new String[] {Integer.toString(p.exitValue()), out};
    }
}
