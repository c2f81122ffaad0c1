package org.facteur.webmail.archives;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.facteur.webmail.archives.ListArchives.Archive;
import org.facteur.webmail.archives.ListArchives.Post;
import org.facteur.webmail.mail.MessageParts;
import org.facteur.webmail.mime.HtmlText;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.util.UriUtils;

/**
 * A list's archive on the web (issue 11 item 5): its months with their counts, a month's threads, one post, a search,
 * and for owners the removal of a post and the mbox export. The pages are under {@link #PATH}, which the security chain
 * lets through without login ({@code WebmailSecurity.LIST_ARCHIVES}): this controller decides. A public archive is read
 * by anyone; a members-only one sends an anonymous visitor to the login page and answers a logged-in non-member 403
 * with a sentence; a list without archive, or no such list, is 404. Post bodies are shown as escaped text (the text of
 * an HTML-only post, never its markup); attachments are listed by name and size, not served.
 */
@Controller
class ArchiveController {
    static final String PATH = "/lists/archive/";
    static final int SEARCH_RESULTS = 50;
    static final int MAX_QUERY = 200;
    private static final Session SESSION = Session.getInstance(new Properties());

    private final ListArchives archives;

    ArchiveController(ObjectProvider<ListArchives> archives) {
        this.archives = archives.getIfAvailable(NoListArchives::new);
    }

    @GetMapping(PATH + "{list}")
    String months(@PathVariable String list, Principal principal, Model model) {
        Archive archive = readable(list, principal, model);
        model.addAttribute("months", archives.months(archive.address()));
        return "webmail/archives/months";
    }

    @GetMapping(PATH + "{list}/{month:\\d{4}-\\d{2}}")
    String month(@PathVariable String list, @PathVariable String month, Principal principal, Model model) {
        Archive archive = readable(list, principal, model);
        YearMonth yearMonth;
        try {
            yearMonth = YearMonth.parse(month);
        } catch (DateTimeParseException e) {
            throw new ListArchives.NotFoundException("No such month.");
        }
        model.addAttribute("month", yearMonth);
        model.addAttribute("threads", ArchiveThreads.of(archives.month(archive.address(), yearMonth)));
        return "webmail/archives/month";
    }

    @GetMapping(PATH + "{list}/post/{id}")
    String post(@PathVariable String list, @PathVariable String id, Principal principal, Model model)
            throws MessagingException, IOException {
        Archive archive = readable(list, principal, model);
        Post post = archives.post(archive.address(), id)
                .orElseThrow(() -> new ListArchives.NotFoundException("This post is not in the archive."));
        MimeMessage message = new MimeMessage(SESSION, new ByteArrayInputStream(post.message()));
        MessageParts.Parsed parsed = MessageParts.parse(message);
        String text = parsed.text() != null ? parsed.text() : parsed.html() != null ? HtmlText.of(parsed.html()) : "";
        model.addAttribute("post", post.summary());
        model.addAttribute("text", text);
        model.addAttribute("attachments", parsed.attachments());
        model.addAttribute("month", YearMonth.from(post.summary().utc()));
        return "webmail/archives/post";
    }

    @GetMapping(PATH + "{list}/search")
    String search(@PathVariable String list, @RequestParam(defaultValue = "") String q, Principal principal, Model model) {
        Archive archive = readable(list, principal, model);
        String words = q.strip();
        model.addAttribute("q", words);
        if (words.isEmpty() || words.length() > MAX_QUERY) {
            model.addAttribute("results", List.of());
        } else {
            model.addAttribute("results", archives.search(archive.address(), words, SEARCH_RESULTS));
        }
        return "webmail/archives/search";
    }

