package org.facteur.mailserver;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The one owner of the data directory's layout: every part of Facteur asks this type where its files go,
 * instead of spelling paths itself. Backups, restores and migrations read the same list.
 * <pre>
 * &lt;data&gt;/conf/              James's XML, generated at every start from the settings (never edit)
 *        tls/               the self-signed certificate when none is configured
 *        admin/             the admin API's token and endpoint (owner-only)
 *        srs/secret         the key of the SRS addresses of forwarded mail (owner-only)
 *        dkim/&lt;domain&gt;/     each domain's DKIM keys and selectors (owner-only)
 *        pgp/               members' OpenPGP keys and settings
 *        webmail/settings/  members' webmail settings
 *        var/facteur.db     the embedded SQLite database (with -wal and -shm beside it)
 *        var/blobs/         message bodies, by content (SHA-256)
 *        var/store/search/  the search index (Lucene 10; rebuilt from the store whenever it is missing)
 *        var/store/list-archives/  the lists' archive search index (Lucene 10; rebuilt from the database when missing)
 *        var/queue/&lt;name&gt;/  the mail queues (spool, outgoing...): one file per waiting mail
 *        var/mail/          mail repositories (errors, refused mail)
 *        var/log/           logs of embedded components
 *        var/derby-release-backup/  the Derby databases of release 0.1 after ./facteur migrate converted them
 *        var/facteur.lock   locked by the running Facteur (one per data directory)
 * </pre>
 * The data directory of the Derby-based releases also had {@code var/store/derby} and
 * {@code var/store/lists}: {@link #legacyDerbyStore()} and {@link #legacyDerbyLists()}; releases until 2026-12-06
 * queued mail in ActiveMQ's KahaDB, {@link #legacyActiveMqQueues()}.
 */
public record DataDirectory(Path root) {

    public DataDirectory {
        Objects.requireNonNull(root, "root");
        root = root.toAbsolutePath().normalize();
    }

    public static DataDirectory of(Path root) {
        return new DataDirectory(root);
    }

    /** The file the running Facteur locks ({@link DataDirectoryLock}); its content is nothing. */
    public Path processLock() {
        return root.resolve("var/facteur.lock");
    }

    public Path conf() {
        return root.resolve("conf");
    }

    public Path tls() {
        return root.resolve("tls");
    }

    public Path admin() {
        return root.resolve("admin");
    }

    public Path pgp() {
        return root.resolve("pgp");
    }

    /** The secret of the SRS addresses given to forwarded mail. */
    public Path srs() {
        return root.resolve("srs");
    }

    /** The DKIM keys of each local domain, one directory per domain. */
    public Path dkim() {
        return root.resolve("dkim");
    }

    public Path webmailSettings() {
        return root.resolve("webmail/settings");
    }

    public Path database() {
        return root.resolve("var/facteur.db");
    }

    public Path blobs() {
        return root.resolve("var/blobs");
    }

    public Path searchIndex() {
        return root.resolve("var/store/search");
    }

    /** The full-text index of the lists' archives (the posts themselves are in the database). */
    public Path listArchiveIndex() {
        return root.resolve("var/store/list-archives");
    }

    /** Where James's Lucene 3.6 index lived until Facteur's own index replaced it; removed at start. */
    public Path retiredSearchIndex() {
        return root.resolve("var/store/lucene");
    }

    public Path queues() {
        return root.resolve("var/queue");
    }

    /**
     * The ActiveMQ/KahaDB mail queues of releases until 2026-12-06: the first start of a later release moves the mail
     * waiting there into {@link #queues()} and removes this directory.
     */
    public Path legacyActiveMqQueues() {
        return root.resolve("var/store/activemq");
    }

    /**
     * Where {@link #legacyActiveMqQueues()} goes (in a directory named by the time) when some of its mail could not be
     * read at that first start: what did not move, kept for the operator, never read again.
     */
    public Path legacyActiveMqLeftovers() {
        return root.resolve("var/store/activemq-not-moved");
    }

    public Path mailRepositories() {
        return root.resolve("var/mail");
    }

    public Path logs() {
        return root.resolve("var/log");
    }

    /** The JPA/Derby mailbox store of releases before Facteur's own SQL store. */
    public Path legacyDerbyStore() {
        return root.resolve("var/store/derby");
    }

    /** The Derby list store of releases before Facteur's own SQL store. */
    public Path legacyDerbyLists() {
        return root.resolve("var/store/lists");
    }

    /**
     * Where {@code ./facteur migrate} moves the Derby databases once their content is committed in the new store
     * ({@code derby/} and {@code lists/} inside): kept for the operator to delete, never read again.
     */
    public Path derbyReleaseBackup() {
        return root.resolve("var/derby-release-backup");
    }
}
