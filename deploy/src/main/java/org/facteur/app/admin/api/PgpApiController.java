package org.facteur.app.admin.api;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.facteur.app.mail.MailServerLifecycle;
import org.facteur.mailserver.admin.AdminException;
import org.facteur.mailserver.pgp.UserKeys;
import org.facteur.pgp.store.PgpSettings;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The admin API for users' OpenPGP keys, behind {@code facteur admin pgp ...}. Passphrases travel in request
 * bodies, never in URLs. Errors share AdminApiController's handlers.
 */
@RestController
@RequestMapping("/admin/api/pgp")
class PgpApiController {
    private final MailServerLifecycle mail;

    PgpApiController(MailServerLifecycle mail) {
        this.mail = mail;
    }

    record EnableRequest(String passphrase, boolean encryptIncoming, boolean publishWkd, boolean autocrypt) {
    }

    record PassphraseRequest(String passphrase) {
    }

    /** {@code key}: the key file's bytes in base64, so armored and binary keys both travel unchanged. */
    record ImportRequest(String key) {
    }

    @PostMapping("/{address}")
    Map<String, String> enable(@PathVariable String address, @RequestBody EnableRequest req) {
        UserKeys.Status status = keys().enable(address, chars(req.passphrase()),
                new PgpSettings(req.encryptIncoming(), req.publishWkd(), req.autocrypt()));
        return Map.of("result", "OpenPGP is on for " + status.address() + " (key " + status.fingerprint() + "; "
                + settings(status.settings()) + ").");
    }

    @GetMapping("/{address}")
    Map<String, String> status(@PathVariable String address) {
        UserKeys.Status s = keys().status(address);
        Map<String, String> view = new LinkedHashMap<>();
        view.put("address", s.address());
        view.put("key", s.fingerprint().isEmpty() ? "none" : s.fingerprint());
        view.put("user-ids", String.join(", ", s.userIds()));
        view.put("secret-key", s.secretKeyHere() ? "on this server (passphrase-protected)" : "not on this server");
        view.put("revoked", Boolean.toString(s.revoked()));
        view.put("expires", s.expires().map(Object::toString).orElse("never"));
        view.put("encrypt-incoming", Boolean.toString(s.settings().encryptIncoming()));
        view.put("publish-wkd", Boolean.toString(s.settings().publishInWkd()));
        view.put("autocrypt", Boolean.toString(s.settings().autocrypt()));
        view.put("wkd-path", s.wkdPath());
        return view;
    }

    @GetMapping("/{address}/key")
    Map<String, String> publicKey(@PathVariable String address) {
        return Map.of("key", keys().exportPublicKey(address));
    }

    @PostMapping("/{address}/secret-key")
    Map<String, String> secretKey(@PathVariable String address, @RequestBody PassphraseRequest req) {
        return Map.of("key", keys().exportSecretKey(address, chars(req.passphrase())));
    }

    @PutMapping("/{address}/key")
    Map<String, String> importKey(@PathVariable String address, @RequestBody ImportRequest req) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(req.key() == null ? "" : req.key());
        } catch (IllegalArgumentException e) {
            throw AdminException.invalid("The key must be sent in base64.");
        }
        UserKeys.Status status = keys().importKey(address, key);
        return Map.of("result", "Public key " + status.fingerprint() + " imported for " + status.address() + ".");
    }

    @PostMapping("/{address}/revoke")
    Map<String, String> revoke(@PathVariable String address, @RequestBody PassphraseRequest req) {
        UserKeys.Status status = keys().revoke(address, chars(req.passphrase()));
        return Map.of("result", "Key " + status.fingerprint() + " of " + status.address()
                + " revoked; incoming mail is no longer encrypted.");
    }

    private UserKeys keys() {
        return mail.server().orElseThrow(AdminApiController.ServerNotReady::new).pgp();
    }

    private static char[] chars(String passphrase) {
        return passphrase == null ? new char[0] : passphrase.toCharArray();
    }

    private static String settings(PgpSettings s) {
        return "encrypt incoming " + onOff(s.encryptIncoming()) + ", WKD " + onOff(s.publishInWkd()) + ", Autocrypt "
                + onOff(s.autocrypt());
    }

    private static String onOff(boolean b) {
        return b ? "on" : "off";
    }
}
