package org.facteur.webmail.config;

import java.time.Duration;

import io.lettuce.core.RedisURI;

import org.facteur.webmail.imap.LiveMailboxes;
import org.facteur.webmail.imap.MailConnector;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.data.redis.connection.RedisConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.data.redis.RedisSessionRepository;
import org.springframework.session.data.redis.config.annotation.web.http.EnableRedisHttpSession;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.DefaultCookieSerializer;
import org.springframework.session.web.http.SessionRepositoryFilter;

/**
 * Web sessions in Redis, so that a member keeps working when the load balancer sends her to another node: on when
 * {@value #REDIS_URI} is set (deploy sets it from {@code FACTEUR_REDIS_URI}) and {@value #ENABLED} is not false
 * ({@code FACTEUR_WEBMAIL_SHARED_SESSIONS}), otherwise sessions stay in this process's memory and nothing here
 * exists. The session store keeps what is {@link java.io.Serializable}: the login (Spring Security's context), the
 * CSRF token, the lookup allowance, and the mailbox with its password sealed under a key only the browser holds
 * ({@link LiveMailboxes}); IMAP stores and unlocked OpenPGP keys stay on each node. Keys are
 * {@value #NAMESPACE}{@code :sessions:<id>}, one hash each, expiring with the session
 * ({@code server.servlet.session.timeout}). The cookie keeps the name, SameSite and HttpOnly of the in-memory one.
 * Spring Boot's own Redis and session auto-configuration is excluded by the application (they would connect to
 * localhost:6379 when nobody asked), see {@link #EXCLUDED_AUTO_CONFIGURATION}.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(SharedSessions.RedisUriSet.class)
@EnableRedisHttpSession
public class SharedSessions {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SharedSessions.class);
    public static final String REDIS_URI = "facteur.webmail.shared-sessions.redis-uri";
    public static final String NAMESPACE = "facteur.webmail.shared-sessions.namespace";
    /** {@code false} keeps sessions in memory even when {@value #REDIS_URI} is set (Redis for the login counters only). */
    public static final String ENABLED = "facteur.webmail.shared-sessions.enabled";
    /** Spring Boot auto-configuration an application with this webmail excludes ({@code spring.autoconfigure.exclude}). */
    public static final String EXCLUDED_AUTO_CONFIGURATION =
            "org.springframework.boot.autoconfigure.data.redis.RedisAutoConfiguration,"
            + "org.springframework.boot.autoconfigure.data.redis.RedisReactiveAutoConfiguration,"
            + "org.springframework.boot.autoconfigure.data.redis.RedisRepositoriesAutoConfiguration,"
            + "org.springframework.boot.autoconfigure.session.SessionAutoConfiguration";

    /** True when {@value #REDIS_URI} is set and not blank, unless {@value #ENABLED} is {@code false}. */
    static final class RedisUriSet implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return context.getEnvironment().getProperty(ENABLED, Boolean.class, true)
                    && !context.getEnvironment().getProperty(REDIS_URI, "").isBlank();
        }
    }

    @Bean
    LettuceConnectionFactory webmailSessionRedis(Environment env) {
        RedisURI uri = RedisURI.create(env.getRequiredProperty(REDIS_URI).strip());
        // never the password: scheme, host, port and database only
        LOG.info("Webmail sessions are shared in Redis at {}://{}:{}/{}", uri.isSsl() ? "rediss" : "redis", uri.getHost(),
                uri.getPort(), uri.getDatabase());
        RedisConfiguration target = LettuceConnectionFactory.createRedisConfiguration(uri);
        LettuceClientConfiguration.LettuceClientConfigurationBuilder client = LettuceClientConfiguration.builder()
                .commandTimeout(Duration.ofSeconds(5));
        if (uri.isSsl()) {
            client.useSsl();
        }
        return new LettuceConnectionFactory(target, client.build());
    }

    @Bean
    SessionRepositoryCustomizer<RedisSessionRepository> webmailSessionExpiry(Environment env) {
        Duration timeout = sessionTimeout(env);
        String namespace = env.getProperty(NAMESPACE, "facteur:webmail:session");
        return repository -> {
            repository.setDefaultMaxInactiveInterval(timeout);
            repository.setRedisKeyNamespace(namespace);
        };
    }

    /** Spring Session takes its attributes' serializer by this bean name. */
    @Bean("springSessionDefaultRedisSerializer")
    RedisSerializer<Object> webmailSessionAttributes() {
        return new ForgivingSessionSerializer(SharedSessions.class.getClassLoader());
    }

    @Bean
    CookieSerializer webmailSessionCookie() {
        DefaultCookieSerializer cookie = new DefaultCookieSerializer();
        cookie.setCookieName("JSESSIONID");
        cookie.setUseHttpOnlyCookie(true);
        cookie.setSameSite("Lax");
        cookie.setUseBase64Encoding(false);
        return cookie;
    }

    /** Before Spring Session's filter ({@code SessionRepositoryFilter.DEFAULT_ORDER}): a clear 503 while Redis is away. */
    @Bean
    FilterRegistrationBean<SessionStoreDown> webmailSessionStoreDown() {
        FilterRegistrationBean<SessionStoreDown> registration = new FilterRegistrationBean<>(new SessionStoreDown());
        registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER - 10);
        return registration;
    }

    @Bean
    LiveMailboxes liveMailboxes(MailConnector connector, Environment env) {
        return new LiveMailboxes(connector, sessionTimeout(env));
    }

    private static Duration sessionTimeout(Environment env) {
        return env.getProperty("server.servlet.session.timeout", Duration.class, Duration.ofMinutes(30));
    }
}
