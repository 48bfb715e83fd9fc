-- Tells the holders of the award holds :ids that their deposit is due (notice.roundAwardDue: the offer, the plot's
-- number, the amount and the last day to pay, in UTC), in their inboxes, one statement for all the winners of a close;
-- the outbox mails each in its reader's language (inbox.KeyedMailOutbox).
INSERT INTO notification (user_id, kind, message_key, params, link, created_at)
SELECT a.investor_id, 'round_award_due', 'notice.roundAwardDue',
       jsonb_build_object('offer', h.offer_id, 'plot', p.plot_number, 'amount', h.deposit_amount,
                          'dueOn', to_char(h.pay_by AT TIME ZONE 'UTC', 'YYYY-MM-DD')),
       '#/rounds', :now
  FROM round_award_hold h
  JOIN round_application a ON a.id = h.application_id
  JOIN parcel p ON p.id = h.parcel_id
 WHERE h.id = ANY (CAST(:ids AS bigint[]))
 ORDER BY h.id
