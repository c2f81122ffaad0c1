package org.facteur.webmail.lists;

import java.security.Principal;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The public page of a domain's lists ({@link #PATH}{@code <domain>}, no login): the lists anyone may ask to join, each
 * with a form for an address and a name. A request sends that address a confirmation request (double opt-in: whoever
 * typed it proves nothing), and the page answers the same sentence whether one was sent or not (already subscribed, a
 * request still open, the robot's limit for that address), so it tells nobody who is on a list. One client address may
 * send {@link PublicRequestAllowance#PER_WINDOW} requests in {@link PublicRequestAllowance#WINDOW}.
 */
@Controller
class PublicListsController {
    static final String PATH = "/lists/public/";
    private static final Pattern DOMAIN = Pattern.compile("[a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?");
    private static final int MAX_ADDRESS = 320;
    private static final int MAX_NAME = 200;

    private final MemberLists lists;
    private final PublicRequestAllowance allowance;

    PublicListsController(ObjectProvider<MemberLists> lists) {
        this.lists = lists.getIfAvailable(NoMemberLists::new);
        this.allowance = new PublicRequestAllowance(Clock.systemUTC());
    }

    @GetMapping(PATH + "{domain}")
    String show(@PathVariable String domain, Principal principal, Model model) {
        String d = domain(domain);
        model.addAttribute("domain", d);
        model.addAttribute("open", open(d));
        if (principal != null) {
            model.addAttribute("me", principal.getName());
        }
        return "webmail/lists-public";
    }

    @PostMapping(PATH + "{domain}/subscribe")
    String subscribe(@PathVariable String domain, @RequestParam(defaultValue = "") String list,
                     @RequestParam(defaultValue = "") String address, @RequestParam(defaultValue = "") String name,
                     HttpServletRequest request, RedirectAttributes redirect) {
        String d = domain(domain);
        MemberLists.OpenList target = open(d).stream().filter(l -> l.list().equalsIgnoreCase(list.strip())).findFirst()
                .orElseThrow(NoPublicList::new);
        String typed = address.strip();
        if (typed.isEmpty() || typed.length() > MAX_ADDRESS || !typed.contains("@")) {
            redirect.addFlashAttribute("answer", "lists.public.badAddress");
        } else if (!allowance.take(request.getRemoteAddr())) {
            redirect.addFlashAttribute("answer", "lists.public.tooMany");
        } else {
            lists.requestSubscription(target.list(), typed, name.length() > MAX_NAME ? name.substring(0, MAX_NAME) : name);
            redirect.addFlashAttribute("answer", "lists.public.sent");
        }
        redirect.addFlashAttribute("answerList", target.list());
        return "redirect:" + PATH + d;
    }

    private List<MemberLists.OpenList> open(String domain) {
        List<MemberLists.OpenList> open = lists.publicLists(domain);
        if (open.isEmpty()) {
            throw new NoPublicList();
        }
        return open;
    }

    private static String domain(String domain) {
        String d = domain.strip().toLowerCase(Locale.ROOT);
        if (!DOMAIN.matcher(d).matches()) {
            throw new NoPublicList();
        }
        return d;
    }

    /** No such domain, no list of it open to the public, or a list that is not one of them: one answer for all. */
    static final class NoPublicList extends RuntimeException {
        NoPublicList() {
            super(null, null, false, false);
        }
    }

    @ExceptionHandler(NoPublicList.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound(Model model) {
        model.addAttribute("problem", "lists.public.none");
        return "webmail/lists-public-none";
    }
}
