package org.facteur.mailserver.pgp;

import java.util.Locale;
import java.util.Optional;

import javax.inject.Inject;
import javax.mail.Address;
import javax.mail.MessagingException;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.mailet.AttributeUtils;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.facteur.pgp.Certificate;
import org.facteur.pgp.autocrypt.AutocryptHeader;
import org.facteur.pgp.autocrypt.PreferEncrypt;
import org.facteur.pgp.store.UserKeyStore;

/**
 * Autocrypt Level 1 for submitted mail: adds the {@code Autocrypt:} header with the sender's minimal certificate
 * when the sender turned Autocrypt on. Only for mail whose single From address is the authenticated user, and
 * never when the mail client already wrote an Autocrypt header (two headers would cancel each other).
 */
public final class AddAutocryptHeader extends GenericMailet {
    private final UserKeyStore keys;

    @Inject
    public AddAutocryptHeader(UserKeyStore keys) {
        this.keys = keys;
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        MimeMessage message = mail.getMessage();
        Optional<String> authUser = AttributeUtils.getValueAndCastFromMail(mail, Mail.SMTP_AUTH_USER, String.class);
        Address[] from = message.getFrom();
        if (authUser.isEmpty() || from == null || from.length != 1 || !(from[0] instanceof InternetAddress sender)
                || message.getHeader(AutocryptHeader.NAME) != null) {
            return;
        }
        String address = sender.getAddress() == null ? "" : sender.getAddress().toLowerCase(Locale.ROOT);
        if (!address.equals(authUser.get().toLowerCase(Locale.ROOT))) {
            return;
        }
        MailAddress user;
        try {
            user = new MailAddress(address);
        } catch (javax.mail.internet.AddressException e) {
            return;
        }
        if (!PgpUsers.settings(keys, user).autocrypt()) {
            return;
        }
        Optional<Certificate> certificate = keys.certificate(address).filter(Certificate::canEncrypt);
        if (certificate.isPresent()) {
            message.addHeader(AutocryptHeader.NAME,
                    AutocryptHeader.forKey(certificate.get(), address, PreferEncrypt.NOPREFERENCE).value());
            message.saveChanges();
        }
    }

    @Override
    public String getMailetInfo() {
        return "Facteur Autocrypt header on submitted mail";
    }
}
