package org.facteur.webmail.encryption;

import jakarta.servlet.http.HttpSession;

import org.facteur.webmail.imap.MailboxSession;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Unlocks the member's key for this web session, from the passphrase asked on an encrypted message's page, then
 * goes back to that message. A wrong passphrase keeps nothing and says so.
 */
@Controller
class UnlockController {
    private final MemberKeys keys;

    UnlockController(ObjectProvider<MemberKeys> keys) {
        this.keys = keys.getIfAvailable(NoMemberKeys::new);
    }

    @PostMapping("/mail/unlock")
    String unlock(MailboxSession mailbox, HttpSession session, @RequestParam(defaultValue = "INBOX") String folder,
            @RequestParam long uid, @RequestParam(defaultValue = "") String passphrase, RedirectAttributes redirect) {
        String back = "redirect:" + UriComponentsBuilder.fromPath("/mail/message").queryParam("folder", folder)
                .queryParam("uid", uid).encode().build().toUriString();
        switch (KeyUnlocking.unlock(keys, mailbox.address(), passphrase.toCharArray(), session)) {
            case WRONG_PASSPHRASE -> redirect.addFlashAttribute("unlockError", "unlock.wrong");
            case NO_KEY -> redirect.addFlashAttribute("unlockError", "unlock.noKey");
            case UNLOCKED -> {
                // nothing to say: the message opens
            }
        }
        return back;
    }
}
