package org.facteur.webmail.mail;

import jakarta.mail.MessagingException;

import org.facteur.webmail.imap.MailboxSession;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** A conversation of the grouped list: its messages in thread order, each leading to the message page. */
@Controller
class ConversationController {
    private final ConversationReader conversations;
    private final MailReader reader;

    ConversationController(ConversationReader conversations, MailReader reader) {
        this.conversations = conversations;
        this.reader = reader;
    }

    @GetMapping("/mail/conversation")
    String conversation(MailboxSession mailbox, @RequestParam(defaultValue = MailReader.INBOX) String folder,
            @RequestParam long uid, Model model) throws MessagingException {
        model.addAttribute("conversation", conversations.thread(mailbox, folder, uid));
        model.addAttribute("folders", reader.folders(mailbox));
        model.addAttribute("folder", folder);
        model.addAttribute("me", mailbox.address());
        return "webmail/conversation";
    }
}
