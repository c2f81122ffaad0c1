package org.facteur.mailserver.srs;

import java.util.Optional;

import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeUtils;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;

/** The mail attribute that carries, through the spool, which of our domains a message was forwarded from. */
final class ForwardingDomain {
    private static final AttributeName NAME = AttributeName.of("org.facteur.srs.forwardingDomain");

    private ForwardingDomain() {
    }

    static Optional<String> of(Mail mail) {
        return AttributeUtils.getValueAndCastFromMail(mail, NAME, String.class);
    }

    static void set(Mail mail, String domain) {
        mail.setAttribute(new Attribute(NAME, AttributeValue.of(domain)));
    }
}
