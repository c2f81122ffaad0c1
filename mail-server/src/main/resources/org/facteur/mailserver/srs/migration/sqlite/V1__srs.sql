-- The key of the SRS addresses given to forwarded mail, one for every node sharing this database (part "srs"):
-- a bounce that comes back through another node than the one that forwarded the message still verifies.
-- secret: at least 16 bytes, base64.
CREATE TABLE srs_secret (
    id     INTEGER PRIMARY KEY CHECK (id = 1),
    secret TEXT NOT NULL
);
