package org.facteur.webmail.lists;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

import org.facteur.webmail.imap.MailboxSession;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Lists → a list she owns: its members (add, remove, import a CSV file with a report of every line) and the
 * subscription requests waiting for an owner (approve, refuse), and its main settings. The list manager checks on every call that the
 * session's member owns the list, and runs the owner's commands by mail ({@code ADD}, {@code DEL}, {@code CONFIRM},
 * {@code REJECT}); a list she does not own is a 403 with a sentence.
 */
@Controller
class OwnerController {
    /** The largest CSV file read (about 1,000 lines of addresses and names). */
    static final int MAX_CSV_BYTES = 200_000;
    private final MemberLists lists;

    OwnerController(ObjectProvider<MemberLists> lists) {
        this.lists = lists.getIfAvailable(NoMemberLists::new);
    }

    @GetMapping("/lists/owner")
    String show(MailboxSession mailbox, @RequestParam(defaultValue = "") String list, Model model) {
        MemberLists.OwnerView view = lists.ownerView(mailbox.address(), list).orElseThrow(OwnerController::notOwner);
        model.addAttribute("view", view);
        model.addAttribute("zone", ZoneId.systemDefault());
        model.addAttribute("subscribeRules", MemberLists.SubscribeRule.values());
        model.addAttribute("unsubscribeRules", MemberLists.UnsubscribeRule.values());
        model.addAttribute("sendRules", MemberLists.SendRule.values());
        model.addAttribute("replyTos", MemberLists.ReplyTo.values());
        model.addAttribute("archives", MemberLists.Archive.values());
        model.addAttribute("me", mailbox.address());
        return "webmail/lists-owner";
    }

    @PostMapping("/lists/owner/add")
    String add(MailboxSession mailbox, @RequestParam(defaultValue = "") String list, @RequestParam(defaultValue = "") String address,
               @RequestParam(defaultValue = "") String name, RedirectAttributes redirect) {
        return done(list, lists.addMember(mailbox.address(), list, address, name), "add", address, redirect);
    }

    @PostMapping("/lists/owner/remove")
    String remove(MailboxSession mailbox, @RequestParam(defaultValue = "") String list, @RequestParam(defaultValue = "") String address,
                  RedirectAttributes redirect) {
        return done(list, lists.removeMember(mailbox.address(), list, address), "remove", address, redirect);
    }

    @PostMapping("/lists/owner/request")
    String request(MailboxSession mailbox, @RequestParam(defaultValue = "") String list, @RequestParam(defaultValue = "") String key,
                   @RequestParam(defaultValue = "") String address, @RequestParam(defaultValue = "approve") String decision,
                   @RequestParam(defaultValue = "") String reason, RedirectAttributes redirect) {
        boolean approve = !"refuse".equals(decision);
        return done(list, lists.decideRequest(mailbox.address(), list, key, approve, reason), approve ? "approve" : "refuse", address,
                redirect);
    }

    /** Name, description and main policies; a value the enums do not know is the 400 page (see {@code MailErrors}). */
    @PostMapping("/lists/owner/settings")
    String settings(MailboxSession mailbox, @RequestParam(defaultValue = "") String list, @RequestParam(defaultValue = "") String name,
                    @RequestParam(defaultValue = "") String description, @RequestParam MemberLists.SubscribeRule subscribe,
                    @RequestParam MemberLists.UnsubscribeRule unsubscribe, @RequestParam MemberLists.SendRule send,
                    @RequestParam MemberLists.ReplyTo replyTo, @RequestParam MemberLists.Archive archive, RedirectAttributes redirect) {
        MemberLists.ListSettings settings = new MemberLists.ListSettings(name, description, subscribe, unsubscribe, send, replyTo, archive);
        return done(list, lists.changeSettings(mailbox.address(), list, settings), "settings", list, redirect);
    }

    /** The CSV comes as a file or pasted; a file too large is refused whole, before anything is added. */
    @PostMapping("/lists/owner/import")
    String importMembers(MailboxSession mailbox, @RequestParam(defaultValue = "") String list,
                         @RequestParam(required = false) MultipartFile file, @RequestParam(defaultValue = "") String csv,
                         RedirectAttributes redirect) throws IOException {
        String text = csv;
        if (file != null && !file.isEmpty()) {
            if (file.getSize() > MAX_CSV_BYTES) {
                redirect.addFlashAttribute("notice", "lists.owner.import.tooLarge");
                return back(list);
            }
            text = new String(file.getBytes(), StandardCharsets.UTF_8);
        }
        if (text.length() > MAX_CSV_BYTES) {
            redirect.addFlashAttribute("notice", "lists.owner.import.tooLarge");
            return back(list);
        }
        List<MemberLists.ImportRow> report = lists.importMembers(mailbox.address(), list, text).orElseThrow(OwnerController::notOwner);
        redirect.addFlashAttribute("report", report);
        redirect.addFlashAttribute("added", report.stream().filter(r -> r.result() == MemberLists.OwnerResult.DONE).count());
        return back(list);
    }

    private static String done(String list, MemberLists.OwnerResult result, String action, String address, RedirectAttributes redirect) {
        if (result == MemberLists.OwnerResult.FORBIDDEN) {
            throw notOwner();
        }
        String code = result == MemberLists.OwnerResult.DONE ? "done." + action : result.name().toLowerCase(Locale.ROOT);
        redirect.addFlashAttribute("notice", "lists.owner." + code);
        redirect.addFlashAttribute("noticeAddress", address);
        return back(list);
    }

    private static String back(String list) {
        return "redirect:" + UriComponentsBuilder.fromPath("/lists/owner").queryParam("list", list).encode().build().toUriString();
    }

    /** A page or a change of a list she does not own. */
    private static ListAccessDenied notOwner() {
        return new ListAccessDenied("lists.ownerOnly");
    }
}
