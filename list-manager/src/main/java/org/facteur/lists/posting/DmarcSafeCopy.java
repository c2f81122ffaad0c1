package org.facteur.lists.posting;

import java.io.UnsupportedEncodingException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.mail.Address;
import jakarta.mail.Header;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.facteur.lists.mail.MailComposer;
import org.facteur.lists.model.Addresses;
import org.facteur.lists.model.DmarcMitigation;
import org.facteur.lists.model.HeaderText;
import org.facteur.lists.model.MailingList;
import org.facteur.lists.model.ReplyToPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the copy of a post pass DMARC at receivers when its author's domain asks for {@code p=reject} or
 * {@code p=quarantine}: the list changes the post (which breaks the author's DKIM signature) and sends it from its own
 * servers (which the author's SPF does not list), so only a From of the list's own domain, signed by the list, passes.
 * From becomes {@code "Poster Name via team" <team@example.org>}; the poster's address goes to Reply-To (their own
 * Reply-To if they set one), or to Cc when the list setting says so or when the list sends replies to itself; it is
 * also kept in {@code X-Original-From}. In {@link DmarcMitigation.Mode#WRAP wrap} mode the copy is a new message
 * from the list carrying the post as a message/rfc822 part. Authors of the list's own domain (the list signs for it)
 * and domains with {@code p=none}, no record, or a failed lookup keep their From.
 */
final class DmarcSafeCopy implements CopyDecorator {
    private static final Logger LOG = LoggerFactory.getLogger(DmarcSafeCopy.class);
    /** What the wrapper keeps of the post's header: trace, threading and addressing, never the author's From. */
    private static final Set<String> WRAPPER_KEEPS = Set.of("received", "date", "subject", "to", "cc", "reply-to",
            "message-id", "in-reply-to", "references", "mime-version", "x-loop");

    private final DmarcPolicies policies;

    DmarcSafeCopy(DmarcPolicies policies) {
        this.policies = policies;
    }

    @Override
    public void decorate(MailingList list, MimeMessage copy) throws MessagingException {
        DmarcMitigation setting = list.dmarc();
        if (setting.mode() == DmarcMitigation.Mode.OFF) {
            return;
        }
        List<InternetAddress> authors = authors(copy);
        if (authors.isEmpty() || authors.stream().noneMatch(author -> strict(list, author))) {
            return;
        }
        InternetAddress poster = authors.get(0);
        Address[] replyTargets = copy.getHeader("Reply-To") != null ? copy.getReplyTo() : authors.toArray(new Address[0]);
        if (setting.mode() == DmarcMitigation.Mode.WRAP) {
            wrap(copy);
        }
        copy.setFrom(listAsSender(list, poster));
        copy.setHeader("X-Original-From", InternetAddress.toString(authors.toArray(new Address[0]), "X-Original-From: ".length()));
        if (setting.poster() == DmarcMitigation.Poster.CC || list.replyTo() == ReplyToPolicy.LIST) {
            addToCc(copy, authors);
        } else {
            copy.setReplyTo(replyTargets);
        }
    }

    /** Whether this author's domain asks receivers to refuse or quarantine copies that keep its From. */
    private boolean strict(MailingList list, InternetAddress author) {
        String domain = Addresses.domain(author.getAddress().toLowerCase(Locale.ROOT));
        if (domain.equals(list.domain())) {
            return false; // copies are signed for the list's domain, which is aligned with this From
        }
        DmarcPolicies.Policy policy = policies.policyOf(domain);
        if (policy == DmarcPolicies.Policy.UNKNOWN) {
            LOG.warn("The DMARC policy of {} could not be looked up: the copy of the post to {} keeps its From", domain, list.address());
        }
        return policy.strict();
    }

    /** The addresses of the From field; none when it is missing or unreadable (then nothing is rewritten). */
    private static List<InternetAddress> authors(MimeMessage copy) throws MessagingException {
        String from = copy.getHeader("From", ",");
        if (from == null) {
            return List.of();
        }
        try {
            return Arrays.stream(InternetAddress.parseHeader(utf8(from), false))
                    .filter(a -> a.getAddress() != null && a.getAddress().indexOf('@') > 0).toList();
        } catch (AddressException e) {
            return List.of();
        }
    }

    /**
     * Jakarta Mail reads a header's bytes one by one, as Latin-1: a name written in raw UTF-8 (RFC 6532) is read
     * back as UTF-8 when its bytes are valid UTF-8, so that it is not encoded into the new From as mojibake.
     */
    static String utf8(String header) {
        if (header.chars().allMatch(c -> c < 0x80) || header.chars().anyMatch(c -> c > 0xff)) {
            return header;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(header.getBytes(StandardCharsets.ISO_8859_1))).toString();
        } catch (CharacterCodingException e) {
            return header;
        }
    }

    /** {@code "Poster Name via team" <team@example.org>}: the poster's display name, or their local part. */
    static InternetAddress listAsSender(MailingList list, InternetAddress poster) {
        String name = HeaderText.oneLine(poster.getPersonal());
        if (name.isEmpty()) {
            name = Addresses.localPart(poster.getAddress());
        }
        try {
            return new InternetAddress(list.address(), name + " via " + HeaderText.oneLine(list.name()), StandardCharsets.UTF_8.name());
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void addToCc(MimeMessage copy, List<InternetAddress> authors) throws MessagingException {
        List<Address> present = new ArrayList<>();
        for (Message.RecipientType type : List.of(Message.RecipientType.TO, Message.RecipientType.CC)) {
            Address[] addresses = copy.getRecipients(type);
            if (addresses != null) {
                Collections.addAll(present, addresses);
            }
        }
        List<Address> added = authors.stream().filter(author -> present.stream().noneMatch(p -> p instanceof InternetAddress a
                && author.getAddress().equalsIgnoreCase(a.getAddress()))).map(Address.class::cast).toList();
        if (!added.isEmpty()) {
            copy.addRecipients(Message.RecipientType.CC, added.toArray(new Address[0]));
        }
    }

    /** Turns the copy into a message from the list whose only part is the post as it arrived (less what CleanseHeaders took). */
    private static void wrap(MimeMessage copy) throws MessagingException {
        MimeMessage post = MailComposer.parse(MailComposer.bytes(copy));
        List<String> dropped = new ArrayList<>();
        for (Header header : Collections.list(copy.getAllHeaders())) {
            if (!WRAPPER_KEEPS.contains(header.getName().toLowerCase(Locale.ROOT))) {
                dropped.add(header.getName());
            }
        }
        for (String name : dropped) {
            copy.removeHeader(name);
        }
        MimeBodyPart attached = new MimeBodyPart();
        attached.setContent(post, "message/rfc822");
        attached.setDisposition("inline");
        copy.setContent(new MimeMultipart("mixed", attached));
        copy.saveChanges(); // the wrapper's Content-Type, which the footer reads next
    }
}
