package org.facteur.webmail.compose;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** What the compose page posts; addresses are comma-separated. */
public class ComposeForm {
    @NotBlank
    @Size(max = 4000)
    private String to = "";
    @Size(max = 4000)
    private String cc = "";
    @Size(max = 998)
    private String subject = "";
    @Size(max = 5_000_000)
    private String body = "";

    public String getTo() {
        return to;
    }

    public void setTo(String to) {
        this.to = to;
    }

    public String getCc() {
        return cc;
    }

    public void setCc(String cc) {
        this.cc = cc;
    }

    public String getSubject() {
        return subject;
    }

    public void setSubject(String subject) {
        this.subject = subject;
    }

    public String getBody() {
        return body;
    }

    public void setBody(String body) {
        this.body = body;
    }
}
