package org.facteur.app;

import org.facteur.app.config.FacteurProperties;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** The one Facteur process: embedded mail server, admin API, health (and later the webmail). */
@SpringBootApplication
@EnableConfigurationProperties(FacteurProperties.class)
public class FacteurApplication {

    public static void run(String[] args) {
        SpringApplication app = new SpringApplication(FacteurApplication.class);
        app.setRegisterShutdownHook(true);
        app.run(args);
    }
}
