package org.facteur.app.admin.api;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.facteur.app.admin.AdminToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every request to the admin API's own web server needs {@code Authorization: Bearer <token>}. The
 * check does not look at the path at all: nothing on this server is public, so there is no path to
 * get wrong. The token is never logged.
 */
final class AdminTokenFilter extends OncePerRequestFilter {
    private final AdminToken token;

    AdminTokenFilter(AdminToken token) {
        this.token = token;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String auth = request.getHeader("Authorization");
        String presented = auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).strip() : null;
        if (!token.matches(presented)) {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setContentType("application/json");
            response.getWriter().write("{\"error\":\"Missing or wrong admin token (it is in <data>/admin/token).\"}");
            return;
        }
        chain.doFilter(request, response);
    }
}
