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
        Flags flags = new Flags();
        set(flags, Flag.ANSWERED, rs.getBoolean("is_answered"));
        set(flags, Flag.DELETED, rs.getBoolean("is_deleted"));
        set(flags, Flag.DRAFT, rs.getBoolean("is_draft"));
        set(flags, Flag.FLAGGED, rs.getBoolean("is_flagged"));
        set(flags, Flag.RECENT, rs.getBoolean("is_recent"));
        set(flags, Flag.SEEN, rs.getBoolean("is_seen"));
        String user = rs.getString("user_flags");
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
