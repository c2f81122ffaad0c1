package org.facteur.app.mtasts;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.facteur.app.config.PublishedProperties;
import org.facteur.app.mail.MailServerLifecycle;
import org.facteur.app.web.RequestHost;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The MTA-STS policy (RFC 8461 §3.3), which sending servers fetch from {@code https://mta-sts.<domain>/.well-known/mta-sts.txt}
 * (HTTPS is the reverse proxy's: the policy is only believed over a certificate valid for that name). Served for the
 * host {@code mta-sts.<domain>} of a domain served here; any other host gets 404.
 */
@RestController
class MtaStsController {
    static final String PATH = "/.well-known/mta-sts.txt";
    private static final MediaType TEXT = new MediaType("text", "plain", StandardCharsets.UTF_8);
    private final MailServerLifecycle mail;
    private final PublishedProperties published;

    MtaStsController(MailServerLifecycle mail, PublishedProperties published) {
        this.mail = mail;
        this.published = published;
    }

    @GetMapping(PATH)
    ResponseEntity<String> policy(@RequestHeader(name = HttpHeaders.HOST, required = false) String host) {
        Optional<String> name = RequestHost.name(host);
        if (name.isEmpty() || !name.get().startsWith("mta-sts.")) {
            return answer(HttpStatus.NOT_FOUND, "The MTA-STS policy is served to the host mta-sts.<domain>, not to "
                    + name.orElse("this host") + ".\n");
        }
        String domain = name.get().substring("mta-sts.".length());
        Optional<Boolean> served = mail.server().map(server -> server.admin().servesDomain(domain));
        if (served.isEmpty()) {
            return answer(HttpStatus.SERVICE_UNAVAILABLE, "The mail server is starting; try again in a minute.\n");
        }
        if (!served.get()) {
            return answer(HttpStatus.NOT_FOUND, "Mail for " + domain + " is not served here.\n");
        }
        return answer(HttpStatus.OK, published.mtaStsPolicy().text());
    }

    private static ResponseEntity<String> answer(HttpStatus status, String text) {
        return ResponseEntity.status(status).contentType(TEXT).body(text);
    }
}
