package org.facteur.webmail.mail;

import jakarta.mail.MessagingException;

import org.facteur.webmail.imap.CurrentMailbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;

/** What the member sees when the mailbox is gone, a message is missing, or the mail server fails. */
@ControllerAdvice(basePackages = "org.facteur.webmail")
class MailErrors {
    private static final Logger LOG = LoggerFactory.getLogger(MailErrors.class);

    @ExceptionHandler(CurrentMailbox.MissingMailboxException.class)
    String loginAgain() {
        return "redirect:/login?expired";
    }

    @ExceptionHandler(MailReader.NotFoundException.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound(Model model) {
        model.addAttribute("problem", "error.not-found");
        return "webmail/problem";
    }

    /**
     * A decrypted attachment asked for while the key is locked (the session was logged out, or the link was kept):
     * a page that says to unlock the key on the message page first.
     */
    @ExceptionHandler(EncryptedMessages.LockedKeyException.class)
    @ResponseStatus(HttpStatus.FORBIDDEN)
    String keyLocked(Model model) {
        model.addAttribute("problem", "message.pgp.lockedDownload");
        return "webmail/problem";
    }

    /** A hand-edited or truncated URL: a page that says so, not a stack of framework words. */
    @ExceptionHandler({org.springframework.web.method.annotation.MethodArgumentTypeMismatchException.class,
            org.springframework.web.bind.MissingServletRequestParameterException.class, MailReader.BadRequestException.class})
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    String badRequest(Model model) {
        model.addAttribute("problem", "error.badRequest");
        return "webmail/problem";
    }

    @ExceptionHandler(org.springframework.web.multipart.MaxUploadSizeExceededException.class)
    @ResponseStatus(HttpStatus.PAYLOAD_TOO_LARGE)
    String tooLarge(Model model) {
        model.addAttribute("problem", "compose.tooLarge");
        return "webmail/problem";
    }

    @ExceptionHandler(MessagingException.class)
    @ResponseStatus(HttpStatus.BAD_GATEWAY)
    String mailServerError(MessagingException e, Model model) {
        LOG.warn("webmail: mail server error: {}", e.toString());
        model.addAttribute("problem", "error.unavailable");
        return "webmail/problem";
    }
}
