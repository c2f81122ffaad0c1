package org.facteur.webmail.lists;

import java.io.Serializable;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import org.facteur.webmail.imap.MailboxSession;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Lists → Held posts: the posts waiting on the lists the logged-in member owns or moderates, each with its sender,
 * subject, date and a text preview (never its HTML), and Approve / Reject. A decision goes through the list manager's
 * own moderation (the one behind {@code DISTRIBUTE} and {@code REJECT} by mail), which checks that she may decide:
 * someone else's list is a 403 with a sentence, a post decided first by mail a sentence saying who did.
 */
@Controller
class HeldPostsController {
    static final int REASON_MAX = 500;
    private final MemberLists lists;

    HeldPostsController(ObjectProvider<MemberLists> lists) {
        this.lists = lists.getIfAvailable(NoMemberLists::new);
    }

    @GetMapping("/lists/held")
    String held(MailboxSession mailbox, Model model) {
        List<HeldView> held = lists.heldPosts(mailbox.address()).stream().map(HeldView::of).toList();
        model.addAttribute("available", lists.available());
        model.addAttribute("held", held);
        model.addAttribute("me", mailbox.address());
        return "webmail/lists-held";
    }

    @PostMapping("/lists/held/{key}/approve")
    String approve(MailboxSession mailbox, @PathVariable String key, RedirectAttributes redirect) {
        return decided(lists.decide(mailbox.address(), key, true, ""), redirect);
    }

    @PostMapping("/lists/held/{key}/reject")
    String reject(MailboxSession mailbox, @PathVariable String key, @RequestParam(defaultValue = "") String reason,
                  RedirectAttributes redirect) {
        String kept = reason.strip();
        return decided(lists.decide(mailbox.address(), key, false, kept.length() > REASON_MAX ? kept.substring(0, REASON_MAX) : kept),
                redirect);
    }

    private static String decided(MemberLists.Decision decision, RedirectAttributes redirect) {
        if (decision.outcome() == MemberLists.Outcome.FORBIDDEN) {
            throw new ListAccessDenied("lists.forbidden");
        }
        redirect.addFlashAttribute("decision", DecisionView.of(decision));
        return "redirect:/lists/held";
    }

    /** A held post as the page shows it, its date in the server's zone as the message list shows dates. */
    record HeldView(String key, String list, String sender, String subject, ZonedDateTime heldAt, String preview) {
        static HeldView of(MemberLists.HeldPost post) {
            return new HeldView(post.key(), post.list(), post.sender(), post.subject(), post.heldAt().atZone(ZoneId.systemDefault()),
                    post.preview());
        }
    }

    /** The sentence after a decision: its message key and its arguments (subject, list, who decided, when). */
    record DecisionView(String code, String subject, String list, String decidedBy, String decidedAt) implements Serializable {
        private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

        static DecisionView of(MemberLists.Decision d) {
            return new DecisionView("lists.held.outcome." + d.outcome().name().toLowerCase(Locale.ROOT), d.subject(), d.list(),
                    d.decidedBy().orElse("?"), d.decidedAt().map(at -> WHEN.format(at.atZone(ZoneId.systemDefault()))).orElse("?"));
        }
    }
}
