package org.facteur.app.backup;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * Backups ({@code facteur.backup.*} or {@code FACTEUR_BACKUP_*}).
 * <ul>
 *   <li>{@code dir}: where snapshots go ({@code FACTEUR_BACKUP_DIR}); blank: next to the data directory, its name plus
 *   {@code -backups}.</li>
 *   <li>{@code schedule}: when the server takes one by itself, as times of day in the server's zone, e.g. {@code 03:30}
 *   or {@code 03:30,15:30} ({@code FACTEUR_BACKUP_SCHEDULE}); blank: never (each snapshot is a full copy, so an
 *   administrator chooses to spend the disk).</li>
 *   <li>{@code repository}: the off-site copy, a restic repository, e.g. a directory, {@code sftp:host:/path},
 *   {@code rest:https://…}, {@code s3:…} ({@code FACTEUR_BACKUP_REPOSITORY}); its password in
 *   {@code FACTEUR_BACKUP_PASSWORD} or, better, a file named by {@code FACTEUR_BACKUP_PASSWORD_FILE}. Blank: no
 *   off-site copy.</li>
 * </ul>
 */
@ConfigurationProperties("facteur.backup")
public record BackupProperties(String repository, String password, Path passwordFile, String dir, String schedule) {

    @ConstructorBinding
    public BackupProperties {
    }

    /** Off-site settings only: snapshots next to the data directory, none taken by the server by itself. */
    public BackupProperties(String repository, String password, Path passwordFile) {
        this(repository, password, passwordFile, null, null);
    }

    public boolean offsite() {
        return repository != null && !repository.isBlank();
    }

    /** Where snapshots of {@code dataDir} go: {@code dir}, else next to the data directory with {@code -backups}. */
    public Path directory(Path dataDir) {
        return directory(dir, dataDir);
    }

    /** The one rule for the snapshot directory, shared with {@code facteur backup}'s client side. */
    public static Path directory(String configured, Path dataDir) {
        Path data = dataDir.toAbsolutePath().normalize();
        return (configured == null || configured.isBlank() ? data.resolveSibling(data.getFileName() + "-backups")
                : Path.of(configured.strip())).toAbsolutePath().normalize();
    }

    @Override
    public String toString() {
        return "BackupProperties[repository=" + repository + ", password=" + (password == null || password.isEmpty() ? "" : "***")
                + ", passwordFile=" + passwordFile + ", dir=" + dir + ", schedule=" + schedule + "]";
    }
}
