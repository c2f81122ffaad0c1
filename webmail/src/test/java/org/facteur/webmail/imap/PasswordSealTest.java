package org.facteur.webmail.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

import org.junit.jupiter.api.Test;

class PasswordSealTest {
    static final char[] PASSWORD = "Mot de passe é 🔑".toCharArray();

    @Test
    void opensWithItsKeyAndLoginOnly() throws Exception {
        String key = PasswordSeal.newKey();
        byte[] sealed = PasswordSeal.seal(PASSWORD, key, "login-1");
        assertThat(PasswordSeal.open(sealed, key, "login-1")).isEqualTo(PASSWORD);
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("Mot de passe");
        assertThat(key).hasSize(43).matches("[A-Za-z0-9_-]+");

        assertThatThrownBy(() -> PasswordSeal.open(sealed, PasswordSeal.newKey(), "login-1"))
                .isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> PasswordSeal.open(sealed, key, "login-2")).as("moved to another login")
                .isInstanceOf(GeneralSecurityException.class);
        byte[] altered = sealed.clone();
        altered[altered.length - 1] ^= 1;
        assertThatThrownBy(() -> PasswordSeal.open(altered, key, "login-1")).isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void aBrokenKeyOrShortSealIsRefusedNotThrownAsSomethingElse() {
        byte[] sealed = PasswordSeal.seal(PASSWORD, PasswordSeal.newKey(), "l");
        assertThatThrownBy(() -> PasswordSeal.open(sealed, "not base64 !", "l")).isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> PasswordSeal.open(sealed, "c2hvcnQ", "l")).isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> PasswordSeal.open(new byte[5], PasswordSeal.newKey(), "l"))
                .isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void eachSealIsDifferent() {
        String key = PasswordSeal.newKey();
        assertThat(PasswordSeal.seal(PASSWORD, key, "l")).isNotEqualTo(PasswordSeal.seal(PASSWORD, key, "l"));
    }
}
