package org.facteur.app.clientsetup;

import org.springframework.http.HttpStatus;

/** A refusal of the client setup answers: its HTTP status and one sentence for the person reading it. */
final class ClientSetupException extends RuntimeException {
    private final HttpStatus status;

    private ClientSetupException(HttpStatus status, String sentence) {
        super(sentence);
        this.status = status;
    }

    static ClientSetupException badRequest(String sentence) {
        return new ClientSetupException(HttpStatus.BAD_REQUEST, sentence);
    }

    static ClientSetupException notServed(String domain) {
        return new ClientSetupException(HttpStatus.NOT_FOUND, "Mail for " + domain + " is not served here.");
    }

    static ClientSetupException starting() {
        return new ClientSetupException(HttpStatus.SERVICE_UNAVAILABLE, "The mail server is starting; try again in a minute.");
    }

    HttpStatus status() {
        return status;
    }
}
