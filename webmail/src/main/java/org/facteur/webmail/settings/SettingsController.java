package org.facteur.webmail.settings;

import java.io.IOException;

import jakarta.mail.MessagingException;

import org.facteur.webmail.imap.MailboxSession;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The settings area: the member's identity (name and signature), the message list (grouped by conversation or
 * not) and away message, then how lists (by mail
 * to the list's robot) and OpenPGP (turned on by the administrator) work until they have pages here.
 */
@Controller
class SettingsController {
    private final SettingsStore store;
    private final AwayMessages away;

    SettingsController(SettingsStore store, AwayMessages away) {
        this.store = store;
        this.away = away;
    }

    @GetMapping("/settings")
    String show(MailboxSession mailbox, Model model) throws IOException, MessagingException {
        model.addAttribute("settings", store.load(mailbox.address()));
        model.addAttribute("away", away.load(mailbox));
        model.addAttribute("me", mailbox.address());
        return "webmail/settings";
    }

    /** The away message: stored on the mail server, which sends it (once a week per sender). */
    @PostMapping("/settings/away")
    String saveAway(MailboxSession mailbox, @RequestParam(defaultValue = "false") boolean enabled,
            @RequestParam(required = false) String start, @RequestParam(required = false) String end,
            @RequestParam(defaultValue = "") String subject, @RequestParam(defaultValue = "") String body,
            Model model, RedirectAttributes redirect) throws IOException, MessagingException {
        String error = null;
        AwayMessage wanted = null;
        try {
            wanted = new AwayMessage(enabled, date(start), date(end), subject, body);
            if (subject.length() > AwayMessage.MAX_SUBJECT || body.length() > AwayMessage.MAX_BODY) {
                error = "away.tooLong";
            } else if (enabled && wanted.body().isBlank()) {
                error = "away.bodyRequired";
            } else if (wanted.start() != null && wanted.end() != null && wanted.end().isBefore(wanted.start())) {
                error = "away.endBeforeStart";
            }
        } catch (java.time.format.DateTimeParseException e) {
            error = "away.badDate";
            wanted = new AwayMessage(enabled, null, null, subject, body);
        }
        if (error != null) {
            model.addAttribute("settings", store.load(mailbox.address()));
            model.addAttribute("away", wanted);
            model.addAttribute("me", mailbox.address());
            model.addAttribute("error", error);
            return "webmail/settings";
        }
        away.save(mailbox, wanted);
        redirect.addFlashAttribute("notice", enabled ? "away.on" : "away.off");
        return "redirect:/settings#away";
    }

    private static java.time.LocalDate date(String value) {
        return value == null || value.isBlank() ? null : java.time.LocalDate.parse(value.strip());
    }

    @PostMapping("/settings")
    String save(MailboxSession mailbox, @RequestParam(defaultValue = "") String displayName,
            @RequestParam(defaultValue = "") String signature, Model model, RedirectAttributes redirect)
            throws IOException, MessagingException {
        if (displayName.length() > MemberSettings.MAX_NAME || signature.length() > MemberSettings.MAX_SIGNATURE) {
            model.addAttribute("settings", new MemberSettings(displayName, signature));
            model.addAttribute("away", away.load(mailbox));
            model.addAttribute("me", mailbox.address());
            model.addAttribute("error", "settings.tooLong");
            return "webmail/settings";
        }
        boolean grouped = store.load(mailbox.address()).groupConversations();
        store.save(mailbox.address(), new MemberSettings(displayName, signature, grouped));
        redirect.addFlashAttribute("notice", "settings.saved");
        return "redirect:/settings";
    }

    /** How the message list shows a folder: one line per message, or per conversation. */
    @PostMapping("/settings/list")
    String saveList(MailboxSession mailbox, @RequestParam(defaultValue = "false") boolean conversations,
            RedirectAttributes redirect) throws IOException {
        store.save(mailbox.address(), store.load(mailbox.address()).withGroupConversations(conversations));
        redirect.addFlashAttribute("notice", conversations ? "settings.list.grouped" : "settings.list.plain");
        return "redirect:/settings#list";
    }
}
