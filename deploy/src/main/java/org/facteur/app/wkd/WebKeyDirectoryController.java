package org.facteur.app.wkd;

import java.util.Locale;
import java.util.Optional;

import org.facteur.app.mail.MailServerLifecycle;
import org.facteur.app.web.RequestHost;
import org.facteur.mailserver.pgp.UserKeys;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Web Key Directory (draft-koch-openpgp-webkey-service) on the public HTTP port: the keys users chose to publish,
 * binary, with only the user IDs for the address. Direct method: the domain is the request's host (or, for a host
 * that is not one of ours, the {@code l=} local part must designate one user); advanced method: the domain is in
 * the path. 404 for anyone who did not publish.
 */
@RestController
class WebKeyDirectoryController {
    private static final String ROOT = "/.well-known/openpgpkey";
    private final MailServerLifecycle mail;

    WebKeyDirectoryController(MailServerLifecycle mail) {
        this.mail = mail;
    }

    @GetMapping(ROOT + "/hu/{hash}")
    ResponseEntity<byte[]> direct(@PathVariable String hash, @RequestParam(name = "l", required = false) String local,
                                  @RequestHeader(name = HttpHeaders.HOST, required = false) String host) {
        return keys().flatMap(keys -> {
            Optional<String> domain = domainOf(host).filter(keys::servesDomain);
            if (domain.isPresent()) {
                return keys.wkdKey(domain.get(), hash);
            }
            return local == null ? Optional.empty() : keys.wkdKeyByLocalPart(local, hash);
        }).map(WebKeyDirectoryController::key).orElseGet(WebKeyDirectoryController::notFound);
    }

    @GetMapping(ROOT + "/{domain}/hu/{hash}")
    ResponseEntity<byte[]> advanced(@PathVariable String domain, @PathVariable String hash) {
        return keys().flatMap(keys -> keys.wkdKey(domain, hash))
                .map(WebKeyDirectoryController::key).orElseGet(WebKeyDirectoryController::notFound);
    }

    /** The policy file must exist for clients to use the directory; ours has no options. */
    @GetMapping(ROOT + "/policy")
    ResponseEntity<byte[]> policy() {
        return empty(HttpStatus.OK);
    }

    @GetMapping(ROOT + "/{domain}/policy")
    ResponseEntity<byte[]> domainPolicy(@PathVariable String domain) {
        boolean ours = keys().map(keys -> keys.servesDomain(domain.toLowerCase(Locale.ROOT))).orElse(false);
        return empty(ours ? HttpStatus.OK : HttpStatus.NOT_FOUND);
    }

    private Optional<UserKeys> keys() {
        return mail.server().map(server -> server.pgp());
    }

    /** The host without port; "openpgpkey.example.org" (the advanced method's host) also means example.org. */
    static Optional<String> domainOf(String host) {
        return RequestHost.withoutPrefix(host, "openpgpkey.");
    }

    private static ResponseEntity<byte[]> key(byte[] key) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_OCTET_STREAM)
                .header(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*").body(key);
    }

    private static ResponseEntity<byte[]> notFound() {
        return empty(HttpStatus.NOT_FOUND);
    }

    private static ResponseEntity<byte[]> empty(HttpStatus status) {
        return ResponseEntity.status(status).header(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*")
                .contentType(MediaType.APPLICATION_OCTET_STREAM).body(new byte[0]);
    }
}
