package org.facteur.webmail.encryption;

/**
 * Members who turned OpenPGP on in the webmail and have not downloaded their recovery kit yet: until they do, the
 * Encryption page says the setup is not finished and the switches stay hidden. Keys made by the administrator have no
 * reminder: their owner already chose how to keep them. Kept in one node's files, or in the database several nodes
 * share, so that the reminder follows the member to whichever node serves her.
 */
public interface PendingRecoveryKits {
    boolean pending(String address);

    void markPending(String address);

    void done(String address);
}
