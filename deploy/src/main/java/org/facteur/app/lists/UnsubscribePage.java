package org.facteur.app.lists;

import org.springframework.web.util.HtmlUtils;

/**
 * The small pages of one-click unsubscribe: plain HTML with nothing to load, every value from the store escaped, the
 * member's address shown masked ({@code a***@remote.test}) so that a forwarded link does not show whose it is.
 */
final class UnsubscribePage {
    private UnsubscribePage() {
    }

    /** The GET page: what pressing the button will do. The form posts to the same address. */
    static String confirm(String listName, String listAddress, String member) {
        return page("Unsubscribe from " + listName,
                "<p>" + esc(masked(member)) + " will no longer receive mail from the list " + esc(listName) + " ("
                        + esc(listAddress) + ").</p>\n"
                        + "<form method=\"post\"><input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\">"
                        + "<button type=\"submit\">Unsubscribe</button></form>");
    }

    static String left(String listName, String listAddress, String member) {
        return page("Unsubscribed", "<p>" + esc(masked(member)) + " is unsubscribed from the list " + esc(listName) + " ("
                + esc(listAddress) + "). A goodbye message says how to come back.</p>");
    }

    static String ownersAsked(String listName, String listAddress, String member) {
        return page("Request sent", "<p>The owners of the list " + esc(listName) + " (" + esc(listAddress)
                + ") approve unsubscriptions: they were asked to remove " + esc(masked(member)) + ".</p>");
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

    private static String page(String title, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><meta name=\"robots\" content=\"noindex\">"
                + "<title>" + esc(title) + "</title></head>\n<body><main><h1>" + esc(title) + "</h1>\n" + body + "\n</main></body></html>\n";
    }

    private static String esc(String text) {
        return HtmlUtils.htmlEscape(text);
    }
}
