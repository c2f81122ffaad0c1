package org.facteur.mailserver.store.mailbox;

import java.util.List;

import org.apache.james.mailbox.model.MessageRange;

/** A {@link MessageRange} as a condition on {@code <alias>uid}, with its parameters. */
record UidRanges(String condition, List<Object> params) {

    static UidRanges of(MessageRange range, String column) {
        return switch (range.getType()) {
            case ONE -> new UidRanges(" AND " + column + " = ?", List.of(range.getUidFrom().asLong()));
            case FROM -> new UidRanges(" AND " + column + " >= ?", List.of(range.getUidFrom().asLong()));
            case RANGE -> new UidRanges(" AND " + column + " BETWEEN ? AND ?",
                    List.of(range.getUidFrom().asLong(), range.getUidTo().asLong()));
            case ALL -> new UidRanges("", List.of());
        };
    }
}
