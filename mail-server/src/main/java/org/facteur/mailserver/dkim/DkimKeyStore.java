package org.facteur.mailserver.dkim;

import java.util.List;

/**
 * Where a domain's DKIM keys live: files in the data directory ({@link FileDkimKeyStore}, one node), or a table of
 * Facteur's database that several nodes share ({@link SqlDkimKeyStore}, with PostgreSQL), so that every node signs
 * with the keys DNS publishes.
 */
public interface DkimKeyStore {
    /** The domain's keys (active and rotated out), empty when it has none. */
    List<DkimKey> read(String domain);

    /**
     * Makes {@code keys} the domain's keys: those missing are added, the publication end of those present is updated,
     * those not listed are forgotten. A selector already stored keeps its key pair: when two nodes make keys for the same
     * selector at once, the first one written is the one every node signs with.
     */
    void write(String domain, List<DkimKey> keys);
}
