package org.facteur.webmail.mail;

import jakarta.mail.MessagingException;
import jakarta.servlet.http.HttpServletResponse;

import org.facteur.webmail.html.MessageHtmlSanitizer;
import org.facteur.webmail.imap.MailboxSession;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/** Folder list, message list and message view. */
@Controller
class MailController {
    /**
     * The message body frame may show inline styles and embedded images, nothing else: no script, no
     * remote fetch, no form, no plugin; {@code sandbox} makes it an opaque origin even if opened directly.
     */
    static final String BODY_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
            + "base-uri 'none'; form-action 'none'; frame-ancestors 'self'; sandbox allow-popups allow-popups-to-escape-sandbox";
    /** When the member asked for this message's remote images ({@code images=show}): those, nothing else. */
    static final String BODY_CSP_REMOTE_IMAGES = BODY_CSP.replace("img-src data:", "img-src data: https: http:");
    static final String SHOW_IMAGES = "show";

    private final MailReader reader;
    private final MessageHtmlSanitizer sanitizer;

    MailController(MailReader reader, MessageHtmlSanitizer sanitizer) {
        this.reader = reader;
        this.sanitizer = sanitizer;
    }

    @GetMapping("/mail")
    String list(MailboxSession mailbox, @RequestParam(defaultValue = MailReader.INBOX) String folder,
            @RequestParam(defaultValue = "1") int page, Model model) throws MessagingException {
        model.addAttribute("folders", reader.folders(mailbox));
        model.addAttribute("page", reader.page(mailbox, folder, page));
        model.addAttribute("folder", folder);
        model.addAttribute("me", mailbox.address());
        return "webmail/folder";
    }

    @GetMapping("/mail/message")
    String message(MailboxSession mailbox, @RequestParam(defaultValue = MailReader.INBOX) String folder,
            @RequestParam long uid, @RequestParam(defaultValue = "") String images, Model model) throws MessagingException {
        MessageView message = reader.message(mailbox, folder, uid);
        boolean show = SHOW_IMAGES.equals(images);
        model.addAttribute("message", message);
        model.addAttribute("showImages", show);
        model.addAttribute("imagesBlocked", !show && message.hasHtml() && sanitizer.hasRemoteImages(message.html()));
        model.addAttribute("folders", reader.folders(mailbox));
        model.addAttribute("folder", folder);
        model.addAttribute("me", mailbox.address());
        return "webmail/message";
    }

    /** The sanitized HTML body, loaded by the message page in {@code <iframe sandbox>}. */
    @GetMapping(value = "/mail/body", produces = MediaType.TEXT_HTML_VALUE)
    @ResponseBody
    String body(MailboxSession mailbox, @RequestParam(defaultValue = MailReader.INBOX) String folder,
            @RequestParam long uid, @RequestParam(defaultValue = "") String images, HttpServletResponse response)
            throws MessagingException {
        boolean remoteImages = SHOW_IMAGES.equals(images);
        response.setHeader("Content-Security-Policy", remoteImages ? BODY_CSP_REMOTE_IMAGES : BODY_CSP);
        response.setHeader("Cache-Control", "no-store");
        MessageView message = reader.message(mailbox, folder, uid);
        String html = message.hasHtml() ? sanitizer.sanitize(message.html(), remoteImages) : "";
        return "<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
                + "<style>body{font-family:sans-serif;margin:0;overflow-wrap:anywhere}img{max-width:100%}</style>"
                + "</head><body>" + html + "</body></html>";
    }
}
