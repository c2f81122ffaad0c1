package org.facteur.mailserver.imap;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Consumer;

import org.apache.james.core.Username;
import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.Capability;
import org.apache.james.imap.api.process.ImapProcessor.Responder;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.message.response.ContinuationResponse;

/**
 * The SASL LOGIN mechanism (draft-murchison-sasl-login) of {@code AUTHENTICATE LOGIN}, which James 3.8.1 does not
 * have and which old clients (Outlook before 2016, some phones and printers) offer as their only SASL mechanism:
 * the server asks {@code + VXNlcm5hbWU6} ("Username:") and {@code + UGFzc3dvcmQ6} ("Password:"), the client answers
 * each in base64; the user may come on the command line instead (SASL-IR, RFC 4959). A line {@code *} cancels
 * (RFC 3501 §6.2.2). This class only reads the two answers: the password check is the one of AUTHENTICATE PLAIN,
 * under the same login policy ({@link ThrottledAuthenticateProcessor}), and like PLAIN it is offered only where the
 * password cannot travel in clear text.
 */
final class SaslLoginExchange {
    static final String MECHANISM = "LOGIN";
    static final Capability CAPABILITY = Capability.of("AUTH=" + MECHANISM);
    private static final HumanReadableText USERNAME_PROMPT = new HumanReadableText("org.facteur.imap.SASL_USERNAME",
            "VXNlcm5hbWU6");
    private static final HumanReadableText PASSWORD_PROMPT = new HumanReadableText("org.facteur.imap.SASL_PASSWORD",
            "UGFzc3dvcmQ6");
    static final HumanReadableText CANCELLED = new HumanReadableText("org.facteur.imap.SASL_CANCELLED",
            "cancelled by the client.");
    static final HumanReadableText NOT_BASE64 = new HumanReadableText("org.facteur.imap.SASL_NOT_BASE64",
            "failed: the answer is not base64 of UTF-8 text, or names no user.");

    /** What to do with the user and password once both were read. */
    @FunctionalInterface
    interface Credentials {
        void check(Username user, String password);
    }

    private final ImapSession session;
    private final Responder responder;
    private final Credentials credentials;
    private final Consumer<HumanReadableText> refusal;

    /** {@code refusal} answers the command BAD with the text given (cancelled, or not base64). */
    SaslLoginExchange(ImapSession session, Responder responder, Credentials credentials,
                      Consumer<HumanReadableText> refusal) {
        this.session = session;
        this.responder = responder;
        this.credentials = credentials;
        this.refusal = refusal;
    }

    /** Starts the exchange; {@code initialResponse} is the base64 user given on the command line, if any. */
    void start(Optional<String> initialResponse) {
        if (initialResponse.isPresent()) {
            onUser(initialResponse.get());
        } else {
            ask(USERNAME_PROMPT, this::onUser);
        }
    }

    private void onUser(String answer) {
        Optional<Username> user = decoded(answer).flatMap(SaslLoginExchange::username);
        if (answer.equals("*")) {
            refusal.accept(CANCELLED);
        } else if (user.isEmpty()) {
            refusal.accept(NOT_BASE64);
        } else {
            ask(PASSWORD_PROMPT, password -> onPassword(user.get(), password));
        }
        responder.flush();
    }

    private void onPassword(Username user, String answer) {
        Optional<String> password = decoded(answer);
        if (answer.equals("*")) {
            refusal.accept(CANCELLED);
        } else if (password.isEmpty()) {
            refusal.accept(NOT_BASE64);
        } else {
            credentials.check(user, password.get());
        }
        session.stopDetectingCommandInjection();
        responder.flush();
    }

    /**
     * Sends the prompt and reads the next line. Unlike James's PLAIN, whose bare {@code +} bypasses the reply buffer,
     * the prompt is text in that buffer, which James flushes again from another thread when the command's processing
     * ends: written from the event loop, it was sometimes sent twice, and a client answering the second copy had its
     * password read as a command. So each prompt is written and flushed at once on the thread at hand: the first
     * one by the command's own processing, before that final flush; the second by the line handler, on the event
     * loop. The line handler that reads the answer is pushed before the prompt goes out.
     */
    private void ask(HumanReadableText prompt, Consumer<String> next) {
        session.pushLineHandler((lineSession, line) -> {
            lineSession.popLineHandler();
            next.accept(withoutLineEnd(line));
        });
        responder.respond(new ContinuationResponse(prompt));
        responder.flush();
    }

    private static String withoutLineEnd(byte[] line) {
        int end = line.length;
        while (end > 0 && (line[end - 1] == '\n' || line[end - 1] == '\r')) {
            end--;
        }
        return new String(line, 0, end, StandardCharsets.US_ASCII);
    }

    private static Optional<String> decoded(String base64) {
        try {
            byte[] bytes = Base64.getDecoder().decode(base64.equals("=") ? "" : base64);
            return Optional.of(StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString());
        } catch (IllegalArgumentException | CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private static Optional<Username> username(String text) {
        try {
            return text.isBlank() ? Optional.empty() : Optional.of(Username.of(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
