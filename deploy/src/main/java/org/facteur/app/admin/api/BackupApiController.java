package org.facteur.app.admin.api;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.facteur.app.backup.BackupProperties;
import org.facteur.app.backup.BackupService;
import org.facteur.app.mail.MailServerLifecycle;
import org.facteur.mailserver.backup.Retention;
import org.facteur.mailserver.backup.Snapshot;
import org.facteur.mailserver.backup.SnapshotCancelledException;
import org.facteur.mailserver.backup.SnapshotException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code facteur backup}: the running server takes a snapshot of its data directory into {@code to} (an absolute
 * directory outside the data directory), then applies the retention to that directory, then copies it to the restic
 * repository of {@code FACTEUR_BACKUP_REPOSITORY} when there is one (a failed copy is reported; the snapshot stays).
 */
@RestController
@RequestMapping("/admin/api")
class BackupApiController {
    private final MailServerLifecycle mail;
    private final BackupProperties settings;
    private final BackupService backups;

    BackupApiController(MailServerLifecycle mail, BackupProperties settings, BackupService backups) {
        this.mail = mail;
        this.settings = settings;
        this.backups = backups;
    }

    record BackupRequest(String to, Integer keepDaily, Integer keepWeekly) {
    }

    @PostMapping("/backups")
    ResponseEntity<Map<String, Object>> backup(@RequestBody BackupRequest req) throws IOException {
        if (req.to() == null || !Path.of(req.to()).isAbsolute()) {
            throw new SnapshotException("The snapshot directory must be an absolute path.");
        }
        Retention retention = new Retention(req.keepDaily() == null ? Retention.DEFAULT_DAILY : req.keepDaily(),
                req.keepWeekly() == null ? Retention.DEFAULT_WEEKLY : req.keepWeekly());
        Path to = Path.of(req.to());
        BackupService.Outcome done = backups.run(mail.server().orElseThrow(AdminApiController.ServerNotReady::new), to, retention);
        Snapshot snapshot = done.snapshot();
        List<Path> removed = done.removed();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("path", snapshot.path().toString());
        body.put("files", snapshot.files());
        body.put("bytes", snapshot.bytes());
        body.put("millis", snapshot.took().toMillis());
        body.put("removed", removed.stream().map(Path::toString).toList());
        done.offsite().ifPresent(copied ->
                body.put("offsite", Map.of("repository", settings.repository(), "copied", copied.copied(), "detail", copied.detail())));
        return ResponseEntity.status(HttpStatus.CREATED).body(body);
    }

    @ExceptionHandler(SnapshotException.class)
    ResponseEntity<Map<String, String>> refused(SnapshotException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("error", e.getMessage()));
    }

    @ExceptionHandler(SnapshotCancelledException.class)
    ResponseEntity<Map<String, String>> cancelled(SnapshotCancelledException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(Map.of("error", e.getMessage()));
    }

    @ExceptionHandler(IOException.class)
    ResponseEntity<Map<String, String>> failed(IOException e) {
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
                .body(Map.of("error", "The backup failed and was not kept: " + e.getMessage()));
    }
}
