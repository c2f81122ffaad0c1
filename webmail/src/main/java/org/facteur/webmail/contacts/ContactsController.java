package org.facteur.webmail.contacts;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.facteur.webmail.imap.MailboxSession;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The logged-in member's address book: completion for the To, Cc and Bcc fields ({@code complete.js} asks as she
 * types) and Settings → Contacts, where she sees and deletes the addresses collected. Always the session's member,
 * never a request parameter.
 */
@Controller
class ContactsController {
    static final int COMPLETIONS = 8;
    static final int MAX_QUERY = 100;
    private final AddressBook book;

    ContactsController(AddressBook book) {
        this.book = book;
    }

    /** What completes {@code q}, as JSON: {@code {"contacts":[{"name","address","value"}]}}, value being what goes in the field. */
    @GetMapping(path = "/contacts/complete", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, List<Completion>>> complete(MailboxSession mailbox, @RequestParam(defaultValue = "") String q)
            throws IOException {
        List<Completion> found = q.length() > MAX_QUERY ? List.of()
                : book.completing(mailbox.address(), q, COMPLETIONS).stream()
                        .map(c -> new Completion(c.name(), c.address(), c.recipient())).toList();
        return ResponseEntity.ok(Map.of("contacts", found));
    }

    /** One completion: the name (may be empty), the address, and the text that goes in the field. */
    record Completion(String name, String address, String value) {
    }

    @GetMapping("/settings/contacts")
    String show(MailboxSession mailbox, Model model) throws IOException {
        model.addAttribute("contacts", book.contacts(mailbox.address()).alphabetical());
        model.addAttribute("max", ContactList.MAX);
        model.addAttribute("me", mailbox.address());
        return "webmail/contacts";
    }

    @PostMapping("/settings/contacts/delete")
    String delete(MailboxSession mailbox, @RequestParam(defaultValue = "") String address, RedirectAttributes redirect)
            throws IOException {
        book.delete(mailbox.address(), address);
        redirect.addFlashAttribute("deleted", new Contact("", address, 1, null).address());
        return "redirect:/settings/contacts";
    }
}
