package org.facteur.webmail.contacts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.facteur.webmail.settings.FileSettingsStore;

/**
 * One file per member next to her settings, {@code <data>/webmail/settings/<address>.contacts}: a comment line, then
 * one line per contact, tab-separated: uses, last use (seconds since 1970), address, name. Replaced whole and
 * atomically ({@link FileSettingsStore#replace}); a line that does not read is skipped.
 */
public final class FileContactStore implements ContactStore {
    static final String SUFFIX = ".contacts";
    private static final String HEADER = "# Facteur webmail contacts: uses, last used (epoch seconds), address, name\n";
    private final Path directory;

    public FileContactStore(Path directory) {
        this.directory = directory;
    }

    @Override
    public ContactList load(String member) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file(member), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return ContactList.of(List.of());
        }
        List<Contact> contacts = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.split("\t", 4);
            if (line.startsWith("#") || f.length != 4) {
                continue;
            }
            try {
                contacts.add(new Contact(f[3], f[2], Integer.parseInt(f[0]), Instant.ofEpochSecond(Long.parseLong(f[1]))));
            } catch (RuntimeException e) {
                // a damaged line: the other contacts still count
            }
        }
        return ContactList.of(contacts);
    }

    @Override
    public void save(String member, ContactList contacts) throws IOException {
        Files.createDirectories(directory);
        StringBuilder text = new StringBuilder(HEADER);
        for (Contact c : contacts.stored()) {
            text.append(c.uses()).append('\t').append(c.lastUsed().getEpochSecond()).append('\t')
                    .append(c.address()).append('\t').append(c.name()).append('\n');
        }
        FileSettingsStore.replace(file(member), text.toString());
    }

    /** The members who have an address book here (their addresses, lower-cased), to copy them into a shared database. */
    public List<String> members() throws IOException {
        return FileSettingsStore.members(directory, SUFFIX);
    }

    private Path file(String member) {
        return FileSettingsStore.memberFile(directory, member, SUFFIX);
    }
}
