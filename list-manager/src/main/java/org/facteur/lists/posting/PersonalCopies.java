package org.facteur.lists.posting;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.SharedByteArrayInputStream;

import org.facteur.lists.mail.ListMimeMessage;
import org.facteur.lists.mail.MailComposer;
import org.facteur.lists.mail.OutgoingMail;
import org.facteur.lists.model.MailingList;
import org.facteur.lists.model.VerpAddress;

/**
 * One copy per member ({@link org.facteur.lists.model.Copies#PERSONAL}): each leaves from the member's VERP address
 * {@code team-owner+<token>@} and carries the member's own one-click unsubscribe link. The copies share the bytes of
 * the decorated post and differ only in their headers, so 10,000 copies hold one body in memory, not 10,000.
 */
public final class PersonalCopies {
    private final Function<String, Map<String, String>> memberTokens;
    private final Optional<URI> publicUrl;

    /**
     * @param memberTokens the token of every member of a list, by address (the list store's {@code memberTokens})
     * @param publicUrl base of the public web side's one-click links; empty: no HTTPS link, no List-Unsubscribe-Post
     */
    public PersonalCopies(Function<String, Map<String, String>> memberTokens, Optional<URI> publicUrl) {
        this.memberTokens = memberTokens;
        this.publicUrl = publicUrl;
    }

    List<OutgoingMail> copies(MailingList list, MimeMessage decorated, List<String> recipients) throws MessagingException {
        Map<String, String> tokens = memberTokens.apply(list.address());
        byte[] shared = MailComposer.bytes(decorated);
        List<OutgoingMail> copies = new ArrayList<>(recipients.size());
        for (String recipient : recipients) {
            String token = tokens.get(recipient);
            if (token == null) {
                continue; // removed between reading the members and their tokens: no longer a member
            }
            MimeMessage copy = new ListMimeMessage(MailComposer.session(), new SharedByteArrayInputStream(shared));
            UnsubscribeLinks.apply(copy, list, token, publicUrl);
            copies.add(new OutgoingMail(VerpAddress.of(list, token).address(), List.of(recipient), copy));
        }
        return copies;
    }
}
