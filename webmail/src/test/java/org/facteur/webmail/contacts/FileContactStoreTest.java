package org.facteur.webmail.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileContactStoreTest extends ContactStoreContract {
    @TempDir
    Path dir;

    @Override
    protected ContactStore store() {
        return new FileContactStore(dir.resolve("settings"));
    }

    @Test
    void eachMemberHasHerOwnFileNextToHerSettings() throws Exception {
        FileContactStore store = new FileContactStore(dir.resolve("settings"));
        store.save("Alice@Example.org", ContactList.of(List.of(new Contact("Bob Martin", "bob@example.org", 3, T0))));
        store.save("bob@example.org", ContactList.of(List.of(new Contact("", "carol@example.org", 1, T0))));
        try (var files = Files.list(dir.resolve("settings"))) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .containsExactlyInAnyOrder("alice%40example.org.contacts", "bob%40example.org.contacts");
        }
        assertThat(store.members()).containsExactly("alice@example.org", "bob@example.org");
    }

    @Test
    void theFileHoldsNameAddressCountAndLastUseOnlyOneLineEach() throws Exception {
        FileContactStore store = new FileContactStore(dir);
        store.save("alice@example.org", ContactList.of(List.of(
                new Contact("Mallory\n9\t0\tinjected@example.org\tX", "mallory@example.org", 1, T0))));
        List<String> lines = Files.readAllLines(dir.resolve("alice%40example.org.contacts"), StandardCharsets.UTF_8);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("#");
        assertThat(lines.get(1)).isEqualTo("1\t" + T0.getEpochSecond() + "\tmallory@example.org\tMallory 9 0 injected@example.org X");
        assertThat(store.load("alice@example.org").stored()).extracting(Contact::address).containsExactly("mallory@example.org");
    }

    @Test
    void aSaveReplacesTheWholeFileByOneMoveReadableByItsOwnerOnly() throws Exception {
        FileContactStore store = new FileContactStore(dir);
        store.save("alice@example.org", ContactList.of(List.of(new Contact("", "bob@example.org", 1, T0))));
        Path file = dir.resolve("alice%40example.org.contacts");
        Object before = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        store.save("alice@example.org", ContactList.of(List.of(new Contact("", "carol@example.org", 1, T0))));
        assertThat(Files.readAttributes(file, BasicFileAttributes.class).fileKey())
                .as("a new file moved into place, not the old one rewritten").isNotEqualTo(before);
        assertThat(Files.readString(file)).doesNotContain("bob@");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (var files = Files.list(dir)) {
            assertThat(files).as("no temporary file left").containsExactly(file);
        }
    }

    @Test
    void damagedLinesAreSkippedAndAnAddressCannotNameAFileElsewhere() throws Exception {
        FileContactStore store = new FileContactStore(dir.resolve("settings"));
        store.save("../../etc/passwd@x", ContactList.of(List.of(new Contact("", "bob@example.org", 1, T0))));
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(dir.resolve("settings"));
        }
        Path file = org.facteur.webmail.settings.FileSettingsStore.memberFile(dir.resolve("settings"), "../../etc/passwd@x",
                FileContactStore.SUFFIX);
        assertThat(file.getParent()).isEqualTo(dir.resolve("settings"));
        Files.writeString(file, Files.readString(file) + "x\ty\tz\n\n7\t12\tcarol@example.org\tCarol\n", StandardCharsets.UTF_8);
        assertThat(store.load("../../etc/passwd@x").stored()).extracting(Contact::address, Contact::uses)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("bob@example.org", 1),
                        org.assertj.core.groups.Tuple.tuple("carol@example.org", 7));
    }
}
