package org.facteur.app.lists;

import java.util.Locale;

import org.facteur.lists.mail.Texts;
import org.facteur.lists.model.MailingList;
import org.springframework.web.util.HtmlUtils;

/**
 * The small pages of one-click unsubscribe, in the list's language (texts {@code oneclick.*} of the list robot's
 * files): plain HTML with nothing to load, every value from the store escaped, the
 * member's address shown masked ({@code a***@remote.test}) so that a forwarded link does not show whose it is.
 */
final class UnsubscribePage {
    private UnsubscribePage() {
    }

    /** The GET page, in the list's language: what pressing the button will do. The form posts to the same address. */
    static String confirm(MailingList list, String member) {
        Texts texts = new Texts(list.language());
        return page(texts.locale(), texts.get("oneclick.confirm.title", esc(list.name())),
                "<p>" + texts.get("oneclick.confirm.body", esc(masked(member)), esc(list.name()), esc(list.address())) + "</p>\n"
                        + "<form method=\"post\"><input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\">"
                        + "<button type=\"submit\">" + texts.get("oneclick.confirm.button") + "</button></form>");
    }

    /** After the POST: the member left ({@code left}), or the owners were asked. */
    static String result(MailingList list, String member, boolean left) {
        Texts texts = new Texts(list.language());
        String outcome = left ? "oneclick.left" : "oneclick.asked";
        String body = left ? texts.get("oneclick.left.body", esc(masked(member)), esc(list.name()), esc(list.address()))
                : texts.get("oneclick.asked.body", esc(list.name()), esc(list.address()), esc(masked(member)));
        return page(texts.locale(), texts.get(outcome + ".title"), "<p>" + body + "</p>");
    }

    static String done() {
        return page("Unsubscribed", "<p>You are unsubscribed.</p>");
    }

    static String notFound() {
        return page("Link not valid", "<p>This unsubscribe link is not valid, or no longer: its address may already have "
                + "left the list. To leave a list, send any message to its -unsubscribe address.</p>");
    }

    static String badRequest() {
        return page("Nothing done", "<p>Unsubscribing takes a POST with List-Unsubscribe=One-Click (RFC 8058); this request "
                + "had none, and changed nothing.</p>");
    }

    static String starting() {
        return page("Starting", "<p>The mail server is starting; try again in a minute.</p>");
    }

    /** {@code ann@remote.test} as {@code a***@remote.test}. */
    static String masked(String address) {
        int at = address.lastIndexOf('@');
        return address.charAt(0) + "***" + address.substring(at);
    }

    /** The pages that know no list (no valid token) are in English. */
    private static String page(String title, String body) {
        return page(Locale.ENGLISH, esc(title), body);
    }

    /** {@code title} and {@code body} are HTML already (every value in them escaped). */
    private static String page(Locale language, String title, String body) {
        return "<!DOCTYPE html>\n<html lang=\"" + esc(language.getLanguage()) + "\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><meta name=\"robots\" content=\"noindex\">"
                + "<title>" + title + "</title></head>\n<body><main><h1>" + title + "</h1>\n" + body + "\n</main></body></html>\n";
    }

    private static String esc(String text) {
        return HtmlUtils.htmlEscape(text);
    }
}
