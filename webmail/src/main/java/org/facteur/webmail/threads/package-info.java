/**
 * Conversations as the mail server threads them (IMAP THREAD REFERENCES, RFC 5256): the thread-list answer
 * read strictly ({@link org.facteur.webmail.threads.ThreadListParser}), and pages of conversations newest first
 * ({@link org.facteur.webmail.threads.ThreadPage}). Plain Java: no server, no Spring.
 */
package org.facteur.webmail.threads;
