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
import jakarta.validation.Valid;

import org.facteur.webmail.config.WebmailProperties;
import org.facteur.webmail.contacts.AddressBook;
import org.facteur.webmail.imap.MailboxSession;
import org.facteur.webmail.imap.StandardFolders;
import org.facteur.webmail.mail.MailReader;
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
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The compose page: a new message, a reply, a reply to all, a forward or a draft taken up again;
 * sending (its recipients go to the member's address book), and saving drafts (by the button, or every few seconds
 * by {@code compose.js}).
 */
@Controller
class ComposeController {
    private static final Logger LOG = LoggerFactory.getLogger(ComposeController.class);
    private final MailSender sender;
    private final MailReader reader;
    private final SettingsStore settings;
    private final MessageSource messages;
    private final WebmailProperties properties;
    private final AddressBook addressBook;

    ComposeController(MailSender sender, MailReader reader, SettingsStore settings, MessageSource messages,
            WebmailProperties properties, AddressBook addressBook) {
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
            @RequestParam(required = false) String to, Locale locale, Model model) throws MessagingException, IOException {
        MemberSettings identity = settings.load(mailbox.address());
        Replies.Mode how = mode == null ? null : Replies.Mode.parse(mode);
        ComposeForm form;
        if (how != null && uid != null) {
            var original = reader.message(mailbox, folder == null ? StandardFolders.INBOX : folder, uid);
            form = Replies.form(original, how, mailbox.address(), new Replies.Wording(
                    messages.getMessage("compose.wrote", null, locale), messages.getMessage("compose.forwarded", null, locale),
                    messages.getMessage("compose.quoteCut", null, locale)));
            if (how != Replies.Mode.DRAFT && !identity.signatureBlock().isEmpty()) {
                form.setBody(identity.signatureBlock() + form.getBody());
            }
            boolean carries = how == Replies.Mode.FORWARD || how == Replies.Mode.DRAFT;
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
        return page(mailbox, form, model);
    }

    @PostMapping("/compose")
    String send(MailboxSession mailbox, @Valid @ModelAttribute("form") ComposeForm form, BindingResult errors,
            @RequestParam(name = "attachments", required = false) List<MultipartFile> files, Model model,
            RedirectAttributes redirect) throws IOException {
        model.addAttribute("carried", List.of());
        checkAddresses(form, errors);
        if (errors.hasErrors()) {
            return page(mailbox, form, model);
        }
        try {
            sender.send(mailbox, form, uploads(files), settings.load(mailbox.address()));
        } catch (SendFailedException e) {
            LOG.info("webmail: {} could not send: {}", mailbox.address(), e.getMessage());
            errors.reject("compose.refused");
            return page(mailbox, form, model);
        } catch (MessagingException e) {
            LOG.warn("webmail: sending failed for {}: {}", mailbox.address(), e.toString());
            errors.reject("compose.failed");
            return page(mailbox, form, model);
        }
        addressBook.sent(mailbox.address(), recipients(form));
        redirect.addFlashAttribute("notice", "compose.sent");
        return "redirect:/mail";
    }

    /** Saves a draft. compose.js asks for JSON (and sends no files); the button gets the draft page back. */
    @PostMapping("/compose/draft")
    Object draft(MailboxSession mailbox, @ModelAttribute("form") ComposeForm form,
            @RequestParam(name = "attachments", required = false) List<MultipartFile> files,
            @RequestHeader(name = "Accept", defaultValue = "") String accept, RedirectAttributes redirect)
            throws IOException, MessagingException {
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
        MailSender.SavedDraft saved = sender.saveDraft(mailbox, form, uploads(files), settings.load(mailbox.address()));
        if (accept.contains("application/json")) {
            return ResponseEntity.ok(saved.carriesOwnAttachments()
                    ? Map.of("draftUid", saved.uid(), "attachFromUid", saved.uid())
                    : Map.of("draftUid", saved.uid()));
        }
        redirect.addFlashAttribute("notice", "compose.draftSaved");
        return "redirect:/compose?mode=draft&folder=" + StandardFolders.DRAFTS + "&uid=" + saved.uid();
    }

    private String page(MailboxSession mailbox, ComposeForm form, Model model) {
        model.addAttribute("form", form);
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
