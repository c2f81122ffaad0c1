package org.facteur.lists.posting;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.HeaderTokenizer;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

import org.facteur.lists.model.HeaderText;
import org.facteur.lists.model.MailingList;
import org.facteur.lists.model.ReplyToPolicy;
import org.facteur.lists.model.SendPolicy;

/**
 * The headers that make a list a list: List-Id (RFC 2919), List-Help/-Subscribe/-Unsubscribe/-Post/-Owner
 * (RFC 2369), Precedence, X-Loop, and Reply-To when the list wants replies. Digests get them too.
 */
public final class ListHeaders implements CopyDecorator {
    private static final String[] OWNED = {"List-Id", "List-Help", "List-Subscribe", "List-Unsubscribe", "List-Post",
        "List-Owner", "List-Archive", "List-Unsubscribe-Post", "Precedence"};

    @Override
    public void decorate(MailingList list, MimeMessage copy) throws MessagingException {
        for (String header : OWNED) {
            copy.removeHeader(header);
        }
        copy.setHeader("List-Id", phrase(list.name()) + " <" + list.listId() + ">");
        copy.setHeader("List-Help", "<mailto:" + list.requestAddress() + "?subject=help>");
        copy.setHeader("List-Subscribe", "<mailto:" + list.subscribeAddress() + ">");
        copy.setHeader("List-Unsubscribe", "<mailto:" + list.unsubscribeAddress() + ">");
        copy.setHeader("List-Post", list.policies().send() == SendPolicy.NEWSLETTER ? "NO" : "<mailto:" + list.address() + ">");
        copy.setHeader("List-Owner", "<mailto:" + list.ownerAddress() + ">");
        copy.setHeader("Precedence", "list");
        copy.addHeader("X-Loop", list.address());
        if (list.replyTo() == ReplyToPolicy.LIST) {
            copy.setReplyTo(new InternetAddress[] {new InternetAddress(list.address())});
        }
    }

    /**
     * The list's name as an RFC 5322 phrase, on one line whatever the store holds: plain words as they are, other
     * ASCII quoted, anything else as an encoded word.
     */
    static String phrase(String name) {
        String line = HeaderText.oneLine(name);
        if (line.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            return MimeUtility.quote(line, HeaderTokenizer.RFC822);
        }
        try {
            return MimeUtility.encodeWord(line, "UTF-8", "Q");
        } catch (java.io.UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
