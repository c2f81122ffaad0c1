package org.facteur.webmail.compose;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.validation.Valid;

import org.facteur.webmail.imap.MailboxSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The compose page and sending. */
@Controller
class ComposeController {
    private static final Logger LOG = LoggerFactory.getLogger(ComposeController.class);
    private final MailSender sender;

    ComposeController(MailSender sender) {
        this.sender = sender;
    }

    @GetMapping("/compose")
    String compose(MailboxSession mailbox, Model model) {
        model.addAttribute("form", new ComposeForm());
        model.addAttribute("me", mailbox.address());
        return "webmail/compose";
    }

    @PostMapping("/compose")
    String send(MailboxSession mailbox, @Valid @ModelAttribute("form") ComposeForm form, BindingResult errors,
            Model model, RedirectAttributes redirect) {
        model.addAttribute("me", mailbox.address());
        if (!errors.hasFieldErrors("to") && !errors.hasFieldErrors("cc")) {
            try {
                if (MailSender.parseAddresses(form.getTo()).length == 0) {
                    errors.rejectValue("to", "compose.to.required");
                }
                MailSender.parseAddresses(form.getCc());
            } catch (AddressException e) {
                errors.reject("compose.address.invalid");
            }
        }
        if (errors.hasErrors()) {
            return "webmail/compose";
        }
        try {
            sender.send(mailbox, form);
        } catch (SendFailedException e) {
            LOG.info("webmail: {} could not send: {}", mailbox.address(), e.getMessage());
            errors.reject("compose.refused");
            return "webmail/compose";
        } catch (MessagingException e) {
            LOG.warn("webmail: sending failed for {}: {}", mailbox.address(), e.toString());
            errors.reject("compose.failed");
            return "webmail/compose";
        }
        redirect.addFlashAttribute("notice", "compose.sent");
        return "redirect:/mail";
    }
}
