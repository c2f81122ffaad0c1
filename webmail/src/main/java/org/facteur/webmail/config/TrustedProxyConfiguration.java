package org.facteur.webmail.config;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Puts {@link TrustedProxyValve} in front of everything Tomcat serves (webmail, health, WKD). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(TomcatServletWebServerFactory.class)
public class TrustedProxyConfiguration {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> trustedProxies(WebmailProperties properties) {
        TrustedProxyValve valve = new TrustedProxyValve(properties.trustedProxies());
        return factory -> factory.addEngineValves(valve);
    }
}
