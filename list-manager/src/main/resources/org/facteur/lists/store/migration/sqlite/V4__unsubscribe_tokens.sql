-- One-click unsubscribe and per-member copies (issue 11 items 2 and 3). Each membership gets a random token (130 bits,
-- made by the list store when the member is added, or on the first post for members added before this script); it
-- names the member in https://.../lists/u/<token> and in the envelope sender team-owner+<token>@ of the member's copy.
ALTER TABLE fl_member ADD COLUMN token VARCHAR(64);
CREATE UNIQUE INDEX IF NOT EXISTS fl_member_token ON fl_member (token);
-- PERSONAL: one copy per member (own envelope sender and unsubscribe link); BATCHED: copies shared by many members.
ALTER TABLE fl_list ADD COLUMN copies VARCHAR(20) NOT NULL DEFAULT 'PERSONAL';
