package org.facteur.webmail.lists;

import java.util.Locale;

import org.facteur.webmail.imap.MailboxSession;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Lists → My lists: the lists the logged-in member is on (roles, reception mode, Unsubscribe) and those of her domain
 * she may ask to join. Each request runs as the same command from her mailbox would ({@code SUB}, {@code UNSUB},
 * {@code SET}), under the list's policies: a list that wants a confirmation sends its request to her inbox, one whose
 * owners approve asks them. Always the session's address, never one sent by the page.
 */
@Controller
class MyListsController {
    private final MemberLists lists;

    MyListsController(ObjectProvider<MemberLists> lists) {
        this.lists = lists.getIfAvailable(NoMemberLists::new);
    }

    @GetMapping("/lists")
    String show(MailboxSession mailbox, Model model) {
        model.addAttribute("available", lists.available());
        model.addAttribute("memberships", lists.memberships(mailbox.address()));
        model.addAttribute("open", lists.openLists(mailbox.address()));
        model.addAttribute("modes", MemberLists.Reception.values());
        model.addAttribute("me", mailbox.address());
        return "webmail/lists";
    }

    @PostMapping("/lists/subscribe")
    String subscribe(MailboxSession mailbox, @RequestParam(defaultValue = "") String list, RedirectAttributes redirect) {
        return answered(lists.subscribe(mailbox.address(), list), "subscribed", redirect);
    }

    @PostMapping("/lists/unsubscribe")
    String unsubscribe(MailboxSession mailbox, @RequestParam(defaultValue = "") String list, RedirectAttributes redirect) {
        return answered(lists.unsubscribe(mailbox.address(), list), "unsubscribed", redirect);
    }

    /** An unknown mode is the 400 page, as any malformed request (see {@code MailErrors}). */
    @PostMapping("/lists/reception")
    String reception(MailboxSession mailbox, @RequestParam(defaultValue = "") String list, @RequestParam MemberLists.Reception mode,
                     RedirectAttributes redirect) {
        return answered(lists.setReception(mailbox.address(), list, mode), "reception." + mode.name().toLowerCase(Locale.ROOT), redirect);
    }

    /** The sentence after a request: what was done, or why nothing was, on which list. */
    private static String answered(MemberLists.Answer answer, String done, RedirectAttributes redirect) {
        String code = answer.result() == MemberLists.Result.DONE ? done : answer.result().name().toLowerCase(Locale.ROOT);
        redirect.addFlashAttribute("answer", "lists.my.answer." + code);
        redirect.addFlashAttribute("answerList", answer.list());
        return "redirect:/lists";
    }
}
