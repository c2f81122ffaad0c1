package org.facteur.webmail.mail;

import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.mail.MessagingException;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.facteur.webmail.encryption.UnlockedMemberKey;
import org.facteur.webmail.html.MessageHtmlSanitizer;
import org.facteur.webmail.imap.MailboxSession;
import org.facteur.webmail.imap.StandardFolders;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/** Folder list, message list, search, message view, attachments and the actions on messages. */
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
    /** A downloaded part is never rendered as a page of this site, whatever its type claims. */
    static final String ATTACHMENT_CSP = "default-src 'none'; sandbox";
    static final int MAX_QUERY = 200;
    /** How many best matches a search shows (one page, no pager: the best come first). */
    static final int BEST_MATCHES = 50;
    /** The {@code mode} parameter that asks for best matches instead of the exact IMAP search. */
    static final String BEST = "best";

    private final MailReader reader;
    private final MailActions actions;
    private final MessageHtmlSanitizer sanitizer;
    private final EncryptedMessages encrypted;
    private final SignedMessages signed;
    private final ConversationReader conversations;
    private final BestMatches bestMatches;

    MailController(MailReader reader, MailActions actions, MessageHtmlSanitizer sanitizer, EncryptedMessages encrypted,
            SignedMessages signed, ConversationReader conversations, ObjectProvider<BestMatches> bestMatches) {
        this.conversations = conversations;
        this.bestMatches = bestMatches.getIfAvailable(NoBestMatches::new);
        this.reader = reader;
        this.actions = actions;
        this.sanitizer = sanitizer;
        this.encrypted = encrypted;
        this.signed = signed;
    }

    /**
     * A PGP/MIME message opened with the key the member unlocked in this session, or null (not PGP/MIME, or the
     * key is still locked: the page then asks the passphrase).
     */
    private DecryptedMessage opened(MailboxSession mailbox, HttpSession session, MessageView message) throws MessagingException {
        if (!message.openPgp().encrypted()) {
            return null;
        }
        var key = UnlockedMemberKey.of(session);
        return key.isPresent() ? encrypted.open(mailbox, message, key.get()) : null;
    }

    @GetMapping("/mail")
    String list(MailboxSession mailbox, @RequestParam(defaultValue = MailReader.INBOX) String folder,
            @RequestParam(defaultValue = "1") int page, @RequestParam(required = false) String q,
            @RequestParam(required = false) String field, @RequestParam(required = false) String mode, Model model)
            throws MessagingException {
        boolean searching = q != null && !q.isBlank();
        if (searching && q.length() > MAX_QUERY) {
            q = q.substring(0, MAX_QUERY);
        }
        SearchField where = SearchField.parse(field);
        model.addAttribute("folders", reader.folders(mailbox));
        model.addAttribute("bestAvailable", bestMatches.available());
        model.addAttribute("mode", BEST.equals(mode) && bestMatches.available() ? BEST : "exact");
        if (searching && BEST.equals(mode) && bestMatches.available()) {
            return best(mailbox, folder, q.strip(), where, model);
        }
        // Search results stay one line per message: the member looks for messages, not for their conversations.
        ConversationPage grouped = searching ? null : conversations.page(mailbox, folder, page);
        model.addAttribute("conversations", grouped);
        model.addAttribute("page", grouped != null ? grouped
                : searching ? reader.search(mailbox, folder, q, where, page) : reader.page(mailbox, folder, page));
        model.addAttribute("folder", folder);
        model.addAttribute("q", searching ? q.strip() : null);
        model.addAttribute("field", where.param());
        model.addAttribute("fields", SearchField.values());
        model.addAttribute("me", mailbox.address());
        return "webmail/folder";
    }

    /** Best matches across the member's folders, ranked by the mail server (not IMAP SEARCH, which is exact). */
    private String best(MailboxSession mailbox, String folder, String q, SearchField where, Model model) {
        List<BestMatches.Match> found;
        try {
            found = bestMatches.find(mailbox.address(), q, BEST_MATCHES);
        } catch (BestMatches.UnavailableException e) {
            model.addAttribute("bestError", e.getMessage());
            found = List.of();
        }
        model.addAttribute("best", found);
        model.addAttribute("folder", folder);
        model.addAttribute("q", q);
        model.addAttribute("field", where.param());
        model.addAttribute("fields", SearchField.values());
        model.addAttribute("me", mailbox.address());
        return "webmail/folder";
    }

    @GetMapping("/mail/message")
    String message(MailboxSession mailbox, @RequestParam(defaultValue = MailReader.INBOX) String folder,
            @RequestParam long uid, @RequestParam(defaultValue = "") String images, HttpSession session, Model model)
            throws MessagingException {
        MessageView message = reader.message(mailbox, folder, uid);
        DecryptedMessage decrypted = opened(mailbox, session, message);
        if (decrypted != null && decrypted.readable()) {
            message = decrypted.message();
        }
        model.addAttribute("decrypted", decrypted);
        model.addAttribute("signature", decrypted != null && decrypted.readable() ? decrypted.signature()
                : signed.check(mailbox, message).orElse(null));
        model.addAttribute("askPassphrase", message.openPgp().encrypted() && decrypted == null);
        boolean show = SHOW_IMAGES.equals(images);
        model.addAttribute("message", message);
        model.addAttribute("showImages", show);
        model.addAttribute("imagesBlocked", !show && message.hasHtml() && sanitizer.hasRemoteImages(message.html()));
        model.addAttribute("conversation", reader.conversation(mailbox, message, StandardFolders.SENT));
        model.addAttribute("folders", reader.folders(mailbox));
        model.addAttribute("folder", folder);
        model.addAttribute("me", mailbox.address());
        return "webmail/message";
    }

    /** The sanitized HTML body, loaded by the message page in {@code <iframe sandbox>}. */
    @GetMapping(value = "/mail/body", produces = MediaType.TEXT_HTML_VALUE)
    @ResponseBody
    String body(MailboxSession mailbox, @RequestParam(defaultValue = MailReader.INBOX) String folder,
            @RequestParam long uid, @RequestParam(defaultValue = "") String images, HttpServletResponse response,
            HttpSession session) throws MessagingException {
        boolean remoteImages = SHOW_IMAGES.equals(images);
        response.setHeader("Content-Security-Policy", remoteImages ? BODY_CSP_REMOTE_IMAGES : BODY_CSP);
        response.setHeader("Cache-Control", "no-store");
        MessageView message = reader.message(mailbox, folder, uid);
        DecryptedMessage decrypted = opened(mailbox, session, message);
        if (decrypted != null && decrypted.readable()) {
            message = decrypted.message();
        }
        String html = message.hasHtml() ? sanitizer.sanitize(message.html(), remoteImages) : "";
        return "<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
                + "<style>body{font-family:sans-serif;margin:0;overflow-wrap:anywhere}img{max-width:100%}</style>"
                + "</head><body>" + html + "</body></html>";
    }

    /** An attachment, always downloaded (never shown inline), under its own file name. */
    @GetMapping("/mail/attachment")
    ResponseEntity<byte[]> attachment(MailboxSession mailbox, @RequestParam(defaultValue = MailReader.INBOX) String folder,
            @RequestParam long uid, @RequestParam int part) throws MessagingException {
        return download(reader.attachment(mailbox, folder, uid, part));
    }

    /**
     * An attachment inside an encrypted message, decrypted again for this download with the key unlocked in the
     * session and sent under the same rules as {@link #attachment}; while the key is locked, a page that says to
     * unlock it ({@link EncryptedMessages.LockedKeyException}).
     */
    @GetMapping("/mail/attachment/decrypted")
    ResponseEntity<byte[]> decryptedAttachment(MailboxSession mailbox,
            @RequestParam(defaultValue = MailReader.INBOX) String folder, @RequestParam long uid, @RequestParam int part,
            HttpSession session) throws MessagingException {
        var key = UnlockedMemberKey.of(session).orElseThrow(EncryptedMessages.LockedKeyException::new);
        return download(encrypted.attachment(mailbox, folder, uid, part, key));
    }

    private static ResponseEntity<byte[]> download(MailReader.AttachmentContent content) {
        MediaType type;
        try {
            type = MediaType.parseMediaType(content.contentType());
        } catch (RuntimeException e) {
            type = MediaType.APPLICATION_OCTET_STREAM;
        }
        return ResponseEntity.ok()
                .contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(content.filename(), StandardCharsets.UTF_8).build().toString())
                .header("Content-Security-Policy", ATTACHMENT_CSP)
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                .body(content.bytes());
    }

    /**
     * Read, unread, flag, unflag, delete (to Trash) or move the selected messages. Comes back to the
     * message for flags set from its page, otherwise to the folder the messages were in.
     */
    @PostMapping("/mail/action")
    String act(MailboxSession mailbox, @RequestParam(defaultValue = MailReader.INBOX) String folder,
            @RequestParam(name = "uid", required = false) List<String> selected, @RequestParam String action,
            @RequestParam(required = false) String target, @RequestParam(required = false) String back,
            RedirectAttributes redirect) throws MessagingException {
        MailActions.Action what;
        try {
            what = MailActions.Action.parse(action);
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("notice", "action.unknown");
            return "redirect:" + folderUrl(folder);
        }
        List<Long> uids = uids(selected);
        if (uids.isEmpty()) {
            redirect.addFlashAttribute("notice", "action.nothingSelected");
            return "redirect:" + folderUrl(folder);
        }
        actions.apply(mailbox, folder, uids, what, target);
        redirect.addFlashAttribute("notice", "action.done." + what.name().toLowerCase(java.util.Locale.ROOT));
        boolean stays = "message".equals(back) && uids.size() == 1
                && (what == MailActions.Action.FLAG || what == MailActions.Action.UNFLAG);
        if (stays) {
            return "redirect:" + UriComponentsBuilder.fromPath("/mail/message").queryParam("folder", folder)
                    .queryParam("uid", uids.get(0)).encode().build().toUriString();
        }
        return "redirect:" + folderUrl(folder);
    }

    /**
     * The selected UIDs: one per checkbox of the plain list, several ({@code 4,7}) for a conversation of the
     * grouped list, whose actions apply to all its messages.
     */
    static List<Long> uids(List<String> selected) {
        if (selected == null) {
            return List.of();
        }
        List<Long> out = new java.util.ArrayList<>();
        for (String value : selected) {
            for (String uid : value.split(",", -1)) {
                try {
                    out.add(Long.parseLong(uid.strip()));
                } catch (NumberFormatException e) {
                    throw new MailReader.BadRequestException("not a message number: " + uid);
                }
            }
        }
        return out.stream().distinct().toList();
    }

    private static String folderUrl(String folder) {
        return UriComponentsBuilder.fromPath("/mail").queryParam("folder", folder).encode().build().toUriString();
    }
}
