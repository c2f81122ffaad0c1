package org.facteur.app.admin.api;

import java.util.Map;

import org.facteur.mailserver.admin.AdminException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Turns refused admin requests into one-sentence JSON errors with the matching HTTP status. */
@RestControllerAdvice(assignableTypes = {AdminApiController.class, ListApiController.class, PgpApiController.class,
        DnsApiController.class, BackupApiController.class})
class AdminErrors {
    @ExceptionHandler(AdminException.class)
    ResponseEntity<Map<String, String>> refused(AdminException e) {
        HttpStatus status = switch (e.kind()) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
        };
        return ResponseEntity.status(status).body(Map.of("error", e.getMessage()));
    }

    @ExceptionHandler(AdminApiController.ServerNotReady.class)
    ResponseEntity<Map<String, String>> notReady(AdminApiController.ServerNotReady e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(Map.of("error", e.getMessage()));
    }
}
