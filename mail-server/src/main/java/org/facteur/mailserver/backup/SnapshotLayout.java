package org.facteur.mailserver.backup;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.facteur.mailserver.DataDirectory;

/**
 * What a snapshot does with each part of the data directory, read from {@link DataDirectory}: every place that type
 * names is listed here with its treatment, and {@code SnapshotLayoutTest} fails when the layout gains a place this
 * list does not decide on, so a new part cannot be left out of backups silently.
 */
public final class SnapshotLayout {

    /** How a part is taken, in the order {@link SnapshotWriter} takes them. */
    public enum Treatment {
        /**
         * The mail queues, first: acknowledged mail not yet delivered (one file per mail; of a queue still in KahaDB
         * from an earlier release, its journal).
         */
        QUEUE,
        /** The SQL store through SQLite's online backup ({@code VACUUM INTO}). */
        DATABASE,
        /** Message bodies, after the database: every body the copied database refers to already exists. */
        BODIES,
        /** Plain files, copied as they are. */
        FILES,
        /** Not in a snapshot; {@link Part#why()} says why. */
        LEFT_OUT
    }

    public record Part(String name, Path path, Treatment treatment, String why) {
    }

    private SnapshotLayout() {
    }

    /**
     * The part a file of the data directory belongs to: the one whose place holds it (the database's {@code -wal} and
     * {@code -shm} files belong to the database); empty for a file in no part of the layout.
     */
    public static Optional<Part> partOf(DataDirectory data, Path file) {
        Path f = file.toAbsolutePath().normalize();
        return of(data).stream().filter(p -> f.startsWith(p.path())
                || p.treatment() == Treatment.DATABASE && f.getParent().equals(p.path().getParent())
                && f.getFileName().toString().startsWith(p.path().getFileName() + "-")).findFirst();
    }

    public static List<Part> of(DataDirectory data) {
        return List.of(
                new Part("mail queues", data.queues(), Treatment.QUEUE,
                        "acknowledged mail not yet delivered, one file per mail (files being written left out)"),
                new Part("ActiveMQ mail queues of an earlier release", data.legacyActiveMqQueues(), Treatment.QUEUE,
                        "mail an earlier release acknowledged and had not delivered yet (the journal; the first start"
                                + " moves it into the mail queues)"),
                new Part("ActiveMQ mail that could not be moved", data.legacyActiveMqLeftovers(), Treatment.FILES,
                        "an earlier release's queue whose mail could not all be read at the first start; kept for the"
                                + " operator"),
                new Part("database", data.database(), Treatment.DATABASE,
                        "mailboxes, messages, flags, users, domains, aliases, quotas, mailing lists and held posts"),
                new Part("message bodies", data.blobs(), Treatment.BODIES, "message bodies by SHA-256"),
                new Part("configuration", data.conf(), Treatment.FILES, "James's XML and its keystore secret"),
                new Part("certificates", data.tls(), Treatment.FILES, "the self-signed certificate and its secret"),
                new Part("OpenPGP keys", data.pgp(), Treatment.FILES, "members' OpenPGP keys and settings"),
                new Part("SRS secret", data.srs(), Treatment.FILES, "the key of forwarded mail's SRS addresses"),
                new Part("DKIM keys", data.dkim(), Treatment.FILES, "each domain's DKIM keys and selectors"),
                new Part("webmail settings", data.webmailSettings(), Treatment.FILES, "members' webmail settings"),
                new Part("mail repositories", data.mailRepositories(), Treatment.FILES, "mail kept after errors or refusals"),
                new Part("process lock", data.processLock(), Treatment.LEFT_OUT,
                        "locked by the running server; nothing in it"),
                new Part("admin endpoint", data.admin(), Treatment.LEFT_OUT,
                        "the running server's admin port and token; a new token is written at start"),
                new Part("search index", data.searchIndex(), Treatment.LEFT_OUT, "rebuilt from the store at start"),
                new Part("list archive index", data.listArchiveIndex(), Treatment.LEFT_OUT,
                        "rebuilt at start from the archived posts in the database"),
                new Part("retired search index", data.retiredSearchIndex(), Treatment.LEFT_OUT, "removed at start"),
                new Part("logs", data.logs(), Treatment.LEFT_OUT, "logs of embedded components"),
                new Part("Derby store of release 0.1", data.legacyDerbyStore(), Treatment.LEFT_OUT,
                        "refused at start: convert it with ./facteur migrate first"),
                new Part("Derby lists of release 0.1", data.legacyDerbyLists(), Treatment.LEFT_OUT,
                        "refused at start: convert it with ./facteur migrate first"),
                new Part("Derby databases after migration", data.derbyReleaseBackup(), Treatment.LEFT_OUT,
                        "already converted into the database; kept only for the operator to delete"));
    }
}
