package org.facteur.app.admin;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards {@code /admin/api/**}: it exists only on the loopback admin connector (404 on the public
 * port) and needs {@code Authorization: Bearer <token>} (401 otherwise). The token is never logged.
 * Runs before Spring Security (the webmail's), so that the admin connector answers 404 to everything else
 * instead of redirecting to the webmail login page.
 */
@Component
@Order(SecurityProperties.DEFAULT_FILTER_ORDER - 10)
class AdminAccessFilter extends OncePerRequestFilter {
    static final String PREFIX = "/admin/api/";
    private final AdminEndpoint endpoint;

    AdminAccessFilter(AdminEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean adminPath = request.getRequestURI().startsWith(PREFIX);
        boolean adminPort = request.getLocalPort() == endpoint.port();
        if (adminPort != adminPath) {
            // The admin connector serves only the API, and the API is served only there.
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        if (adminPath) {
            String auth = request.getHeader("Authorization");
            String presented = auth != null && auth.startsWith("Bearer ") ? auth.substring(7).strip() : null;
            if (!endpoint.tokenMatches(presented)) {
                response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
                response.setContentType("application/json");
                response.getWriter().write("{\"error\":\"Missing or wrong admin token.\"}");
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
