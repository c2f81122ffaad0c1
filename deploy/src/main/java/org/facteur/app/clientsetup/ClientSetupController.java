package org.facteur.app.clientsetup;

import java.nio.charset.StandardCharsets;

import org.facteur.app.config.PublishedProperties;
import org.facteur.app.mail.MailServerLifecycle;
import org.facteur.app.web.RequestHost;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Mail client autoconfiguration on the public HTTP port, with the host name and ports of {@code facteur.published}:
 * Thunderbird's autoconfig, Outlook's autodiscover and an Apple configuration profile, for addresses of the domains
 * served here only (404 for others, 400 for what is not an address). No login, no CSRF token: clients ask before
 * they have an account: the webmail's public chain lets exactly these paths through ({@code WebmailSecurity.CLIENT_SETUP}).
 */
@RestController
class ClientSetupController {
    static final String THUNDERBIRD_WELL_KNOWN = "/.well-known/autoconfig/mail/config-v1.1.xml";
    static final String THUNDERBIRD = "/mail/config-v1.1.xml";
    /** The spellings Outlook and other clients use (paths are case-sensitive here); the same in WebmailSecurity.CLIENT_SETUP. */
    static final String AUTODISCOVER = "/autodiscover/autodiscover.xml";
    static final String AUTODISCOVER_CAPITALS = "/Autodiscover/Autodiscover.xml";
    static final String AUTODISCOVER_CAMEL = "/AutoDiscover/AutoDiscover.xml";
    static final String AUTODISCOVER_MIXED = "/Autodiscover/autodiscover.xml";
    static final String APPLE = "/apple/mobileconfig";
    private static final MediaType XML = new MediaType("text", "xml", StandardCharsets.UTF_8);

    private final MailServerLifecycle mail;
    private final PublishedProperties published;

    ClientSetupController(MailServerLifecycle mail, PublishedProperties published) {
        this.mail = mail;
        this.published = published;
    }

    /**
     * Thunderbird asks {@code https://autoconfig.<domain>/mail/config-v1.1.xml?emailaddress=...}, then
     * {@code https://<domain>/.well-known/autoconfig/...}; without the parameter the domain is the host's.
     */
    @GetMapping({THUNDERBIRD, THUNDERBIRD_WELL_KNOWN})
    ResponseEntity<String> thunderbird(@RequestParam(name = "emailaddress", required = false) String address,
                                       @RequestHeader(name = HttpHeaders.HOST, required = false) String host) {
        MailAccount account;
        if (address == null) {
            String domain = RequestHost.withoutPrefix(host, "autoconfig.").filter(d -> d.contains("."))
                    .orElseThrow(() -> ClientSetupException.badRequest("Name the address to configure: ?emailaddress=you@example.org."));
            account = served(MailAccount.ofDomain(domain, servers()));
        } else {
            account = served(MailAccount.of(address, servers()));
        }
        return ResponseEntity.ok().contentType(XML).body(ThunderbirdConfig.xml(account));
    }

    @PostMapping({AUTODISCOVER, AUTODISCOVER_CAPITALS, AUTODISCOVER_CAMEL, AUTODISCOVER_MIXED})
    ResponseEntity<String> outlook(@RequestBody(required = false) byte[] body) {
        MailAccount account = served(MailAccount.of(OutlookAutodiscover.requestedAddress(body), servers()));
        return ResponseEntity.ok().contentType(XML).body(OutlookAutodiscover.xml(account));
    }

    @GetMapping(APPLE)
    ResponseEntity<String> apple(@RequestParam(name = "emailaddress", required = false) String address) {
        MailAccount account = served(MailAccount.of(address, servers()));
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(AppleMailProfile.CONTENT_TYPE))
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(AppleMailProfile.fileName(account)).build().toString())
                .body(AppleMailProfile.plist(account));
    }

    @ExceptionHandler(ClientSetupException.class)
    ResponseEntity<String> refused(ClientSetupException e) {
        return ResponseEntity.status(e.status()).contentType(new MediaType("text", "plain", StandardCharsets.UTF_8))
                .body(e.getMessage() + "\n");
    }

    private MailAccount served(MailAccount account) {
        boolean served = mail.server().map(server -> server.admin().servesDomain(account.domain()))
                .orElseThrow(ClientSetupException::starting);
        if (!served) {
            throw ClientSetupException.notServed(account.domain());
        }
        return account;
    }

    private MailAccount.Servers servers() {
        PublishedProperties.Ports ports = published.ports();
        return new MailAccount.Servers(published.hostname(), ports.imaps(), ports.imap(), ports.submission(), ports.smtps());
    }
}
