package org.facteur.webmail.compose;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * What the compose page posts; addresses are comma-separated. {@code inReplyTo}/{@code references}
 * thread a reply; {@code attachFromFolder}/{@code attachFromUid} name a message whose attachments go
 * along (a forwarded message, or the draft being edited); {@code draftUid} is the draft this message
 * replaces in Drafts, deleted once it is sent. {@code sign} and {@code encrypt} are the OpenPGP boxes.
 * {@code attachDecrypted} says that message is encrypted and was forwarded decrypted: the attachments inside its
 * encrypted part go along, decrypted again when sending (the key must still be unlocked), not its stored parts.
 */
public class ComposeForm {
    @NotBlank
    @Size(max = 4000)
    private String to = "";
    @Size(max = 4000)
    private String cc = "";
    @Size(max = 4000)
    private String bcc = "";
    @Size(max = 998)
    private String subject = "";
    @Size(max = 5_000_000)
    private String body = "";
    @Size(max = 2000)
    private String inReplyTo = "";
    @Size(max = 8000)
    private String references = "";
    @Size(max = 500)
    private String attachFromFolder = "";
    private Long attachFromUid;
    private Long draftUid;
    private boolean attachDecrypted;
    private boolean sign;
    private boolean encrypt;

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

    public String getBcc() {
        return bcc;
    }

    public void setBcc(String bcc) {
        this.bcc = bcc;
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

    public String getInReplyTo() {
        return inReplyTo;
    }

    public void setInReplyTo(String inReplyTo) {
        this.inReplyTo = inReplyTo;
    }

    public String getReferences() {
        return references;
    }

    public void setReferences(String references) {
        this.references = references;
    }

    public String getAttachFromFolder() {
        return attachFromFolder;
    }

    public void setAttachFromFolder(String attachFromFolder) {
        this.attachFromFolder = attachFromFolder;
    }

    public Long getAttachFromUid() {
        return attachFromUid;
    }

    public void setAttachFromUid(Long attachFromUid) {
        this.attachFromUid = attachFromUid;
    }

    public Long getDraftUid() {
        return draftUid;
    }

    public void setDraftUid(Long draftUid) {
        this.draftUid = draftUid;
    }

    public boolean isAttachDecrypted() {
        return attachDecrypted;
    }

    public void setAttachDecrypted(boolean attachDecrypted) {
        this.attachDecrypted = attachDecrypted;
    }

    public boolean isSign() {
        return sign;
    }

    public void setSign(boolean sign) {
        this.sign = sign;
    }

    public boolean isEncrypt() {
        return encrypt;
    }

    public void setEncrypt(boolean encrypt) {
        this.encrypt = encrypt;
    }

    /** True when the attachments of another message go along. */
    public boolean attachesFrom() {
        return attachFromUid != null && attachFromFolder != null && !attachFromFolder.isBlank();
    }
}
