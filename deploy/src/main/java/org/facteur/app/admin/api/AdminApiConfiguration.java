package org.facteur.app.admin.api;

import java.net.InetAddress;

import org.apache.catalina.valves.ErrorReportValve;
import org.facteur.app.admin.AdminToken;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.Shutdown;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.support.DefaultLifecycleProcessor;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;

/**
 * The admin API's own application context and web server: a Tomcat of its own bound to 127.0.0.1 on a
 * random port, whose only servlet is the admin API and whose only filter demands the token. The public
 * HTTP server (webmail, health, WKD) does not contain these controllers at all, so no spelling of a path
 * there (encoded, doubled slashes, {@code ;} parameters, dot segments, case) can reach them.
 * This class and the controllers of this package are loaded only into that child context
 * ({@code FacteurApplication} excludes the package from its component scan).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebMvc
@Import({AdminApiController.class, ListApiController.class, PgpApiController.class, DnsApiController.class,
        BackupApiController.class, AdminErrors.class})
public class AdminApiConfiguration {
    @Bean
    TomcatServletWebServerFactory adminWebServerFactory() {
        TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory(0);
        factory.setAddress(InetAddress.getLoopbackAddress());
        factory.setDisplayName("facteur-admin");
        factory.setShutdown(Shutdown.GRACEFUL); // a command under way at a stop finishes and is answered
        factory.setRegisterDefaultServlet(false);
        factory.addContextCustomizers(context -> {
            ErrorReportValve quiet = new ErrorReportValve();
            quiet.setShowReport(false);
            quiet.setShowServerInfo(false);
            context.getParent().getPipeline().addValve(quiet);
        });
        return factory;
    }

    /** How long a stop waits for admin requests under way (a backup under way is cancelled first: AdminServer). */
    @Bean
    DefaultLifecycleProcessor lifecycleProcessor() {
        DefaultLifecycleProcessor processor = new DefaultLifecycleProcessor();
        processor.setTimeoutPerShutdownPhase(5_000);
        return processor;
    }

    @Bean
    DispatcherServlet dispatcherServlet() {
        return new DispatcherServlet();
    }

    @Bean
    ServletRegistrationBean<DispatcherServlet> adminDispatcher(DispatcherServlet servlet) {
        ServletRegistrationBean<DispatcherServlet> registration = new ServletRegistrationBean<>(servlet, "/");
        registration.setLoadOnStartup(1);
        return registration;
    }

    @Bean
    FilterRegistrationBean<AdminTokenFilter> adminTokenFilter(AdminToken token) {
        FilterRegistrationBean<AdminTokenFilter> registration = new FilterRegistrationBean<>(new AdminTokenFilter(token));
        registration.addUrlPatterns("/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
