package org.facteur.app.health;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.facteur.app.backup.BackupSchedule;
import org.facteur.app.backup.BackupStatus;
import org.facteur.app.mail.MailServerLifecycle;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /health}: 200 only when SMTP, IMAP and the store are ready and the spooler moves; 503 otherwise, naming
 * what is not (a spooler with mails waiting that has not moved for longer than the mail processing bound is stuck).
 */
@RestController
class HealthController {
    private final MailServerLifecycle mail;
    private final BackupStatus backups;
    private final BackupSchedule schedule;

    HealthController(MailServerLifecycle mail, BackupStatus backups, BackupSchedule schedule) {
        this.mail = mail;
        this.backups = backups;
        this.schedule = schedule;
    }

    @GetMapping("/health")
    ResponseEntity<Map<String, Object>> health() {
        Map<String, Object> body = new LinkedHashMap<>();
        Map<String, Boolean> parts = mail.server().map(s -> s.readiness())
                .orElse(Map.of("smtp", false, "imap", false, "store", false, "spooler", false));
        boolean up = parts.values().stream().allMatch(Boolean::booleanValue);
        body.put("status", up ? "UP" : "DOWN");
        body.putAll(parts);
        // Details only: a failed backup is the postmaster's business, not a reason for a load balancer to drop this node.
        body.put("backup", backups.details(Instant.now(), schedule));
        return ResponseEntity.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(body);
    }
}
