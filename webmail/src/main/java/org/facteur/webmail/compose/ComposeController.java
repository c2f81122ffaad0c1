package org.facteur.webmail.compose;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.servlet.http.HttpSession;
import jakarta.validation.Valid;

import org.facteur.pgp.PgpException;
import org.facteur.webmail.config.WebmailProperties;
import org.facteur.webmail.contacts.AddressBook;
import org.facteur.webmail.encryption.UnlockedMemberKey;
import org.facteur.webmail.imap.MailboxSession;
import org.facteur.webmail.imap.StandardFolders;
import org.facteur.webmail.mail.DecryptedMessage;
import org.facteur.webmail.mail.EncryptedMessages;
import org.facteur.webmail.mail.MailReader;
import org.facteur.webmail.mail.MessageParts;
import org.facteur.webmail.mail.MessageView;
import org.facteur.webmail.mail.OpenPgp;
import org.facteur.webmail.settings.MemberSettings;
import org.facteur.webmail.settings.SettingsStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The compose page: a new message, a reply, a reply to all, a forward or a draft taken up again;
 * sending (its recipients go to the member's address book), and saving drafts (by the button, or every few seconds
 * by {@code compose.js}). OpenPGP: Sign and Encrypt boxes, a key / no key line per recipient (also answered as JSON
 * to {@code compose.js} while she types), Encrypt ticked when every recipient has a key. A reply to or a forward of
 * an encrypted message quotes its decrypted text when her key is unlocked in the session (and a forward carries the
 * decrypted attachments), as she read it; locked, the stored form is quoted as before.
 */
@Controller
class ComposeController {
    private static final Logger LOG = LoggerFactory.getLogger(ComposeController.class);
    /** Recipients whose keys the page looks up as she types (the server still checks every one when sending). */
    private static final int MAX_RECIPIENTS_LOOKED_UP = 100;
    private final MailSender sender;
    private final MailReader reader;
    private final SettingsStore settings;
    private final MessageSource messages;
    private final WebmailProperties properties;
    private final AddressBook addressBook;
    private final RecipientKeys keys;
    private final ProtectionChoice protection;
    private final EncryptedMessages encrypted;

    ComposeController(MailSender sender, MailReader reader, SettingsStore settings, MessageSource messages,
            WebmailProperties properties, AddressBook addressBook, RecipientKeys keys, ProtectionChoice protection,
            EncryptedMessages encrypted) {
        this.encrypted = encrypted;
        this.keys = keys;
        this.protection = protection;
        this.properties = properties;
        this.addressBook = addressBook;
        this.sender = sender;
        this.reader = reader;
        this.settings = settings;
        this.messages = messages;
    }

    @GetMapping("/compose")
    String compose(MailboxSession mailbox, @RequestParam(required = false) String mode,
            @RequestParam(required = false) String folder, @RequestParam(required = false) Long uid,
            @RequestParam(required = false) String to, Locale locale, HttpSession session, Model model)
            throws MessagingException, IOException {
        MemberSettings identity = settings.load(mailbox.address());
        Replies.Mode how = mode == null ? null : Replies.Mode.parse(mode);
        ComposeForm form;
        if (how != null && uid != null) {
            MessageView stored = reader.message(mailbox, folder == null ? StandardFolders.INBOX : folder, uid);
            // a draft is taken up as stored: its own parts go along, and it replaces itself in Drafts
            MessageView original = how == Replies.Mode.DRAFT ? stored : asRead(mailbox, stored, session);
            form = Replies.form(original, how, mailbox.address(), new Replies.Wording(
                    messages.getMessage("compose.wrote", null, locale), messages.getMessage("compose.forwarded", null, locale),
                    messages.getMessage("compose.quoteCut", null, locale)));
            boolean carries = how == Replies.Mode.FORWARD || how == Replies.Mode.DRAFT;
            // inline PGP has no encrypted parts: its attachments go along as stored
            form.setAttachDecrypted(how == Replies.Mode.FORWARD && original != stored && stored.openPgp() == OpenPgp.ENCRYPTED);
            if (how != Replies.Mode.DRAFT && !identity.signatureBlock().isEmpty()) {
                form.setBody(identity.signatureBlock() + form.getBody());
            }
            model.addAttribute("carried", carries ? original.attachments() : List.of());
            model.addAttribute("carriedOf", carries ? original.attachmentCount() : 0);
        } else {
            form = new ComposeForm();
            form.setBody(identity.signatureBlock());
            if (to != null && to.length() <= 4000) {
                form.setTo(to);
            }
            model.addAttribute("carried", List.of());
        }
        List<KeyedRecipient> recipients = keys.of(mailbox.address(), lenient(form));
        form.setEncrypt(!recipients.isEmpty() && recipients.stream().allMatch(KeyedRecipient::hasKey)
                && !keys.own(mailbox.address()).isEmpty());
        return page(mailbox, form, session, model);
    }

