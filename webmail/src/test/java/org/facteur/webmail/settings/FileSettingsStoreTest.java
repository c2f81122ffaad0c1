package org.facteur.webmail.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSettingsStoreTest {
    @TempDir
    Path dir;

    @Test
    void savesLoadsAndKeepsEveryMemberApart() throws Exception {
        FileSettingsStore store = new FileSettingsStore(dir.resolve("settings"));
        assertThat(store.load("alice@example.org")).isEqualTo(MemberSettings.NONE);
        store.save("Alice@Example.org", new MemberSettings("Alice Martin", "Trésorière\nASBL Les Amis"));
        store.save("bob@example.org", new MemberSettings("Bob", ""));
        assertThat(store.load("alice@example.org")).isEqualTo(new MemberSettings("Alice Martin", "Trésorière\nASBL Les Amis"));
        assertThat(store.load("bob@example.org").displayName()).isEqualTo("Bob");
        store.save("alice@example.org", new MemberSettings("Alice", ""));
        assertThat(store.load("alice@example.org").signature()).isEmpty();
        assertThat(store.load("alice@example.org").groupConversations()).isFalse();
        store.save("alice@example.org", new MemberSettings("Alice", "", true));
        assertThat(store.load("alice@example.org")).isEqualTo(new MemberSettings("Alice", "", true));
        assertThat(store.load("bob@example.org").groupConversations()).isFalse();
    }

    @Test
    void anAddressCannotNameAFileOutsideTheDirectory() throws Exception {
        FileSettingsStore store = new FileSettingsStore(dir.resolve("settings"));
        store.save("../../etc/passwd@x", new MemberSettings("Mallory", ""));
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(dir.resolve("settings"));
        }
        assertThat(store.load("../../etc/passwd@x").displayName()).isEqualTo("Mallory");
    }
}
