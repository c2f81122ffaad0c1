package org.facteur.webmail.config;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.context.MessageSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Import;

/**
 * Mounts the webmail in whatever Spring Boot application has this jar on its class path (Facteur's
 * {@code deploy}): controllers and services, security chains, message bundles and locale choice. Runs
 * before Boot's message-source, MVC and security auto-configuration so that their defaults (message
 * source, default user, default chain, locale resolver) back off; Boot's message source would otherwise
 * pick up any {@code messages.properties} on the class path (dnsjava ships one).
 */
@AutoConfiguration(before = {MessageSourceAutoConfiguration.class, WebMvcAutoConfiguration.class, SecurityAutoConfiguration.class,
        UserDetailsServiceAutoConfiguration.class})
@Import({WebmailWebConfig.class, WebmailSecurity.class, TrustedProxyConfiguration.class, SharedSessions.class})
@ComponentScan(basePackages = "org.facteur.webmail")
@EnableConfigurationProperties(WebmailProperties.class)
public class WebmailAutoConfiguration {
}
