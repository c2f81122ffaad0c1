package org.facteur.app.admin.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.facteur.app.mail.MailServerLifecycle;
import org.facteur.lists.bounce.MemberBounces;
import org.facteur.lists.model.MailingList;
import org.facteur.lists.model.Member;
import org.facteur.lists.model.Preset;
import org.facteur.lists.model.ReceptionMode;
import org.facteur.lists.model.Role;
import org.facteur.mailserver.admin.AdminException;
import org.facteur.mailserver.lists.MailingLists;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The admin API for mailing lists, behind {@code facteur admin list ...}. Errors share AdminApiController's handlers. */
@RestController
@RequestMapping("/admin/api/lists")
class ListApiController {
    private final MailServerLifecycle mail;

    ListApiController(MailServerLifecycle mail) {
        this.mail = mail;
    }

    /** {@code subscribeOwner} absent means yes: an owner made by the admin command receives the posts. */
    record CreateRequest(String address, String preset, String owner, List<String> moderators, String language, Boolean subscribeOwner) {
    }

    record MemberRequest(String address, String name, String role) {
    }

    /**
     * {@code reception} says truthfully what reaches the address: an owner or moderator who did not subscribe gets no
     * posts; a member suspended for bounces gets nothing, and why is said.
     */
    record MemberView(String address, String name, String roles, String reception) {
        static MemberView of(Member m, Optional<MemberBounces> bounces) {
            String reception = m.reception().name().toLowerCase(Locale.ROOT);
            if (bounces.filter(MemberBounces::suspended).isPresent()) {
                reception = "suspended for bounces (" + bounces.get().score().points() + " points; last: "
                        + bounces.get().diagnostic() + ")";
            }
            return new MemberView(m.address(), m.name(), m.roles().stream().map(r -> r.name().toLowerCase(Locale.ROOT)).sorted()
                    .reduce((a, b) -> a + "," + b).orElse(""),
                    m.has(Role.SUBSCRIBER) ? reception : "no posts (not subscribed)");
        }
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, String> create(@RequestBody CreateRequest req) {
        Preset preset = parse(() -> Preset.parse(req.preset() == null ? "discussion" : req.preset()));
        MailingList list = lists().create(req.address(), preset,
                Locale.forLanguageTag(req.language() == null ? "en" : req.language()), req.owner(),
                !Boolean.FALSE.equals(req.subscribeOwner()), req.moderators() == null ? List.of() : req.moderators());
        return Map.of("result", "List " + list.address() + " created (" + preset.label() + "), owned by " + req.owner()
                + (Boolean.FALSE.equals(req.subscribeOwner()) ? " (not subscribed: receives no posts)." : ", who is subscribed."));
    }

    @GetMapping
    List<String> all() {
        return lists().all().stream().map(MailingList::address).toList();
    }

    @GetMapping("/{address}")
    Map<String, String> show(@PathVariable String address) {
        MailingList list = lists().get(address);
        Map<String, String> view = new LinkedHashMap<>();
        view.put("address", list.address());
        view.put("name", list.name());
        view.put("description", list.description());
        view.put("language", list.language().toLanguageTag());
        view.put("subscribe", label(list.policies().subscribe()));
        view.put("unsubscribe", label(list.policies().unsubscribe()));
        view.put("send", label(list.policies().send()));
        view.put("review", label(list.policies().review()));
        view.put("reply-to", label(list.replyTo()));
        view.put("max-size", Long.toString(list.maxMessageBytes()));
        view.put("dmarc", label(list.dmarc().mode()));
        view.put("dmarc-poster", label(list.dmarc().poster()));
        view.put("copies", label(list.copies()));
        view.put("archive", label(list.archive()));
        view.put("footer", list.footer());
        return view;
    }

    @PatchMapping("/{address}")
    Map<String, String> set(@PathVariable String address, @RequestBody Map<String, String> changes) {
        lists().set(address, changes);
        return Map.of("result", "List " + address + " updated.");
    }

    @DeleteMapping("/{address}")
    Map<String, String> delete(@PathVariable String address) {
        lists().delete(address);
        return Map.of("result", "List " + address + " deleted.");
    }

    /** Sends the list's digest now, when posts wait for it ({@code facteur admin list digest LIST}). */
    @PostMapping("/{address}/digest")
    Map<String, String> digest(@PathVariable String address) {
        return Map.of("result", lists().sendDigest(address)
                .map(issue -> "Digest Vol " + issue.volume() + ", Issue " + issue.issue() + " of " + address + " sent with "
                        + issue.posts().size() + " posts.")
                .orElse("No post waits for the digest of " + address + ": nothing was sent."));
    }

    @PostMapping("/{address}/members")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, String> addMember(@PathVariable String address, @RequestBody MemberRequest req) {
        Role role = parse(() -> Role.valueOf(req.role() == null ? "SUBSCRIBER" : req.role().toUpperCase(Locale.ROOT)));
        lists().addMember(address, req.address(), req.name(), role);
        return Map.of("result", req.address() + " is now " + role.name().toLowerCase(Locale.ROOT) + " of " + address + ".");
    }

    @DeleteMapping("/{address}/members/{member}")
    Map<String, String> removeMember(@PathVariable String address, @PathVariable String member) {
        lists().removeMember(address, member);
        return Map.of("result", member + " removed from " + address + ".");
    }

    @GetMapping("/{address}/members")
    List<MemberView> members(@PathVariable String address) {
        return lists().members(address).stream()
                .map(m -> MemberView.of(m, m.reception() == ReceptionMode.NOMAIL ? lists().bounces(address, m.address()) : Optional.empty()))
                .toList();
    }

    /** Probes the list's members suspended for bounces now, and resumes those whose probe went without a hard bounce in time. */
    @PostMapping("/{address}/probe")
    Map<String, String> probe(@PathVariable String address) throws javax.mail.MessagingException {
        int sent = lists().probe(address);
        return Map.of("result", sent == 0 ? "Nothing to probe or resume on " + address + "."
                : sent + " mail(s) sent on " + address + " (probes, and notices of resumed delivery).");
    }

    private MailingLists lists() {
        return mail.server().orElseThrow(AdminApiController.ServerNotReady::new).lists();
    }

    private static String label(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static <T> T parse(java.util.function.Supplier<T> parser) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            throw new AdminException(AdminException.Kind.INVALID, e.getMessage().startsWith("No enum")
                    ? "Unknown role; use subscriber, moderator or owner." : e.getMessage());
        }
    }
}
