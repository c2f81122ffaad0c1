package org.facteur.app.backup;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The off-site copy of snapshots ({@code FACTEUR_BACKUP_REPOSITORY}: a restic repository, e.g. a directory,
 * {@code sftp:host:/path}, {@code rest:https://…}, {@code s3:…}; its password in {@code FACTEUR_BACKUP_PASSWORD} or,
 * better, a file named by {@code FACTEUR_BACKUP_PASSWORD_FILE}). Blank repository: no off-site copy.
 */
@ConfigurationProperties("facteur.backup")
public record BackupProperties(String repository, String password, Path passwordFile) {

    public boolean offsite() {
        return repository != null && !repository.isBlank();
    }

    @Override
    public String toString() {
        return "BackupProperties[repository=" + repository + ", password=" + (password == null || password.isEmpty() ? "" : "***")
                + ", passwordFile=" + passwordFile + "]";
    }
}
