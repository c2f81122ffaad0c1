package org.facteur.webmail.settings;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What every {@link SettingsStore} does: run on the files of one node and on the shared database. */
public abstract class SettingsStoreContract {
    protected abstract SettingsStore store() throws Exception;

    @Test
    void savesLoadsAndKeepsEveryMemberApart() throws Exception {
        SettingsStore store = store();
        assertThat(store.load("alice@example.org")).isEqualTo(MemberSettings.NONE);
        store.save("Alice@Example.org", new MemberSettings("Alice Martin", "Trésorière\nASBL Les Amis"));
        store.save("bob@example.org", new MemberSettings("Bob", ""));
        assertThat(store.load("alice@example.org")).isEqualTo(new MemberSettings("Alice Martin", "Trésorière\nASBL Les Amis"));
        assertThat(store.load(" ALICE@example.org ")).as("the same member whatever the case")
                .isEqualTo(new MemberSettings("Alice Martin", "Trésorière\nASBL Les Amis"));
        assertThat(store.load("bob@example.org").displayName()).isEqualTo("Bob");
        store.save("alice@example.org", new MemberSettings("Alice", ""));
        assertThat(store.load("alice@example.org").signature()).isEmpty();
        assertThat(store.load("alice@example.org").groupConversations()).isFalse();
        store.save("alice@example.org", new MemberSettings("Alice", "", true));
        assertThat(store.load("alice@example.org")).isEqualTo(new MemberSettings("Alice", "", true));
        assertThat(store.load("bob@example.org").groupConversations()).isFalse();
    }

    @Test
    void keepsEveryCharacterOfALongSignature() throws Exception {
        SettingsStore store = store();
        String signature = ("Émile Ünal — ASBL « Les Amis » 🌍 ключ\\n%s'\"; DROP TABLE x;--\n").repeat(30).strip();
        store.save("emile@example.org", new MemberSettings("Émile \"Mimile\" Ünal", signature, true));
        assertThat(store.load("emile@example.org")).isEqualTo(new MemberSettings("Émile \"Mimile\" Ünal", signature, true));
        store.save("nul@example.org", new MemberSettings("Nul\0", "before\0after"));
        assertThat(store.load("nul@example.org")).as("NUL, which PostgreSQL refuses, is dropped")
                .isEqualTo(new MemberSettings("Nul", "beforeafter"));
    }
}
