package org.facteur.app.admin.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.facteur.app.mail.MailServerLifecycle;
import org.facteur.mailserver.admin.MailAdmin;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The JSON admin API behind {@code facteur admin}: domains, users, aliases, quotas. */
@RestController
@RequestMapping("/admin/api")
class AdminApiController {
    private final MailServerLifecycle mail;

    AdminApiController(MailServerLifecycle mail) {
        this.mail = mail;
    }

    record DomainRequest(String name) {
    }

    record UserRequest(String address, String password) {
    }

    record PasswordRequest(String password) {
    }

    record AliasRequest(String alias, String target) {
    }

    record QuotaRequest(Long storage, Long messages) {
    }

    @PostMapping("/domains")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, String> addDomain(@RequestBody DomainRequest req) {
        admin().addDomain(req.name());
        return Map.of("result", "Domain " + req.name() + " added.");
    }

    @GetMapping("/domains")
    List<String> domains() {
        return admin().listDomains();
    }

    @DeleteMapping("/domains/{name}")
    Map<String, String> removeDomain(@PathVariable String name) {
        admin().removeDomain(name);
        return Map.of("result", "Domain " + name + " removed.");
    }

    @PostMapping("/users")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, String> addUser(@RequestBody UserRequest req) {
        admin().addUser(req.address(), req.password());
        return Map.of("result", "User " + req.address() + " added.");
    }

    @GetMapping("/users")
    List<String> users() {
        return admin().listUsers();
    }

    @DeleteMapping("/users/{address}")
    Map<String, String> removeUser(@PathVariable String address) {
        admin().removeUser(address);
        return Map.of("result", "User " + address + " removed.");
    }

    @PutMapping("/users/{address}/password")
    Map<String, String> password(@PathVariable String address, @RequestBody PasswordRequest req) {
        admin().changePassword(address, req.password());
        return Map.of("result", "Password of " + address + " changed.");
    }

    @PostMapping("/aliases")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, String> addAlias(@RequestBody AliasRequest req) {
        admin().addAlias(req.alias(), req.target());
        return Map.of("result", "Alias " + req.alias() + " -> " + req.target() + " added.");
    }

    @GetMapping("/aliases")
    Map<String, List<String>> aliases() {
        return admin().listAliases();
    }

    @DeleteMapping("/aliases/{alias}")
    Map<String, String> removeAlias(@PathVariable String alias, @RequestParam(required = false) String target) {
        admin().removeAlias(alias, target);
        return Map.of("result", "Alias " + alias + " removed.");
    }

    @PostMapping("/search/reindex")
    Map<String, String> reindex(@org.springframework.web.bind.annotation.RequestParam(required = false) String user) {
        int mailboxes = admin().reindex(java.util.Optional.ofNullable(user));
        return Map.of("result", "Indexing " + mailboxes + " mailbox(es) again" + (user == null ? "" : " of " + user)
                + " in the background; search stays exact meanwhile.");
    }

    @PutMapping("/quotas/{address}")
    Map<String, String> setQuota(@PathVariable String address, @RequestBody QuotaRequest req) {
        admin().setQuota(address, Optional.ofNullable(req.storage()), Optional.ofNullable(req.messages()));
        return Map.of("result", "Quota of " + address + " set.");
    }

    @GetMapping("/quotas/{address}")
    MailAdmin.QuotaUsage quota(@PathVariable String address) {
        return admin().quota(address);
    }

    private MailAdmin admin() {
        return mail.server().orElseThrow(ServerNotReady::new).admin();
    }

    static final class ServerNotReady extends RuntimeException {
        ServerNotReady() {
            super("The mail server is not running.");
        }
    }
}
