package org.facteur.webmail.settings;

import java.io.IOException;

import org.facteur.webmail.imap.MailboxSession;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The settings area: the member's identity (name and signature) today; the list subscriptions and
 * encryption pages join it as further sections (see the {@code settings} template's navigation).
 */
@Controller
class SettingsController {
    private final SettingsStore store;

    SettingsController(SettingsStore store) {
        this.store = store;
    }

    @GetMapping("/settings")
    String show(MailboxSession mailbox, Model model) throws IOException {
        model.addAttribute("settings", store.load(mailbox.address()));
        model.addAttribute("me", mailbox.address());
        return "webmail/settings";
    }

    @PostMapping("/settings")
    String save(MailboxSession mailbox, @RequestParam(defaultValue = "") String displayName,
            @RequestParam(defaultValue = "") String signature, Model model, RedirectAttributes redirect) throws IOException {
        if (displayName.length() > MemberSettings.MAX_NAME || signature.length() > MemberSettings.MAX_SIGNATURE) {
            model.addAttribute("settings", new MemberSettings(displayName, signature));
            model.addAttribute("me", mailbox.address());
            model.addAttribute("error", "settings.tooLong");
            return "webmail/settings";
        }
        store.save(mailbox.address(), new MemberSettings(displayName, signature));
        redirect.addFlashAttribute("notice", "settings.saved");
        return "redirect:/settings";
    }
}
