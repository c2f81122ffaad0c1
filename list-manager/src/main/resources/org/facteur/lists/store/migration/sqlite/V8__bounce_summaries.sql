-- Owners' weekly bounce summary (issue 11 item 2): the epoch day of the Monday of the last week whose summary a list's
-- owners were sent, claimed with a compare-and-set so that one node, once, sends each week's summary.
CREATE TABLE IF NOT EXISTS fl_bounce_summary (
    list VARCHAR(320) PRIMARY KEY,
    week BIGINT NOT NULL
);
