-- Bounce processing (issue 11 item 2). Per membership: the bounce score (one point per day with a hard failure),
-- the epoch day of the last counted failure (0: none), what the receiving server said last; when the score reached
-- the threshold, the reception mode to give back (suspended_from, NULL: not suspended) and when; the probe's own
-- VERP token and when it was sent (NULL: not probed yet).
ALTER TABLE fl_member ADD COLUMN bounce_score INTEGER NOT NULL DEFAULT 0;
ALTER TABLE fl_member ADD COLUMN bounce_day BIGINT NOT NULL DEFAULT 0;
ALTER TABLE fl_member ADD COLUMN bounce_diagnostic VARCHAR(1000) NOT NULL DEFAULT '';
ALTER TABLE fl_member ADD COLUMN suspended_from VARCHAR(20);
ALTER TABLE fl_member ADD COLUMN suspended_at BIGINT;
ALTER TABLE fl_member ADD COLUMN probe_token VARCHAR(64);
ALTER TABLE fl_member ADD COLUMN probed_at BIGINT;
CREATE UNIQUE INDEX IF NOT EXISTS fl_member_probe_token ON fl_member (probe_token);
CREATE INDEX IF NOT EXISTS fl_member_suspended ON fl_member (suspended_at);
