package org.facteur.webmail.encryption;

import java.nio.charset.StandardCharsets;

import org.facteur.webmail.imap.MailboxSession;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Settings → Encryption: the logged-in member turns OpenPGP on for herself (a key protected by a passphrase of her
 * own), downloads the recovery kit (the setup is not finished before), then chooses the switches, exports or imports
 * a public key, changes the passphrase or revokes the key. The address is always the session's, never the request's.
 * Passphrases are never put in the model, the session or the log.
 */
@Controller
class EncryptionController {
    static final String PAGE = "webmail/encryption";
    static final String HERE = "redirect:/settings/encryption";
    private final MemberKeys keys;
    private final PendingRecoveryKits pending;

    EncryptionController(ObjectProvider<MemberKeys> keys, PendingRecoveryKits pending) {
        this.keys = keys.getIfAvailable(NoMemberKeys::new);
        this.pending = pending;
    }

    @GetMapping("/settings/encryption")
    String show(MailboxSession mailbox, Model model) {
        return page(mailbox.address(), model);
    }

    @PostMapping("/settings/encryption/on")
    String turnOn(MailboxSession mailbox, @RequestParam(defaultValue = "") String passphrase,
            @RequestParam(defaultValue = "") String repeat, Model model, RedirectAttributes redirect) {
        String me = mailbox.address();
        String mistake = newPassphraseMistake(passphrase, repeat);
        if (mistake != null) {
            return problem(me, model, mistake);
        }
        try {
            keys.turnOn(me, passphrase.toCharArray());
        } catch (MemberKeyException e) {
            return refused(me, model, e);
        }
        pending.markPending(me);
        redirect.addFlashAttribute("notice", "encryption.keyMade");
        return HERE;
    }

    /** The recovery kit; the passphrase must open the key (which also shows the member still knows it). */
    @PostMapping("/settings/encryption/recovery-kit")
    Object recoveryKit(MailboxSession mailbox, @RequestParam(defaultValue = "") String passphrase, Model model) {
        String me = mailbox.address();
        MemberKeys.RecoveryMaterial material;
        try {
            material = keys.recoveryMaterial(me, passphrase.toCharArray());
        } catch (MemberKeyException e) {
            return refused(me, model, e);
        }
        byte[] zip = RecoveryKit.zip(me, material);
        pending.done(me);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(RecoveryKit.fileName(me)).build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("X-Content-Type-Options", "nosniff")
                .contentType(MediaType.parseMediaType("application/zip"))
                .body(zip);
    }

    @PostMapping("/settings/encryption/switches")
    String switches(MailboxSession mailbox, @RequestParam(defaultValue = "false") boolean encryptIncoming,
            @RequestParam(defaultValue = "false") boolean publishInWkd, @RequestParam(defaultValue = "false") boolean autocrypt,
            Model model, RedirectAttributes redirect) {
        String me = mailbox.address();
        if (pending.pending(me)) {
            return problem(me, model, "encryption.kitFirst");
        }
        try {
            keys.changeSwitches(me, new MemberKeys.KeySwitches(encryptIncoming, publishInWkd, autocrypt));
        } catch (MemberKeyException e) {
            return refused(me, model, e);
        }
        redirect.addFlashAttribute("notice", "encryption.switchesSaved");
        return HERE;
    }

    @GetMapping("/settings/encryption/public-key")
    Object publicKey(MailboxSession mailbox, Model model) {
        String me = mailbox.address();
        String armored;
        try {
            armored = keys.publicKey(me);
        } catch (MemberKeyException e) {
            return refused(me, model, e);
        }
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(me.replaceAll("[^A-Za-z0-9@._-]", "_") + ".asc").build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .contentType(MediaType.parseMediaType("application/pgp-keys"))
                .body(armored.getBytes(StandardCharsets.US_ASCII));
    }

    @PostMapping("/settings/encryption/import")
    String importKey(MailboxSession mailbox, @RequestParam(defaultValue = "") String key, Model model,
            RedirectAttributes redirect) {
        String me = mailbox.address();
        if (key.isBlank()) {
            return problem(me, model, "encryption.keyRequired");
        }
        try {
            keys.importPublicKey(me, key.getBytes(StandardCharsets.UTF_8));
        } catch (MemberKeyException e) {
            return refused(me, model, e);
        }
        redirect.addFlashAttribute("notice", "encryption.importedNotice");
        return HERE;
    }

    /**
     * Her existing secret key and its passphrase, to read and sign mail here (never logged, never written anywhere but
     * the key store, where it stays protected by that passphrase).
     */
    @PostMapping("/settings/encryption/import-secret")
    String importSecretKey(MailboxSession mailbox, @RequestParam(defaultValue = "") String key,
            @RequestParam(defaultValue = "") String passphrase, Model model, RedirectAttributes redirect) {
        String me = mailbox.address();
        if (key.isBlank()) {
            return problem(me, model, "encryption.secretKeyRequired");
        }
        try {
            keys.importSecretKey(me, key.getBytes(StandardCharsets.UTF_8), passphrase.toCharArray());
        } catch (MemberKeyException e) {
            return refused(me, model, e);
        }
        redirect.addFlashAttribute("notice", "encryption.importedSecretNotice");
        return HERE;
    }

    @PostMapping("/settings/encryption/passphrase")
    String changePassphrase(MailboxSession mailbox, @RequestParam(defaultValue = "") String current,
            @RequestParam(defaultValue = "") String passphrase, @RequestParam(defaultValue = "") String repeat,
            Model model, RedirectAttributes redirect) {
        String me = mailbox.address();
        String mistake = newPassphraseMistake(passphrase, repeat);
        if (mistake != null) {
            return problem(me, model, mistake);
        }
        try {
            keys.changePassphrase(me, current.toCharArray(), passphrase.toCharArray());
        } catch (MemberKeyException e) {
            return refused(me, model, e);
        }
        redirect.addFlashAttribute("notice", "encryption.passphraseChanged");
        return HERE;
    }

    @PostMapping("/settings/encryption/revoke")
    String revoke(MailboxSession mailbox, @RequestParam(defaultValue = "") String passphrase, Model model,
            RedirectAttributes redirect) {
        String me = mailbox.address();
        try {
            keys.revoke(me, passphrase.toCharArray());
        } catch (MemberKeyException e) {
            return refused(me, model, e);
        }
        pending.done(me);
        redirect.addFlashAttribute("notice", "encryption.revoked");
        return HERE;
    }

    private String page(String me, Model model) {
        MemberKeys.KeyStatus status = keys.status(me);
        model.addAttribute("me", me);
        model.addAttribute("available", keys.available());
        model.addAttribute("status", status);
        model.addAttribute("fingerprint", RecoveryKit.grouped(status.fingerprint()));
        model.addAttribute("kitPending", status.hasKey() && pending.pending(me));
        return PAGE;
    }

    /** The message key of what is wrong with a new passphrase typed twice, or null. */
    private static String newPassphraseMistake(String passphrase, String repeat) {
        if (!passphrase.equals(repeat)) {
            return "encryption.mismatch";
        }
        return passphrase.length() < 8 ? "encryption.tooShort" : null;
    }

    private String problem(String me, Model model, String messageKey) {
        model.addAttribute("error", messageKey);
        return page(me, model);
    }

    private String refused(String me, Model model, MemberKeyException e) {
        model.addAttribute("refusal", e.getMessage());
        return page(me, model);
    }
}
