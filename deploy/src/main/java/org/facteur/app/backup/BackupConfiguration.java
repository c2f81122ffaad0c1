package org.facteur.app.backup;

import java.nio.file.Path;
import java.time.Clock;

import org.facteur.app.mail.MailServerLifecycle;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Backups: the settings ({@code FACTEUR_BACKUP_*}), the restic runner, the service {@code facteur backup} and the schedule
 * use, the last outcome with its meters, and the schedule itself.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BackupProperties.class)
public class BackupConfiguration {
    @Bean
    ResticCopy resticCopy(BackupProperties settings) {
        return new ResticCopy(settings);
    }

    @Bean
    BackupSchedule backupSchedule(BackupProperties settings) {
        return BackupSchedule.parse(settings.schedule());
    }

    @Bean
    BackupStatus backupStatus(BackupProperties settings, MailServerLifecycle mail, MeterRegistry meters) {
        BackupStatus status = BackupStatus.fromDirectory(settings.directory(mail.settings().dataDir()));
        Gauge.builder("facteur.backup.last.success", status, s -> s.lastSuccess().map(t -> (double) t.getEpochSecond()).orElse(0.0))
                .description("When the last good snapshot was taken (Unix time; 0: none)").baseUnit("seconds").register(meters);
        Gauge.builder("facteur.backup.last.attempt.ok", status, s -> s.lastOk() ? 1.0 : 0.0)
                .description("1 when the last backup (and its off-site copy) worked, 0 when it failed").register(meters);
        return status;
    }

    @Bean
    BackupService backupService(BackupStatus status, ResticCopy restic) {
        return new BackupService(status, restic, Clock.systemUTC());
    }

    @Bean
    ScheduledBackups scheduledBackups(BackupSchedule schedule, BackupService service, MailServerLifecycle mail,
                                      BackupProperties settings) {
        Path directory = settings.directory(mail.settings().dataDir());
        return new ScheduledBackups(schedule, service, mail, directory, Clock.systemDefaultZone());
    }
}
