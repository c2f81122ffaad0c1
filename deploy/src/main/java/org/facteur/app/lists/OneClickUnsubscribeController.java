package org.facteur.app.lists;

import java.util.Optional;

import org.facteur.app.mail.MailServerLifecycle;
import org.facteur.lists.OneClickUnsubscription;
import org.facteur.lists.store.Membership;
import org.facteur.mailserver.lists.MailingLists;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * One-click unsubscribe (RFC 8058) on the public HTTP port, for the links in list copies' {@code List-Unsubscribe}.
 * A GET only shows the list, the member's masked address and one button: link scanners and previews fetch links, and
 * must unsubscribe nobody. A POST with {@code List-Unsubscribe=One-Click} (what mail providers send, and the button)
 * unsubscribes the member the token names from the token's list, without login and without a CSRF token: the token,
 * sent only to that member, is the credential, and it can do nothing else. Any token that names no subscriber gets the
 * same 404 page, whatever the reason.
 */
@RestController
class OneClickUnsubscribeController {
    private static final Logger LOG = LoggerFactory.getLogger(OneClickUnsubscribeController.class);
    static final String PATH = "/lists/u/{token}";
    private static final String ONE_CLICK = "One-Click";

    private final MailServerLifecycle mail;

    OneClickUnsubscribeController(MailServerLifecycle mail) {
        this.mail = mail;
    }

    @GetMapping(PATH)
    ResponseEntity<String> page(@PathVariable String token) {
        Optional<MailingLists> lists = lists();
        if (lists.isEmpty()) {
            return starting();
        }
        Optional<Membership> member = lists.get().oneClickMember(token);
        if (member.isEmpty()) {
            return notFound();
        }
        return html(HttpStatus.OK, UnsubscribePage.confirm(lists.get().get(member.get().list()), member.get().member().address()));
    }

    @PostMapping(PATH)
    ResponseEntity<String> unsubscribe(@PathVariable String token,
                                       @RequestParam(name = "List-Unsubscribe", required = false) String oneClick) {
        Optional<MailingLists> lists = lists();
        if (lists.isEmpty()) {
            return starting();
        }
        if (!ONE_CLICK.equals(oneClick)) {
            return html(HttpStatus.BAD_REQUEST, UnsubscribePage.badRequest());
        }
        Optional<OneClickUnsubscription> done;
        try {
            done = lists.get().unsubscribeOneClick(token);
        } catch (javax.mail.MessagingException e) {
            // the member has left; only the goodbye mail could not be queued
            LOG.warn("A one-click unsubscription could not queue its mail: {}", e.getMessage());
            return html(HttpStatus.OK, UnsubscribePage.done());
        }
        if (done.isEmpty()) {
            return notFound();
        }
        OneClickUnsubscription result = done.get();
        return html(HttpStatus.OK, UnsubscribePage.result(result.list(), result.address(), result.left()));
    }

    private Optional<MailingLists> lists() {
        return mail.server().map(server -> server.lists());
    }

    private static ResponseEntity<String> notFound() {
        return html(HttpStatus.NOT_FOUND, UnsubscribePage.notFound());
    }

    private static ResponseEntity<String> starting() {
        return html(HttpStatus.SERVICE_UNAVAILABLE, UnsubscribePage.starting());
    }

    /**
     * The page references nothing and runs nothing; the token is in the URL, so no Referer leaves it, no cache keeps it,
     * and no robot indexes it.
     */
    private static ResponseEntity<String> html(HttpStatus status, String page) {
        return ResponseEntity.status(status).contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
                .header("Content-Security-Policy", "default-src 'none'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
                .header("Referrer-Policy", "no-referrer")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("X-Robots-Tag", "noindex")
                .body(page);
    }
}
