-- A reminder about a subject, recorded once: no row changes when it was already sent (by this or another server).
INSERT INTO reminder_sent (subject, kind, sent_at) VALUES (:subject, :kind, :at) ON CONFLICT DO NOTHING
