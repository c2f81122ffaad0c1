package org.facteur.mailserver.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.apache.james.user.lib.model.Algorithm;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.Test;

class PasswordHashingTest {
    private final PasswordHashing hashing = PasswordHashing.ARGON2ID;

    @Test
    void currentHashesAreArgon2idPhcStringsWithTheirOwnSalt() {
        String hash = hashing.hash("S3cret-pass");
        assertThat(hash).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(hashing.hash("S3cret-pass")).isNotEqualTo(hash);
        assertThat(hashing.verify("S3cret-pass", hash)).isTrue();
        assertThat(hashing.verify("S3cret-pasS", hash)).isFalse();
        assertThat(hashing.verify("", hash)).isFalse();
        assertThat(hashing.needsRehash(hash)).isFalse();
    }

    @Test
    void theHashIsStandardArgon2idThatAnyImplementationCanCheck() {
        // Recompute independently from the stored parameters, as the issue-9 store or another tool would.
        String hash = hashing.hash("Ünïcødé pass");
        String[] parts = hash.split("\\$");
        byte[] salt = Base64.getDecoder().decode(parts[4]);
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(19456).withIterations(2).withParallelism(1).withSalt(salt).build());
        byte[] out = new byte[32];
        generator.generateBytes("Ünïcødé pass".getBytes(StandardCharsets.UTF_8), out);
        assertThat(parts[5]).isEqualTo(Base64.getEncoder().withoutPadding().encodeToString(out));
    }

    @Test
    void hashesOtherParametersStillVerifyButAskForARehash() {
        PasswordHashing lighter = new PasswordHashing(8 * 1024, 1, 1, 1);
        String old = lighter.hash("S3cret-pass");
        assertThat(hashing.verify("S3cret-pass", old)).isTrue();
        assertThat(hashing.needsRehash(old)).isTrue();
    }

    @Test
    void jamesPbkdf2HashesAsFacteurStoredThemBeforeIssue16AreCheckedAndReplaced() {
        // Exactly what James 3.8.1's JPAUser stored with <algorithm>PBKDF2-SHA512</algorithm>: 1,000 iterations,
        // the user name as salt, MIME base64 with a line break.
        String james = Algorithm.of("PBKDF2-SHA512").digest("S3cret-pass", "alice@example.org");
        assertThat(james).contains("\r\n");
        String legacy = PasswordHashing.fromJames("PBKDF2-SHA512", "alice@example.org", james);
        assertThat(legacy).startsWith("$pbkdf2-sha512$i=1000,l=64$");
        assertThat(hashing.verify("S3cret-pass", legacy)).isTrue();
        assertThat(hashing.verify("S3cret-pasS", legacy)).isFalse();
        assertThat(hashing.needsRehash(legacy)).isTrue();

        String explicit = Algorithm.of("PBKDF2-SHA512-2000-512").digest("S3cret-pass", "bob@example.org");
        assertThat(hashing.verify("S3cret-pass", PasswordHashing.fromJames("PBKDF2-SHA512-2000-512", "bob@example.org", explicit)))
                .isTrue();
    }

    @Test
    void otherJamesAlgorithmsAreRefusedNotGuessed() {
        assertThatThrownBy(() -> PasswordHashing.fromJames("SHA-512", "alice@example.org", "abc"))
                .hasMessageContaining("unsupported James password algorithm: SHA-512");
        assertThatThrownBy(() -> PasswordHashing.fromJames("NONE", "alice@example.org", "S3cret-pass"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void malformedOrForeignStoredValuesNeverMatch() {
        String hash = hashing.hash("S3cret-pass");
        for (String stored : new String[] {null, "", "S3cret-pass", "!PBKDF2", hash.replace("m=19456", "m=4"),
                hash.replace("t=2", "t=0"), hash.substring(0, hash.length() - 2), "$argon2i$" + hash.substring(10),
                "$pbkdf2-sha512$i=0,l=64$YQ$" + "A".repeat(86)}) {
            assertThat(hashing.verify("S3cret-pass", stored)).as(String.valueOf(stored)).isFalse();
        }
        assertThat(hashing.verify(null, hash)).isFalse();
    }

    @Test
    void aDecoyCheckSaysNo() {
        assertThat(hashing.verifyDecoy("anything")).isFalse();
        assertThat(hashing.verifyDecoy(null)).isFalse();
    }

    @Test
    void aRightPasswordCheckedAgainLetsNoWrongOneThrough() {
        PasswordHashing hashing = new PasswordHashing(8 * 1024, 1, 1, 1);
        String stored = hashing.hash("Orage-7-mer");

        assertThat(hashing.verify("Orage-7-mer", stored)).isTrue();
        assertThat(hashing.verify("Orage-7-mer", stored)).as("again, remembered").isTrue();
        assertThat(hashing.verify("Orage-7-meR", stored)).isFalse();
        assertThat(hashing.verify("Orage-7-mer", hashing.hash("Vent-du-nord-3"))).as("a new password's hash").isFalse();
        assertThat(hashing.verify("Vent-du-nord-3", stored)).isFalse();
    }
}
