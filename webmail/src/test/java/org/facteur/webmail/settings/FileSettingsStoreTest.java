package org.facteur.webmail.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSettingsStoreTest extends SettingsStoreContract {
    @TempDir
    Path dir;

    @Override
    protected SettingsStore store() {
        return new FileSettingsStore(dir.resolve("settings"));
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

    @Test
    void listsItsMembersByAddressWhateverTheFileNames() throws Exception {
        FileSettingsStore store = new FileSettingsStore(dir.resolve("settings"));
        assertThat(store.members()).isEmpty();
        store.save("Alice+lists@Example.org", new MemberSettings("Alice", ""));
        store.save(".hidden@x", new MemberSettings("Dot", ""));
        store.save("a b@x", new MemberSettings("Space", ""));
        Files.writeString(dir.resolve("settings/.settings123.tmp"), "left by a crash");
        Files.writeString(dir.resolve("settings/a%zz.properties"), "not named by Facteur");
        assertThat(store.members()).containsExactly(".hidden@x", "a b@x", "alice+lists@example.org");
        for (String member : store.members()) {
            assertThat(store.load(member)).isNotEqualTo(MemberSettings.NONE);
        }
    }
}
