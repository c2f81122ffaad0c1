package org.facteur.app.backup;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The off-site copy settings ({@code FACTEUR_BACKUP_*}) and the restic runner that {@code facteur backup} uses. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BackupProperties.class)
public class BackupConfiguration {
    @Bean
    ResticCopy resticCopy(BackupProperties settings) {
        return new ResticCopy(settings);
    }
}
