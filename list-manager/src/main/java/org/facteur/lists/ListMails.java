package org.facteur.lists;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;

import jakarta.mail.internet.MimeMessage;

import org.facteur.lists.mail.MailComposer;
import org.facteur.lists.mail.OutgoingMail;
import org.facteur.lists.mail.Texts;
import org.facteur.lists.model.MailingList;
import org.facteur.lists.store.HeldPost;
import org.facteur.lists.store.PendingRequest;

/**
 * The robot's mails about one list, in the list's language. They come from {@code <list>-request@}, which
 * accepts commands, so that answering one is a plain reply.
 */
final class ListMails {
    private final MailingList list;
    private final Texts texts;

    ListMails(MailingList list) {
        this.list = list;
        this.texts = new Texts(list.language());
    }

    Texts texts() {
        return texts;
    }

    OutgoingMail to(String recipient, String subject, String body, MimeMessage inReplyTo, MimeMessage attached) {
        return MailComposer.compose(list.requestAddress(), list.name(), recipient, list.requestAddress(), subject, body,
                inReplyTo, attached);
    }

    OutgoingMail welcome(String member) {
        return to(member, texts.get("welcome.subject", list.name()),
                texts.get("welcome.body", list.name(), list.address(), list.description(), list.unsubscribeAddress(),
                        list.requestAddress()), null, null);
    }

    OutgoingMail goodbye(String member) {
        return to(member, texts.get("goodbye.subject", list.name()), texts.get("goodbye.body", list.name(), list.subscribeAddress()),
                null, null);
    }

    /** Asks {@code recipient} to confirm; the key travels in the Subject so that a plain reply confirms. */
    OutgoingMail confirmation(PendingRequest request, String recipient, MimeMessage inReplyTo, ZoneId zone) {
        String what = texts.get("action." + request.kind().name().toLowerCase(java.util.Locale.ROOT), request.address(), list.address());
        return to(recipient, "CONFIRM " + request.key(),
                texts.get("confirm.body", what, request.key(), list.requestAddress(), mailto("CONFIRM " + request.key()),
                        texts.date(request.expiresAt(), zone)), inReplyTo, null);
    }

    /**
     * Asks an owner to approve a subscription change: one line to approve, one to refuse. The Subject ends with the
     * approving line, so that a plain reply approves (a reply holding the refusing line refuses).
     */
    OutgoingMail approvalRequest(PendingRequest request, String owner) {
        String what = texts.get("action." + request.kind().name().toLowerCase(java.util.Locale.ROOT), request.address(), list.address());
        String approve = "CONFIRM " + request.key();
        String refuse = "REJECT " + list.localPart() + " " + request.key();
        return to(owner, texts.get("approval.subject", list.name(), request.address()) + " (" + approve + ")",
                texts.get("approval.body", what, approve, refuse, list.requestAddress(), mailto(approve), mailto(refuse)), null, null);
    }

    /** Gives a moderator the held post and the two command lines that decide it; a plain reply distributes (Subject). */
    OutgoingMail moderationRequest(HeldPost post, String moderator, MimeMessage original) {
        String distribute = "DISTRIBUTE " + list.localPart() + " " + post.key();
        String reject = "REJECT " + list.localPart() + " " + post.key();
        return to(moderator, texts.get("moderate.subject", list.name(), post.subject()) + " (" + distribute + ")",
                texts.get("moderate.body", post.sender(), list.address(), post.subject(), texts.get(post.reason()), distribute,
                        reject, list.requestAddress(), mailto(distribute), mailto(reject)), null, original);
    }

    String mailto(String command) {
        return "mailto:" + list.requestAddress() + "?subject=" + URLEncoder.encode(command, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