    @PostMapping(PATH + "{list}/post/{id}/remove")
    String remove(@PathVariable String list, @PathVariable String id, Principal principal, Model model, RedirectAttributes redirect) {
        Archive archive = owned(list, principal, model);
        YearMonth month = archives.post(archive.address(), id).map(p -> YearMonth.from(p.summary().utc()))
                .orElseThrow(() -> new ListArchives.NotFoundException("This post is not in the archive."));
        archives.remove(archive.address(), id, reader(principal).orElseThrow());
        redirect.addFlashAttribute("removed", true);
        return "redirect:" + PATH + UriUtils.encodePathSegment(archive.address(), StandardCharsets.UTF_8) + "/" + month;
    }

    @GetMapping(PATH + "{list}/mbox")
    ResponseEntity<StreamingResponseBody> mbox(@PathVariable String list, Principal principal, Model model) {
        Archive archive = owned(list, principal, model);
        String owner = reader(principal).orElseThrow();
        StreamingResponseBody body = out -> archives.exportMbox(archive.address(), owner, out);
        return ResponseEntity.ok()
                .contentType(new MediaType("application", "mbox"))
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(archive.address() + ".mbox", StandardCharsets.UTF_8).build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(body);
    }

    /** The archive if this visitor may read it; else the answer the class comment describes, thrown. */
    private Archive readable(String list, Principal principal, Model model) {
        Optional<String> reader = reader(principal);
        Archive archive = archives.archive(list, reader)
                .orElseThrow(() -> new ListArchives.NotFoundException("There is no archive of " + list + " here."));
        if (!archive.readable()) {
            if (reader.isEmpty()) {
                throw new LoginNeeded();
            }
            throw new Denied("archive.membersOnly", archive.address());
        }
        model.addAttribute("archive", archive);
        reader.ifPresent(r -> model.addAttribute("me", r));
        return archive;
    }

    private Archive owned(String list, Principal principal, Model model) {
        Archive archive = readable(list, principal, model);
        if (!archive.owner()) {
            throw new Denied("archive.ownersOnly", archive.address());
        }
        return archive;
    }

    private static Optional<String> reader(Principal principal) {
        return Optional.ofNullable(principal).map(Principal::getName).map(n -> n.strip().toLowerCase(Locale.ROOT))
                .filter(n -> !n.isEmpty());
    }

    /** A members-only archive asked for without login. */
    static final class LoginNeeded extends RuntimeException {
        LoginNeeded() {
            super(null, null, false, false);
        }
    }

    /**
     * A logged-in visitor asked for what her role on the list does not allow: {@code problem} is the sentence's key
     * ({@code archive.membersOnly}: the archive of a list she is not a member of; {@code archive.ownersOnly}: an owner's
     * action), {@code list} the list's address in it.
     */
    static final class Denied extends RuntimeException {
        private final String problem;

        Denied(String problem, String list) {
            super(list, null, false, false);
            this.problem = problem;
        }
    }

    @ExceptionHandler(LoginNeeded.class)
    String login() {
        return "redirect:/login";
    }

    @ExceptionHandler(ListArchives.NotFoundException.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound(Model model) {
        model.addAttribute("problem", "archive.notFound");
        return "webmail/archives/problem";
    }

    @ExceptionHandler(Denied.class)
    @ResponseStatus(HttpStatus.FORBIDDEN)
    String denied(Denied e, Model model) {
        model.addAttribute("problem", e.problem);
        model.addAttribute("list", e.getMessage());
        return "webmail/archives/problem";
    }

    /** The list manager refused (an owner who stopped being one between the page and the button). */
    @ExceptionHandler(ListArchives.RefusedException.class)
    @ResponseStatus(HttpStatus.FORBIDDEN)
    String refused(Model model) {
        model.addAttribute("problem", "archive.refused");
        return "webmail/archives/problem";
    }

    @ExceptionHandler(ListArchives.UnavailableException.class)
    @ResponseStatus(HttpStatus.SERVICE_UNAVAILABLE)
    String unavailable(Model model) {
        model.addAttribute("problem", "archive.unavailable");
        return "webmail/archives/problem";
    }
}
