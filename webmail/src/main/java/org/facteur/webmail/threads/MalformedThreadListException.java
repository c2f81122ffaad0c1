package org.facteur.webmail.threads;

/** A THREAD answer that does not follow RFC 5256's thread-list syntax; the message says where and why. */
public final class MalformedThreadListException extends IllegalArgumentException {
    public MalformedThreadListException(String message) {
        super(message);
    }
}
