package org.facteur.webmail;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Anchor for the {@code @WebMvcTest} slices of this module (the real application is deploy's). */
@SpringBootApplication
public class WebmailTestApplication {
}
