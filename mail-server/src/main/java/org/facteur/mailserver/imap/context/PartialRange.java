package org.facteur.mailserver.imap.context;

import java.util.List;

/**
 * The window of a {@code RETURN (PARTIAL 1:500)} (RFC 5267 §4.4): positions in the list of results, counted from 1,
 * both ends included; {@code 500:1} is the same window as {@code 1:500}.
 */
public record PartialRange(long first, long last) {
    public PartialRange {
        if (first < 1 || last < 1) {
            throw new IllegalArgumentException("A PARTIAL range counts from 1: " + first + ":" + last);
        }
        if (first > last) {
            long swap = first;
            first = last;
            last = swap;
        }
    }

    /** The results at the positions of this window (fewer, or none, when the list is shorter). */
    public List<Long> of(List<Long> results) {
        if (first > results.size()) {
            return List.of();
        }
        return results.subList((int) first - 1, (int) Math.min(last, results.size()));
    }

    @Override
    public String toString() {
        return first + ":" + last;
    }
}
