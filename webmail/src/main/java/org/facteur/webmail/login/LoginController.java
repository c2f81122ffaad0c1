package org.facteur.webmail.login;

import org.springframework.security.core.Authentication;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The login page (Spring Security handles POST /login and POST /logout) and the home redirect. */
@Controller
class LoginController {

    @GetMapping("/login")
    String login(Authentication authentication) {
        if (authentication != null && authentication.isAuthenticated()
                && !(authentication instanceof AnonymousAuthenticationToken)) {
            return "redirect:/mail";
        }
        return "webmail/login";
    }

    @GetMapping("/")
    String home() {
        return "redirect:/mail";
    }
}