    @PostMapping("/compose")
    String send(MailboxSession mailbox, @Valid @ModelAttribute("form") ComposeForm form, BindingResult errors,
            @RequestParam(name = "attachments", required = false) List<MultipartFile> files,
            @RequestParam(defaultValue = "") String signPassphrase, HttpSession session, Model model,
            RedirectAttributes redirect) throws IOException {
        model.addAttribute("carried", List.of());
        checkAddresses(form, errors);
        if (errors.hasErrors()) {
            return page(mailbox, form, session, model);
        }
        var chosen = protection.decide(mailbox.address(), form, recipients(form), signPassphrase.toCharArray(), session, errors);
        if (chosen.isEmpty()) {
            return page(mailbox, form, session, model); // refused: nothing sent, the form comes back as typed
        }
        try {
            sender.send(mailbox, form, carriedAndUploaded(mailbox, form, files, session), settings.load(mailbox.address()),
                    chosen.get());
        } catch (EncryptedMessages.LockedKeyException e) {
            errors.reject("compose.pgp.lockedForward");
            return page(mailbox, form, session, model);
        } catch (SendFailedException e) {
            LOG.info("webmail: {} could not send: {}", mailbox.address(), e.getMessage());
            errors.reject("compose.refused");
            return page(mailbox, form, session, model);
        } catch (MessagingException e) {
            LOG.warn("webmail: sending failed for {}: {}", mailbox.address(), e.toString());
            errors.reject("compose.failed");
            return page(mailbox, form, session, model);
        } catch (PgpException e) {
            LOG.warn("webmail: OpenPGP failed for {}: {}", mailbox.address(), e.getMessage());
            errors.reject("compose.pgp.failed");
            return page(mailbox, form, session, model);
        }
        addressBook.sent(mailbox.address(), recipients(form));
        redirect.addFlashAttribute("notice", "compose.sent");
        return "redirect:/mail";
    }

    /** Saves a draft. compose.js asks for JSON (and sends no files); the button gets the draft page back. */
    @PostMapping("/compose/draft")
    Object draft(MailboxSession mailbox, @ModelAttribute("form") ComposeForm form,
            @RequestParam(name = "attachments", required = false) List<MultipartFile> files,
            @RequestHeader(name = "Accept", defaultValue = "") String accept, HttpSession session,
            RedirectAttributes redirect) throws IOException, MessagingException {
        try {
            MailSender.parseAddresses(form.getTo());
            MailSender.parseAddresses(form.getCc());
            MailSender.parseAddresses(form.getBcc());
        } catch (AddressException e) {
            // A half-typed address must not lose the draft: keep the text, drop what does not parse.
            form.setTo("");
            form.setCc("");
            form.setBcc("");
        }
        MailSender.SavedDraft saved = sender.saveDraft(mailbox, form, carriedAndUploaded(mailbox, form, files, session),
                settings.load(mailbox.address()));
        if (accept.contains("application/json")) {
            return ResponseEntity.ok(saved.carriesOwnAttachments()
                    ? Map.of("draftUid", saved.uid(), "attachFromUid", saved.uid())
                    : Map.of("draftUid", saved.uid()));
        }
        redirect.addFlashAttribute("notice", "compose.draftSaved");
        return "redirect:/compose?mode=draft&folder=" + StandardFolders.DRAFTS + "&uid=" + saved.uid();
    }

