package org.facteur.lists.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import org.junit.jupiter.api.Test;

class VerpAddressTest {
    private static final String TOKEN = "abcdefghijklmnopqrstuvwxyz";

    @Test
    void aMembersEnvelopeSenderIsTheOwnerAddressWithTheTokenAsDetail() {
        MailingList team = MailingList.of("team@example.org", Preset.DISCUSSION, Locale.ENGLISH, 1000);
        assertThat(VerpAddress.of(team, TOKEN).address()).isEqualTo("team-owner+" + TOKEN + "@example.org");
    }

    @Test
    void parsingGivesBackTheListAndTheToken() {
        VerpAddress verp = VerpAddress.parse("Team-Owner+" + TOKEN.toUpperCase(Locale.ROOT) + "@Example.ORG").orElseThrow();
        assertThat(verp.token()).isEqualTo(TOKEN);
        assertThat(verp.ownerAddress()).isEqualTo("team-owner@example.org");
        assertThat(verp.listAddress()).isEqualTo("team@example.org");
        assertThat(VerpAddress.parse("my-team-owner+" + TOKEN + "@example.org").orElseThrow().listAddress())
                .isEqualTo("my-team@example.org");
    }

    @Test
    void otherAddressesAreNoVerpAddress() {
        assertThat(VerpAddress.parse("team-owner@example.org")).isEmpty();
        assertThat(VerpAddress.parse("team+" + TOKEN + "@example.org")).isEmpty();
        assertThat(VerpAddress.parse("team-request+" + TOKEN + "@example.org")).isEmpty();
        assertThat(VerpAddress.parse("-owner+" + TOKEN + "@example.org")).isEmpty();
        assertThat(VerpAddress.parse("team-owner+short@example.org")).isEmpty();
        assertThat(VerpAddress.parse("team-owner+" + TOKEN + "1@example.org")).isEmpty();
        assertThat(VerpAddress.parse("team-owner+bob=remote.test@example.org")).isEmpty();
        assertThat(VerpAddress.parse("not an address")).isEmpty();
        assertThat(VerpAddress.parse(null)).isEmpty();
    }

    @Test
    void tokensAreWellFormedAndDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String token = MemberToken.random();
            assertThat(MemberToken.isWellFormed(token)).isTrue();
            assertThat(seen.add(token)).isTrue();
        }
        assertThat(MemberToken.isWellFormed("ABCDEFGHIJKLMNOPQRSTUVWXYZ")).isFalse();
        assertThat(MemberToken.isWellFormed("abcdefghijklmnopqrstuvwxy1")).isFalse();
        assertThat(MemberToken.isWellFormed("../../etc/passwd")).isFalse();
    }
}
