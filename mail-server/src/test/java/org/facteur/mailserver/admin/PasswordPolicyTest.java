package org.facteur.mailserver.admin;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

    @Test
    void acceptsALongMixedPassword() {
        assertThatCode(() -> PasswordPolicy.check("alice@example.org", "S3cret-pass")).doesNotThrowAnyException();
    }

    @Test
    void refusesShortPasswords() {
        assertThatThrownBy(() -> PasswordPolicy.check("alice@example.org", "Ab1-xyz"))
                .isInstanceOf(AdminException.class).hasMessageContaining("at least 10 characters");
    }

    @Test
    void refusesASingleKindOfCharacter() {
        assertThatThrownBy(() -> PasswordPolicy.check("alice@example.org", "onlyletterslong"))
                .hasMessageContaining("mix letters");
    }

    @Test
    void refusesPasswordsContainingTheAddress() {
        assertThatThrownBy(() -> PasswordPolicy.check("alice@example.org", "alice-2024-pw"))
                .hasMessageContaining("must not contain the address");
    }

    @Test
    void refusesNull() {
        assertThatThrownBy(() -> PasswordPolicy.check("alice@example.org", null)).isInstanceOf(AdminException.class);
    }
}
