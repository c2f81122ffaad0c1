package org.facteur.mailserver.smtp;

import java.util.Collection;
import java.util.List;

import org.apache.james.protocols.api.Request;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.CommandHandler;
import org.apache.james.protocols.smtp.SMTPResponse;
import org.apache.james.protocols.smtp.SMTPSession;

/**
 * Refuses, with 501, a HELO/EHLO name, envelope address or parameter that contains a control character. A bare CR
 * is not a line end for SMTP framing but is one for mail readers: in a HELO name it became a header line of its
 * own inside Received (a fake {@code Authentication-Results: dkim=pass}), in an address one inside Return-Path.
 * RFC 5321 allows no control character in any of these. Runs before James's handler of the same command, which
 * then never sees the value.
 */
public final class ControlCharacterGuard implements CommandHandler<SMTPSession> {
    private static final List<String> COMMANDS = List.of("HELO", "EHLO", "MAIL", "RCPT", "VRFY", "EXPN");

    @Override
    public Response onCommand(SMTPSession session, Request request) {
        String argument = request.getArgument();
        if (argument == null || argument.chars().noneMatch(ControlCharacterGuard::isControl)) {
            return null;
        }
        String command = request.getCommand();
        return switch (command) {
            case "HELO", "EHLO" -> new SMTPResponse("501", "5.5.2 Invalid " + command
                    + " name: it contains a control character (such as CR, LF, TAB or NUL), which no host name has");
            case "MAIL" -> new SMTPResponse("501", "5.1.7 Invalid sender: a control character (such as CR, LF, TAB or NUL)"
                    + " is not allowed in an address or its parameters");
            case "RCPT" -> new SMTPResponse("501", "5.1.3 Invalid recipient: a control character (such as CR, LF, TAB or"
                    + " NUL) is not allowed in an address or its parameters");
            default -> new SMTPResponse("501", "5.5.2 A control character (such as CR, LF, TAB or NUL) is not allowed in "
                    + command);
        };
    }

    private static boolean isControl(int c) {
        return c < 0x20 || c == 0x7f;
    }

    @Override
    public Collection<String> getImplCommands() {
        return COMMANDS;
    }
}
