package org.facteur.mailserver.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Indexes that James's JPA mapping does not declare but that every IMAP SELECT/EXAMINE and STATUS needs:
 * James counts the unseen messages, finds the first unseen and lists the recent ones of a mailbox with a
 * query on (mailbox, flag), and its single-column flag indexes do not serve it, so Derby scanned the
 * message rows (bodies included) of the whole mailbox on every page of the webmail. Created once, after
 * James has built its schema; existing ones are kept.
 */
public final class MailboxIndexes {
    private static final Logger LOG = LoggerFactory.getLogger(MailboxIndexes.class);
    /** Derby: "... already exists". */
    private static final String EXISTS = "X0Y32";
    static final Map<String, String> INDEXES = Map.of(
            "FACTEUR_MAIL_UNSEEN", "JAMES_MAIL (MAILBOX_ID, MAIL_IS_SEEN, MAIL_UID)",
            "FACTEUR_MAIL_RECENT", "JAMES_MAIL (MAILBOX_ID, MAIL_IS_RECENT, MAIL_UID)");

    private MailboxIndexes() {
    }

    public static void ensure(DatabaseSettings database) throws SQLException {
        try (Connection c = DriverManager.getConnection(database.url(), database.username(), database.password())) {
            if (!tableExists(c, "JAMES_MAIL")) {
                LOG.warn("No JAMES_MAIL table yet: mailbox indexes not created");
                return;
            }
            for (Map.Entry<String, String> index : INDEXES.entrySet()) {
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE INDEX " + index.getKey() + " ON " + index.getValue());
                    LOG.info("Created index {} on {}", index.getKey(), index.getValue());
                } catch (SQLException e) {
                    if (!EXISTS.equals(e.getSQLState())) {
                        throw e;
                    }
                }
            }
        }
    }

    private static boolean tableExists(Connection c, String table) throws SQLException {
        try (ResultSet r = c.getMetaData().getTables(null, null, table, null)) {
            return r.next();
        }
    }
}
