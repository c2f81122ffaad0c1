package org.facteur.webmail.lists;

import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * A Lists page or action the list manager refused to the session's member (a list she does not own, a post of a list
 * she does not moderate): a 403 and the problem page with one sentence, {@code problem} naming it in the bundles.
 */
final class ListAccessDenied extends RuntimeException {
    private final String problem;

    ListAccessDenied(String problem) {
        super(problem, null, false, false);
        this.problem = problem;
    }

    @ControllerAdvice(assignableTypes = {HeldPostsController.class, OwnerController.class})
    static class Handler {
        @ExceptionHandler(ListAccessDenied.class)
        @ResponseStatus(HttpStatus.FORBIDDEN)
        String forbidden(ListAccessDenied denied, Model model) {
            model.addAttribute("problem", denied.problem);
            return "webmail/problem";
        }
    }
}
