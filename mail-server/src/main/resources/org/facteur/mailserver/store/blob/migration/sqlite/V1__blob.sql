-- Message bodies shared by several nodes: one row per content (SHA-256).
CREATE TABLE blob (
    id      TEXT  PRIMARY KEY,
    content BLOB  NOT NULL
);
