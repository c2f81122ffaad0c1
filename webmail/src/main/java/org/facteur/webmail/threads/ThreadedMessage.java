package org.facteur.webmail.threads;

/** One message of a thread as the server placed it: its UID and how many replies deep it is (0: a thread's top). */
public record ThreadedMessage(long uid, int depth) {
}
