package org.facteur.mailserver.login;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line per login attempt on SMTP AUTH and IMAP LOGIN/AUTHENTICATE (the webmail logs in through IMAP, so its
 * logins appear with the browser's address): logger {@code facteur.logins}, with the protocol, the result
 * ({@code succeeded}, {@code failed}, or {@code refused} when the throttle answered without checking the password),
 * the address and the client. With {@code FACTEUR_LOG_FORMAT=json} each is a field. Never the password.
 */
public final class LoginLog {
    private static final Logger LOG = LoggerFactory.getLogger("facteur.logins");

    public enum Result { SUCCEEDED, FAILED, REFUSED }

    private LoginLog() {
    }

    public static void record(String protocol, Result result, String address, String client) {
        String outcome = result.name().toLowerCase(java.util.Locale.ROOT);
        String shown = LoginThrottle.printable(address);
        LOG.atInfo().addKeyValue("login.protocol", protocol).addKeyValue("login.result", outcome)
                .addKeyValue("login.address", shown).addKeyValue("client.ip", client)
                .log("{} login {} for {} from {}{}", protocol.toUpperCase(java.util.Locale.ROOT), outcome, shown, client,
                        result == Result.REFUSED ? " (too many failed logins: the password was not checked)" : "");
    }
}
