package org.facteur.mailserver.store.mailbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.stream.Collectors;

import javax.mail.Flags;
import javax.mail.Flags.Flag;

/**
 * How a message's flags are kept in its mailbox_message row: one boolean per system flag (so that unseen,
 * recent and deleted messages are found through an index) and the keywords as one space-separated column
 * (IMAP atoms never contain a space).
 */
final class MessageFlags {
    static final String COLUMNS = "is_answered, is_deleted, is_draft, is_flagged, is_recent, is_seen, user_flags";
    static final String SET = "is_answered = ?, is_deleted = ?, is_draft = ?, is_flagged = ?, is_recent = ?, is_seen = ?, user_flags = ?";

    private MessageFlags() {
    }

    static Flags read(ResultSet rs) throws SQLException {
        return read(rs, rs.findColumn("is_answered"));
    }

    /**
     * The flags of a row whose {@link #COLUMNS} come in their order from column {@code first} on: reading by index
     * spares the driver a lookup by name per column and row (a FETCH of 50 messages made 950 of them).
     */
    static Flags read(ResultSet rs, int first) throws SQLException {
        Flags flags = new Flags();
        set(flags, Flag.ANSWERED, rs.getBoolean(first));
        set(flags, Flag.DELETED, rs.getBoolean(first + 1));
        set(flags, Flag.DRAFT, rs.getBoolean(first + 2));
        set(flags, Flag.FLAGGED, rs.getBoolean(first + 3));
        set(flags, Flag.RECENT, rs.getBoolean(first + 4));
        set(flags, Flag.SEEN, rs.getBoolean(first + 5));
        String user = rs.getString(first + 6);
        if (user != null) {
            for (String keyword : user.split(" ")) {
                if (!keyword.isEmpty()) {
                    flags.add(keyword);
                }
            }
        }
        return flags;
    }

    /** The seven column values of {@link #COLUMNS}, in order. */
    static Object[] values(Flags flags) {
        return new Object[] {flags.contains(Flag.ANSWERED), flags.contains(Flag.DELETED), flags.contains(Flag.DRAFT),
            flags.contains(Flag.FLAGGED), flags.contains(Flag.RECENT), flags.contains(Flag.SEEN), keywords(flags)};
    }

    static String keywords(Flags flags) {
        String[] user = flags.getUserFlags();
        if (user.length == 0) {
            return null;
        }
        return Arrays.stream(user).sorted().collect(Collectors.joining(" "));
    }

    private static void set(Flags flags, Flag flag, boolean on) {
        if (on) {
            flags.add(flag);
        }
    }
}
