-- DMARC-safe distribution (issue 11 item 1): what each list does with posts from DMARC p=reject/quarantine domains
-- (DmarcMitigation: REWRITE, WRAP or OFF) and where the poster's address goes then (REPLY_TO or CC).
ALTER TABLE fl_list ADD COLUMN dmarc_mitigation VARCHAR(30) NOT NULL DEFAULT 'REWRITE';
ALTER TABLE fl_list ADD COLUMN dmarc_poster VARCHAR(30) NOT NULL DEFAULT 'REPLY_TO';
