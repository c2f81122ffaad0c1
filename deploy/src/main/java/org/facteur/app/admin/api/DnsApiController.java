package org.facteur.app.admin.api;

import java.util.List;
import java.util.Map;

import org.facteur.app.config.PublishedProperties;
import org.facteur.app.mail.MailServerLifecycle;
import org.facteur.mailserver.admin.MailAdmin;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The admin API behind {@code facteur admin dns DOMAIN} (the records to publish, zone-file lines) and
 * {@code facteur admin dkim rotate DOMAIN}. Errors share AdminApiController's handlers.
 */
@RestController
@RequestMapping("/admin/api/domains/{name}")
class DnsApiController {
    private final MailServerLifecycle mail;
    private final PublishedProperties published;

    DnsApiController(MailServerLifecycle mail, PublishedProperties published) {
        this.mail = mail;
        this.published = published;
    }

    /** With the public ports and the MTA-STS policy clients and servers are told about. */
    @GetMapping("/dns")
    List<String> dns(@PathVariable String name) {
        return admin().dnsRecords(name, published.dnsServer());
    }

    @PostMapping("/dkim/rotate")
    Map<String, String> rotate(@PathVariable String name) {
        List<String> selectors = admin().rotateDkim(name);
        return Map.of("result", "New DKIM selectors for " + name + ": " + String.join(", ", selectors)
                + ". They sign from now on; publish them now ('facteur admin dns " + name + "'), the old ones stay"
                + " listed there until they may be deleted.");
    }

    private MailAdmin admin() {
        return mail.server().orElseThrow(AdminApiController.ServerNotReady::new).admin();
    }
}