    /**
     * Key or no key for each recipient typed so far (addresses that do not parse yet are skipped), for
     * {@code compose.js}: {@code {"available", "ownKey", "recipients": [{"address", "key"}]}}.
     */
    @GetMapping(path = "/compose/keys", produces = "application/json")
    @ResponseBody
    Map<String, Object> recipientKeys(MailboxSession mailbox, @RequestParam(defaultValue = "") String to,
            @RequestParam(defaultValue = "") String cc, @RequestParam(defaultValue = "") String bcc) {
        ComposeForm typed = new ComposeForm();
        typed.setTo(bounded(to));
        typed.setCc(bounded(cc));
        typed.setBcc(bounded(bcc));
        List<Map<String, Object>> lines = keys.of(mailbox.address(), lenient(typed)).stream()
                .map(r -> Map.<String, Object>of("address", r.address(), "key", r.hasKey())).toList();
        return Map.of("available", keys.available(), "ownKey", !keys.own(mailbox.address()).isEmpty(), "recipients", lines);
    }

    /**
     * Looks one recipient's key up in her domain's Web Key Directory, when the member asks (the "Look up" button of a
     * recipient without a key): {@code {"address", "found", "fingerprint", "message"}}, the message in her language.
     * A key found counts from then on, here and when the server checks the recipients at sending.
     */
    @PostMapping(path = "/compose/keys/lookup", produces = "application/json")
    @ResponseBody
    Map<String, Object> lookUpKey(MailboxSession mailbox, @RequestParam String address, Locale locale, HttpSession session) {
        if (!LookupAllowance.take(session, java.time.Clock.systemUTC())) {
            return Map.of("address", bounded(address), "found", false, "fingerprint", "",
                    "message", messages.getMessage("compose.pgp.lookupTooMany", new Object[] {LookupAllowance.PER_WINDOW}, locale));
        }
        InternetAddress recipient;
        try {
            recipient = new InternetAddress(bounded(address).strip(), true);
        } catch (AddressException e) {
            return Map.of("address", bounded(address), "found", false, "fingerprint", "",
                    "message", messages.getMessage("compose.pgp.lookupInvalid", null, locale));
        }
        String wanted = recipient.getAddress();
        RecipientKeys.Lookup found = keys.lookUp(mailbox.address(), wanted);
        String domain = wanted.substring(wanted.lastIndexOf('@') + 1);
        String message = found.fingerprint().map(f -> messages.getMessage("compose.pgp.lookupFound", new Object[] {domain, f}, locale))
                .orElseGet(() -> found.refusal().isEmpty()
                        ? messages.getMessage("compose.pgp.lookupNone", new Object[] {domain}, locale) : found.refusal());
        return Map.of("address", wanted, "found", found.fingerprint().isPresent(),
                "fingerprint", found.fingerprint().orElse(""), "message", message);
    }

    private String page(MailboxSession mailbox, ComposeForm form, HttpSession session, Model model) {
        model.addAttribute("form", form);
        boolean pgp = keys.available();
        model.addAttribute("pgpAvailable", pgp);
        if (pgp) {
            List<KeyedRecipient> recipients = keys.of(mailbox.address(), lenient(form));
            model.addAttribute("recipientKeys", recipients);
            model.addAttribute("keysMissing", recipients.stream().filter(r -> !r.hasKey())
                    .map(KeyedRecipient::address).toList());
            model.addAttribute("wkdLookup", keys.looksUpWebKeyDirectories());
            model.addAttribute("askSignPassphrase", UnlockedMemberKey.of(session).isEmpty() && keys.canSign(mailbox.address()));
        }
        model.addAttribute("me", mailbox.address());
        model.addAttribute("maxUpload", properties.maxUpload().toBytes());
        return "webmail/compose";
    }

