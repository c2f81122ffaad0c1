package org.facteur.mailserver.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DkimKeysTest {
    @TempDir
    Path dir;
    Instant now = Instant.parse("2026-12-01T17:00:00Z");
    final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    private static List<String> selectors(List<DkimKey> keys) {
        return keys.stream().map(DkimKey::selector).toList();
    }

    @Test
    void aDomainGetsADatedRsaAndEd25519SelectorInOwnerOnlyFiles() throws Exception {
        DkimKeys keys = new DkimKeys(dir, clock, Duration.ofDays(7));
        assertThat(keys.ensure("Example.ORG")).isTrue();
        assertThat(keys.ensure("example.org")).isFalse();
        List<DkimKey> signing = keys.signingKeys("example.org");
        assertThat(selectors(signing)).containsExactly("f202612", "e202612");
        assertThat(signing.get(0).recordText()).startsWith("v=DKIM1; k=rsa; p=MIIBIjAN"); // 2048-bit SubjectPublicKeyInfo
        assertThat(((java.security.interfaces.RSAKey) signing.get(0).privateKey()).getModulus().bitLength()).isEqualTo(2048);
        // RFC 8463: p= is the bare 32-byte Ed25519 key, 44 base64 characters
        assertThat(signing.get(1).recordText()).matches("v=DKIM1; k=ed25519; p=[A-Za-z0-9+/]{43}=");
        for (String file : List.of("f202612.key", "e202612.key", "selectors")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("example.org").resolve(file))))
                    .isEqualTo("rw-------");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("example.org")))).isEqualTo("rwx------");
        // another instance (a restart) reads the same keys
        List<DkimKey> reread = new DkimKeys(dir, clock, Duration.ofDays(7)).signingKeys("example.org");
        assertThat(reread.get(0).privateKey()).isEqualTo(signing.get(0).privateKey());
        assertThat(reread.get(1).recordText()).isEqualTo(signing.get(1).recordText());
    }

    @Test
    void rotationSignsWithNewSelectorsAtOnceAndKeepsTheOldOnesPublishedForTheDelay() {
        DkimKeys keys = new DkimKeys(dir, clock, Duration.ofDays(7));
        keys.ensure("example.org");
        now = now.plus(Duration.ofDays(1));
        assertThat(selectors(keys.rotate("example.org"))).containsExactly("f202612b", "e202612b");
        assertThat(selectors(keys.signingKeys("example.org"))).containsExactly("f202612b", "e202612b");
        assertThat(selectors(keys.published("example.org"))).containsExactly("f202612", "e202612", "f202612b", "e202612b");
        assertThat(keys.published("example.org").get(0).publishedUntil()).contains(now.plus(Duration.ofDays(7)));

        now = now.plus(Duration.ofDays(7)).plusSeconds(1);
        assertThat(selectors(keys.published("example.org"))).containsExactly("f202612b", "e202612b");
        // the next rotation forgets the expired keys, files included
        now = now.plus(Duration.ofDays(40));
        assertThat(selectors(keys.rotate("example.org"))).containsExactly("f202701", "e202701");
        assertThat(dir.resolve("example.org/f202612.key")).doesNotExist();
        assertThat(selectors(new DkimKeys(dir, clock, Duration.ofDays(7)).published("example.org")))
                .containsExactly("f202612b", "e202612b", "f202701", "e202701");
    }

    @Test
    void aDomainWithoutKeysOrAnInvalidNameSignsNothing() {
        DkimKeys keys = new DkimKeys(dir, clock, Duration.ofDays(7));
        assertThat(keys.signingKeys("remote.test")).isEmpty();
        assertThat(keys.signingKeys("../etc")).isEmpty();
        assertThat(keys.published("remote.test")).isEmpty();
    }
}
