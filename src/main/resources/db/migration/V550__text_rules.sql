-- Text is text: the characters and lengths org.zamin.domain.Text allows, as CHECK constraints, so no path (an
-- import, a script, a future route) stores what the service refuses. Three kinds, the same patterns as in Java:
--   line       one line: no control character (U+0001–U+001F, U+007F–U+009F), no line/paragraph separator
--              (U+2028, U+2029), no bidirectional embedding, override or isolate (U+202A–U+202E, U+2066–U+2069);
--   paragraph  prose: tab, line feed and carriage return allowed; other control characters and the
--              bidirectional embeddings and overrides (U+202A–U+202E) refused; isolates allowed;
--   identifier a plot number: a line without < > " ' ` \ and without a space at either end.
-- (PostgreSQL cannot store U+0000 in text at all; the service refuses it before any SQL.) Lengths count
-- characters, as length() does. Money and head counts get the bounds the service checks.
-- Every stored value passed the service's earlier, looser checks; the sample data and the demo accounts pass these.

ALTER TABLE users
    ADD CONSTRAINT users_name_text CHECK (name !~ '[\x01-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]'
                                          AND length(name) <= 200),
    ADD CONSTRAINT users_organisation_text
        CHECK (organisation !~ '[\x01-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]'
               AND length(organisation) <= 200),
    ADD CONSTRAINT users_email_text CHECK (email !~ '[\x01-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]');

ALTER TABLE api_token
    ADD CONSTRAINT api_token_name_text CHECK (name !~ '[\x01-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]');

ALTER TABLE parcel
    ADD CONSTRAINT parcel_plot_number_text
        CHECK (plot_number !~ '[\x01-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069<>"''`\\]'
               AND plot_number NOT LIKE ' %' AND plot_number NOT LIKE '% ' AND length(plot_number) <= 32);

ALTER TABLE reservation
    ADD CONSTRAINT reservation_reason_text
        CHECK (reason !~ '[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e]' AND length(reason) <= 2000),
    ADD CONSTRAINT reservation_investment_bound CHECK (investment <= 1000000000000000),
    ADD CONSTRAINT reservation_jobs_bound CHECK (jobs <= 1000000);

ALTER TABLE extension_request
    ADD CONSTRAINT extension_request_reason_text
        CHECK (reason !~ '[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e]'),
    ADD CONSTRAINT extension_request_decision_reason_text
        CHECK (decision_reason !~ '[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e]'
               AND length(decision_reason) <= 2000);

ALTER TABLE progress_report
    ADD CONSTRAINT progress_report_text_text CHECK (text !~ '[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e]');

ALTER TABLE inspection
    ADD CONSTRAINT inspection_notes_text CHECK (notes !~ '[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e]');

ALTER TABLE attachment
    ADD CONSTRAINT attachment_file_name_text
        CHECK (file_name !~ '[\x01-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]');

ALTER TABLE idle_case
    ADD CONSTRAINT idle_case_reply_text CHECK (reply !~ '[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e]');

ALTER TABLE revival_plan_item
    ADD CONSTRAINT revival_plan_item_description_text
        CHECK (description !~ '[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e]');

ALTER TABLE notification
    ADD CONSTRAINT notification_subject_text
        CHECK (subject !~ '[\x01-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]' AND length(subject) <= 500),
    ADD CONSTRAINT notification_body_text
        CHECK (body !~ '[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e]' AND length(body) <= 20000);
