package org.facteur.mailserver.login;

/** A shared counter store did not answer in time. The message never holds a password. */
public final class CountersUnavailableException extends RuntimeException {
    public CountersUnavailableException(String message) {
        super(message, null, false, false);
    }
}
