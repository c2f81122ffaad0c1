-- Members' webmail settings and address books, shared by the nodes that share this database (part "webmail").
-- A member is her address, stripped and lower-cased.
CREATE TABLE webmail_settings (
    member              TEXT PRIMARY KEY,
    display_name        TEXT NOT NULL,
    signature           TEXT NOT NULL,
    group_conversations INTEGER NOT NULL
);

-- One row per member who has an address book: every change of her book updates it first, so that changes of one
-- member's book from several nodes are made one after the other (its row lock), never lost.
CREATE TABLE webmail_address_book (
    member  TEXT PRIMARY KEY,
    changes BIGINT NOT NULL
);

CREATE TABLE webmail_contact (
    member    TEXT NOT NULL REFERENCES webmail_address_book (member) ON DELETE CASCADE,
    address_key TEXT NOT NULL, -- the address stripped and lower-cased: one row per correspondent
    address   TEXT NOT NULL,
    name      TEXT NOT NULL,
    uses      INTEGER NOT NULL,
    last_used BIGINT NOT NULL,
    PRIMARY KEY (member, address_key)
);

-- Members who turned OpenPGP on in the webmail and have not downloaded their recovery kit yet.
CREATE TABLE webmail_recovery_kit_pending (
    member TEXT PRIMARY KEY
);
