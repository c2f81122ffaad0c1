package org.facteur.mailserver.inbound;

/**
 * SPF (RFC 7208) of one SMTP transaction: is the client address allowed to send for the MAIL FROM domain, or for the
 * HELO name when the sender is null ({@code <>}, bounces).
 */
@FunctionalInterface
public interface SpfCheck {
    /**
     * @param mailFrom the envelope sender's address, empty for the null sender
     * @return the result word of RFC 7208 §2.6 (pass, fail, softfail, neutral, none, temperror, permerror)
     */
    String check(String clientIp, String mailFrom, String helo);
}