    private static void checkAddresses(ComposeForm form, BindingResult errors) {
        if (errors.hasFieldErrors("to") || errors.hasFieldErrors("cc") || errors.hasFieldErrors("bcc")) {
            return;
        }
        try {
            if (MailSender.parseAddresses(form.getTo()).length == 0) {
                errors.rejectValue("to", "compose.to.required");
            }
            MailSender.parseAddresses(form.getCc());
            MailSender.parseAddresses(form.getBcc());
        } catch (AddressException e) {
            errors.reject("compose.address.invalid");
        }
    }

    /** To, Cc and Bcc as far as they parse: each comma-separated piece that is an address. */
    private static List<InternetAddress> lenient(ComposeForm form) {
        List<InternetAddress> all = new ArrayList<>();
        for (String field : List.of(form.getTo(), form.getCc(), form.getBcc())) {
            try {
                all.addAll(Arrays.asList(MailSender.parseAddresses(field)));
            } catch (AddressException e) {
                for (String piece : field.replace(';', ',').split(",")) {
                    try {
                        all.addAll(Arrays.asList(MailSender.parseAddresses(piece)));
                    } catch (AddressException skipped) {
                        // still being typed
                    }
                }
            }
        }
        return all.size() > MAX_RECIPIENTS_LOOKED_UP ? all.subList(0, MAX_RECIPIENTS_LOOKED_UP) : all;
    }

    private static String bounded(String field) {
        return field.length() <= 4000 ? field : "";
    }

    /** To, Cc and Bcc of a form whose addresses were checked. */
    private static List<InternetAddress> recipients(ComposeForm form) {
        List<InternetAddress> all = new ArrayList<>();
        try {
            for (String field : List.of(form.getTo(), form.getCc(), form.getBcc())) {
                all.addAll(Arrays.asList(MailSender.parseAddresses(field)));
            }
        } catch (AddressException e) {
            return List.of(); // checked before sending: cannot happen
        }
        return all;
    }

    /**
     * The message as the member read it: an encrypted one decrypted with the key unlocked in this session (so that
     * a reply quotes what she read, not a block of ciphertext), otherwise as stored.
     */
    private MessageView asRead(MailboxSession mailbox, MessageView stored, HttpSession session) throws MessagingException {
        var key = UnlockedMemberKey.of(session);
        if (!stored.openPgp().encrypted() || key.isEmpty()) {
            return stored;
        }
        DecryptedMessage opened = encrypted.open(mailbox, stored, key.get());
        return opened.readable() ? opened.message() : stored;
    }

    /**
     * The files that go along: those of an encrypted message forwarded decrypted (decrypted again now, in memory,
     * with the key unlocked in the session; {@link EncryptedMessages.LockedKeyException} when it is locked), then
     * those she uploaded.
     */
    private List<Upload> carriedAndUploaded(MailboxSession mailbox, ComposeForm form, List<MultipartFile> files,
            HttpSession session) throws IOException, MessagingException {
        List<Upload> out = new ArrayList<>();
        if (form.attachesFrom() && form.isAttachDecrypted()) {
            var key = UnlockedMemberKey.of(session).orElseThrow(EncryptedMessages.LockedKeyException::new);
            for (MessageParts.Located located : encrypted.attachments(mailbox, form.getAttachFromFolder(),
                    form.getAttachFromUid(), key)) {
                MessageParts.Attachment a = located.attachment();
                out.add(new Upload(a.filename(), a.contentType(), MessageParts.bytes(located.part())));
            }
        }
        out.addAll(uploads(files));
        return out;
    }

    private static List<Upload> uploads(List<MultipartFile> files) throws IOException {
        List<Upload> out = new ArrayList<>();
        if (files == null) {
            return out;
        }
        for (MultipartFile f : files) {
            if (f.isEmpty() || f.getOriginalFilename() == null || f.getOriginalFilename().isBlank()) {
                continue;
            }
            String name = f.getOriginalFilename().replaceAll("^.*[/\\\\]", "");
            out.add(new Upload(name, f.getContentType(), f.getBytes()));
        }
        return out;
    }
}
