package org.facteur.mailserver.dkim;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javax.inject.Inject;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.AddressException;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.Converter7Bit;
import org.apache.mailet.base.GenericMailet;
import org.facteur.mailserver.srs.SrsAddresses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs mail leaving for other servers with the DKIM keys of the sending domain (one rsa-sha256 and one
 * ed25519-sha256 signature). It sits in the relay processor, after the last mailet that changes the message and
 * before RemoteDelivery. The signing domain is the list's domain for copies of list posts (they carry
 * {@code List-Id} and leave with the list's bounce address as sender), else the domain of the header From; mail of a
 * domain Facteur holds no keys for (forwarded mail, forwarded list mail with its SRS sender, DSNs from the default
 * domain) leaves unsigned.
 * The signing itself is {@link DkimSigner}; this adapter only moves the message in and out of James's types.
 */
public final class DkimSign extends GenericMailet {
    private static final Logger LOG = LoggerFactory.getLogger(DkimSign.class);
    private static final Session SESSION = Session.getInstance(new java.util.Properties());

    private final DkimKeys keys;
    private final Clock clock;
    private boolean signing = true;

    @Inject
    public DkimSign(DkimKeys keys) {
        this(keys, Clock.systemUTC());
    }

    public DkimSign(DkimKeys keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    /**
     * {@code <signing>false</signing>} ({@code FACTEUR_DKIM_SIGNING=false}) lets mail leave unsigned, for a relay host
     * that signs for Facteur's domains; absent or {@code true}, it signs. Anything else is refused: a typo must not
     * silently stop the signatures receivers look for.
     */
    @Override
    public void init() throws MessagingException {
        String value = getInitParameter("signing", "true").strip();
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw new MessagingException("DkimSign: <signing> must be true or false, not '" + value + "'");
        }
        signing = Boolean.parseBoolean(value);
        if (!signing) {
            LOG.info("DKIM signing is off (FACTEUR_DKIM_SIGNING=false): mail leaves for other servers unsigned");
        }
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        if (!signing) {
            return;
        }
        MimeMessage message = mail.getMessage();
        Optional<String> domain = signingDomain(mail, message);
        List<DkimKey> signing = domain.map(keys::signingKeys).orElse(List.of());
        if (signing.isEmpty()) {
            LOG.debug("{} leaves unsigned: no DKIM key for {}", mail.getName(), domain.orElse("its sender"));
            return;
        }
        byte[] raw = bytes(message);
        if (hasEightBitBytes(raw)) {
            // RemoteDelivery re-encodes 8-bit parts for a server that does not announce 8BITMIME, after us, which
            // would break the signature there: encode them as 7 bit (quoted-printable, base64) before signing.
            String[] id = message.getHeader("Message-ID");
            try {
                new Converter7Bit(getMailetContext()).convertTo7Bit(message);
            } catch (IOException e) {
                throw new MessagingException("cannot encode " + mail.getName() + " as 7 bit before signing", e);
            }
            if (id != null) {
                message.setHeader("Message-ID", id[0]);
            }
            raw = bytes(message);
        }
        ByteArrayOutputStream signed = new ByteArrayOutputStream(raw.length + 1024);
        for (String field : DkimSigner.sign(raw, signing, clock.instant())) {
            signed.writeBytes(field.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        signed.writeBytes(raw);
        // A message parsed from bytes and left unchanged is written out byte for byte: what was signed leaves.
        mail.setMessage(new MimeMessage(SESSION, new ByteArrayInputStream(signed.toByteArray())));
    }

    static Optional<String> signingDomain(Mail mail, MimeMessage message) throws MessagingException {
        Optional<MailAddress> sender = mail.getMaybeSender().asOptional();
        // a list copy leaves with the list's bounce address; forwarded list mail (SRS sender) is not ours to sign
        if (message.getHeader("List-Id") != null && sender.isPresent() && !SrsAddresses.isSrs(sender.get().getLocalPart())) {
            return Optional.of(sender.get().getDomain().asString().toLowerCase(Locale.ROOT));
        }
        String[] from = message.getHeader("From");
        if (from == null || from.length == 0) {
            return Optional.empty();
        }
        try {
            InternetAddress[] addresses = InternetAddress.parseHeader(from[0], false);
            if (addresses.length == 0 || addresses[0].getAddress() == null || !addresses[0].getAddress().contains("@")) {
                return Optional.empty();
            }
            String address = addresses[0].getAddress();
            return Optional.of(address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT));
        } catch (AddressException e) {
            return Optional.empty();
        }
    }

    private static boolean hasEightBitBytes(byte[] raw) {
        for (byte b : raw) {
            if (b < 0) {
                return true;
            }
        }
        return false;
    }

    private static byte[] bytes(MimeMessage message) throws MessagingException {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            message.writeTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new MessagingException("cannot read the message to sign", e);
        }
    }

    @Override
    public String getMailetInfo() {
        return "Facteur DKIM: signs outgoing mail (rsa-sha256 and ed25519-sha256)";
    }
}
