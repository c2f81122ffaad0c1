package org.facteur.webmail.config;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import jakarta.servlet.http.HttpSession;

import org.facteur.webmail.imap.CurrentMailbox;
import org.facteur.webmail.imap.LiveMailboxes;
import org.facteur.webmail.imap.MailboxSession;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.server.CookieSameSiteSupplier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.ExceptionMappingAuthenticationFailureHandler;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Two chains. The first covers the public endpoints that are not the webmail ({@code /health}, the
 * Web Key Directory and the MTA-STS policy under {@code /.well-known/}, the mail client autoconfiguration of
 * {@link #CLIENT_SETUP}, and the one-click unsubscribe links of {@link #ONE_CLICK_UNSUBSCRIBE}): permitted, stateless,
 * no CSRF (Outlook POSTs its autodiscover request without a token; mail providers POST {@code List-Unsubscribe=One-Click}
 * without one, RFC 8058, and there the token in the path is the credential).
 * The second is the webmail and everything else (deny by default: any other path but {@link #LIST_ARCHIVES} and
 * {@link #PUBLIC_LISTS} needs a logged-in member): form login
 * checked against IMAP, CSRF on every form, a strict Content-Security-Policy without inline script,
 * same-origin framing only (the message body iframe). The admin API is not on this server at all (it has
 * its own loopback web server in deploy).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
public class WebmailSecurity {
    /** The policy of every webmail page; message bodies get a stricter one of their own. */
    public static final String CSP = "default-src 'self'; script-src 'self'; frame-src 'self'; "
            + "img-src 'self' data:; style-src 'self'; object-src 'none'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'self'";

    /**
     * Mail client autoconfiguration, served by deploy's {@code clientsetup}: Thunderbird's autoconfig, Outlook's autodiscover
     * in the spellings clients use, Apple's configuration profile. Exactly these paths.
     */
    public static final List<String> CLIENT_SETUP = List.of("/mail/config-v1.1.xml", "/autodiscover/autodiscover.xml",
            "/Autodiscover/Autodiscover.xml", "/AutoDiscover/AutoDiscover.xml", "/Autodiscover/autodiscover.xml",
            "/apple/mobileconfig");

    /** One-click unsubscribe links of list copies, served by deploy's {@code lists}: exactly one path segment after it. */
    public static final String ONE_CLICK_UNSUBSCRIBE = "/lists/u/*";

    /**
     * The lists' archive pages: in the webmail chain (sessions, CSRF on the owners' forms) but open without login, since
     * a public archive is read by anyone; {@code archives.ArchiveController} decides who reads what.
     */
    public static final String LIST_ARCHIVES = "/lists/archive/**";

    /**
     * The public page of a domain's lists, with its subscribe forms (double opt-in by mail): in the webmail chain (CSRF on
     * the forms) but open without login; {@code lists.PublicListsController}.
     */
    public static final String PUBLIC_LISTS = "/lists/public/**";

    @Bean
    @Order(1)
    SecurityFilterChain notWebmail(HttpSecurity http) throws Exception {
        return http.securityMatcher(Stream.concat(Stream.of("/health", "/.well-known/**", ONE_CLICK_UNSUBSCRIBE),
                        CLIENT_SETUP.stream()).toArray(String[]::new))
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(r -> r.disable())
                .securityContext(c -> c.disable())
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain webmail(HttpSecurity http, ObjectProvider<LiveMailboxes> live) throws Exception {
        return http
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/login", "/webmail/**", "/error", "/favicon.ico", LIST_ARCHIVES, PUBLIC_LISTS).permitAll()
                        .anyRequest().authenticated())
                .formLogin(f -> f.loginPage("/login").usernameParameter("username").passwordParameter("password")
                        .defaultSuccessUrl("/mail", true).failureHandler(loginFailures()).permitAll())
                .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?logout")
                        .addLogoutHandler(closeMailbox(live.getIfAvailable()))
                        .invalidateHttpSession(true).deleteCookies("JSESSIONID"))
                .headers(h -> h
                        .contentSecurityPolicy(c -> c.policyDirectives(CSP))
                        .frameOptions(f -> f.sameOrigin())
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)))
                .sessionManagement(s -> s.sessionFixation(f -> f.changeSessionId()))
                .build();
    }

    /**
     * The member's mailbox is closed at logout: by the session's end with sessions in memory, explicitly with shared
     * sessions (whose store does not tell the attributes they are unbound), which also deletes the browser's key.
     */
    private static LogoutHandler closeMailbox(LiveMailboxes live) {
        return (request, response, authentication) -> {
            HttpSession session = request.getSession(false);
            Object mailbox = session == null ? null : session.getAttribute(MailboxSession.ATTRIBUTE);
            if (live != null) {
                live.loggedOut(mailbox instanceof MailboxSession m ? m : null, request, response);
            }
        };
    }

    /** Wrong password: {@code ?error}; throttled: {@code ?throttled} (see LoginThrottle). */
    private static AuthenticationFailureHandler loginFailures() {
        ExceptionMappingAuthenticationFailureHandler handler = new ExceptionMappingAuthenticationFailureHandler();
        handler.setExceptionMappings(Map.of("org.facteur.webmail.login.ImapAuthenticationProvider$ThrottledException",
                "/login?throttled"));
        handler.setDefaultFailureUrl("/login?error");
        return handler;
    }

    /** SameSite=Lax on the session cookie (HttpOnly is Tomcat's default for it). */
    @Bean
    CookieSameSiteSupplier webmailSameSite() {
        return CookieSameSiteSupplier.ofLax().whenHasName("JSESSIONID");
    }

    @Bean
    WebMvcConfigurer webmailArguments(ObjectProvider<LiveMailboxes> live) {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new CurrentMailbox(live.getIfAvailable()));
            }
        };
    }
}
