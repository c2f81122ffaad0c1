package org.facteur.webmail.settings;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * One small properties file per member under {@code <data>/webmail/settings}, named after the address
 * (percent-encoded, so no address can name a path outside the directory). Written to a temporary file
 * and moved into place, so a crash leaves the old or the new settings, never half of them.
 */
public class FileSettingsStore implements SettingsStore {
    private static final String SUFFIX = ".properties";
    private final Path directory;

    public FileSettingsStore(Path directory) {
        this.directory = directory;
    }

    @Override
    public MemberSettings load(String address) throws IOException {
        Path file = file(address);
        if (!Files.exists(file)) {
            return MemberSettings.NONE;
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        }
        return new MemberSettings(p.getProperty("displayName"), p.getProperty("signature"),
                Boolean.parseBoolean(p.getProperty("groupConversations", "false").strip()));
    }

    @Override
    public void save(String address, MemberSettings settings) throws IOException {
        Files.createDirectories(directory);
        Properties p = new Properties();
        p.setProperty("displayName", settings.displayName());
        p.setProperty("signature", settings.signature());
        p.setProperty("groupConversations", Boolean.toString(settings.groupConversations()));
        StringWriter text = new StringWriter();
        p.store(text, null);
        replace(file(address), text.toString());
    }

    /**
     * Writes {@code text} (UTF-8) to a temporary file of the same directory (readable by its owner only), then
     * moves it over {@code file} in one step: readers see the old content or the new, never half of it.
     */
    public static void replace(Path file, String text) throws IOException {
        Path tmp = Files.createTempFile(file.getParent(), ".settings", ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The members who have settings here (their addresses, lower-cased), to copy them into a shared database. */
    public List<String> members() throws IOException {
        return members(directory, SUFFIX);
    }

    private Path file(String address) {
        return memberFile(directory, address, SUFFIX);
    }

    /** The members who have a file ending in {@code suffix} in {@code directory}: the inverse of {@link #memberFile}. */
    public static List<String> members(Path directory, String suffix) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(name -> name.endsWith(suffix) && name.length() > suffix.length() && !name.startsWith("."))
                    .flatMap(name -> decoded(name.substring(0, name.length() - suffix.length())).stream())
                    .sorted().toList();
        }
    }

    /** The address a file is named after, or nothing for a name this class did not write (skipped). */
    private static java.util.Optional<String> decoded(String name) {
        try {
            return java.util.Optional.of(URLDecoder.decode(name, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException notOurs) {
            return java.util.Optional.empty();
        }
    }

    /** A file of the member's in {@code directory}: the percent-encoded, lower-cased address plus {@code suffix}. */
    public static Path memberFile(Path directory, String address, String suffix) {
        String name = URLEncoder.encode(address.strip().toLowerCase(Locale.ROOT), StandardCharsets.UTF_8);
        if (name.isEmpty()) {
            throw new IllegalArgumentException("not an address: " + address);
        }
        if (name.startsWith(".")) {
            name = "%2E" + name.substring(1); // no hidden files, no "." or ".."
        }
        return directory.resolve(name + suffix);
    }
}
