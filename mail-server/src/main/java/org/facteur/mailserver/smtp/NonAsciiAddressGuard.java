package org.facteur.mailserver.smtp;

import java.util.Collection;
import java.util.List;

import org.apache.james.protocols.api.Request;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.CommandHandler;
import org.apache.james.protocols.smtp.SMTPResponse;
import org.apache.james.protocols.smtp.SMTPSession;

/**
 * Refuses an envelope address with non-ASCII characters ({@code zoë@example.org}, RFC 6531 internationalised
 * addresses) with {@code 553 5.6.7} and a sentence, where James said "501 5.1.7 Syntax error". Facteur does not
 * announce SMTPUTF8: James 3.8.1's addresses are ASCII only. UTF-8 in header fields and bodies is accepted and kept
 * byte for byte (8BITMIME, RFC 6532 headers); only the envelope is ASCII. Runs before James's MAIL and RCPT handlers.
 */
public final class NonAsciiAddressGuard implements CommandHandler<SMTPSession> {
    private static final List<String> COMMANDS = List.of("MAIL", "RCPT");

    @Override
    public Response onCommand(SMTPSession session, Request request) {
        String argument = request.getArgument();
        if (argument == null) {
            return null;
        }
        int open = argument.indexOf('<');
        int close = argument.indexOf('>', open + 1);
        String address = open >= 0 && close > open ? argument.substring(open + 1, close) : argument;
        if (address.chars().allMatch(c -> c < 0x80)) {
            return null;
        }
        String who = "MAIL".equals(request.getCommand()) ? "sender" : "recipient";
        return new SMTPResponse("553", "5.6.7 The " + who + " address has non-ASCII characters (an internationalised"
                + " address, RFC 6531), which this server does not support; please use an ASCII address");
    }

    @Override
    public Collection<String> getImplCommands() {
        return COMMANDS;
    }
}
