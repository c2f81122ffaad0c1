package org.facteur.webmail.encryption;

import jakarta.servlet.http.HttpSession;

import org.facteur.pgp.PgpException;
import org.facteur.pgp.SecretKey;
import org.facteur.pgp.UnlockedKey;
import org.facteur.pgp.WrongPassphraseException;
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
        String armored;
        try {
            armored = keys.protectedSecretKey(mailbox.address()).orElse(null);
        } catch (MemberKeyException e) {
            armored = null;
        }
        if (armored == null) {
            redirect.addFlashAttribute("unlockError", "unlock.noKey");
            return back;
        }
        try {
            UnlockedKey key = SecretKey.read(armored.getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                    .unlock(passphrase.toCharArray());
            UnlockedMemberKey.keep(session, key);
        } catch (WrongPassphraseException e) {
            redirect.addFlashAttribute("unlockError", "unlock.wrong");
        } catch (PgpException e) {
            redirect.addFlashAttribute("unlockError", "unlock.noKey");
        }
        return back;
    }
}
