/**
 * Facteur's webmail: Spring MVC + Thymeleaf pages over IMAP and SMTP submission (Jakarta Mail), one IMAP
 * store per HTTP session. Packages by feature: {@code login}, {@code mail} (folders, message list and view),
 * {@code threads} (the server's conversations, paged), {@code compose}, {@code imap} (the per-session connection),
 * {@code html} (sanitizer), {@code config}.
 * Mounted by {@code deploy} through {@link org.facteur.webmail.config.WebmailAutoConfiguration}.
 */
package org.facteur.webmail;
