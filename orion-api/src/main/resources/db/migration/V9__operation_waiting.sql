-- While Nebula waits to carry out an operation's command (its region's Kubernetes API unreachable, 5xx, 429), why and
-- when it tries next; cleared once the operation is done.
alter table operations add column waiting_reason text;
alter table operations add column next_attempt_at timestamptz;
