-- The vocabularies of plots and estates become data: one lookup table per list, each code with its display order
-- (the order the page's filters, legend and charts show), filled with the values the CHECK lists held until now.
-- The service reads them at start (parcel.Vocabulary) and hands them to the page through GET /api/config; labels
-- stay in web/i18n/*.json, keyed by code.
--
-- The CHECK lists they replace:
--   * parcel.land_use, estate.kind and contract_terms.estate_kind: foreign keys (a code in use cannot be deleted).
--   * parcel.status and parcel.utilities (an array, which no foreign key can check): the trigger
--     parcel_check_vocabulary in R__parcel_public_vocabulary.sql, which refuses an unknown code with SQLSTATE 23514
--     (check_violation) as the CHECK did. Status is the commonest write of all; a trigger lookup keeps that update
--     heap-only and takes no lock on the lookup row, where a foreign key would share-lock it on every change.
-- Runs on databases that hold data: every stored value passed the old CHECK lists, so every key is present.

CREATE TABLE vocabulary_land_use (
    code     text PRIMARY KEY CHECK (code ~ '^[a-z][a-z_]{0,31}$'),
    position smallint NOT NULL UNIQUE
);
INSERT INTO vocabulary_land_use (code, position) VALUES
    ('industrial', 1), ('warehouse', 2), ('workshop', 3), ('services', 4), ('green', 5), ('road', 6);

CREATE TABLE vocabulary_utility (
    code     text PRIMARY KEY CHECK (code ~ '^[a-z][a-z_]{0,31}$'),
    position smallint NOT NULL UNIQUE
);
INSERT INTO vocabulary_utility (code, position) VALUES
    ('water', 1), ('power', 2), ('gas', 3), ('telecom', 4), ('wastewater', 5);

CREATE TABLE vocabulary_plot_status (
    code     text PRIMARY KEY CHECK (code ~ '^[A-Z][A-Z_]{0,31}$'),
    position smallint NOT NULL UNIQUE
);
INSERT INTO vocabulary_plot_status (code, position) VALUES
    ('AVAILABLE', 1), ('RESERVED', 2), ('ALLOCATED', 3), ('UNDER_CONSTRUCTION', 4), ('IN_PRODUCTION', 5),
    ('IDLE', 6), ('RECLAIMING', 7), ('NOT_OFFERED', 8);

CREATE TABLE vocabulary_estate_kind (
    code     text PRIMARY KEY CHECK (code ~ '^[A-Z][A-Z_]{0,31}$'),
    position smallint NOT NULL UNIQUE
);
INSERT INTO vocabulary_estate_kind (code, position) VALUES
    ('INDUSTRIAL_ESTATE', 1), ('INDUSTRIAL_ZONE', 2), ('FREE_ZONE', 3), ('CLUSTER', 4), ('SMALL_WORKSHOP_COMPLEX', 5);

ALTER TABLE parcel DROP CONSTRAINT parcel_land_use_check;
ALTER TABLE parcel ADD CONSTRAINT parcel_land_use_known
    FOREIGN KEY (land_use) REFERENCES vocabulary_land_use (code);

ALTER TABLE estate DROP CONSTRAINT estate_kind_check;
ALTER TABLE estate ADD CONSTRAINT estate_kind_known
    FOREIGN KEY (kind) REFERENCES vocabulary_estate_kind (code);

ALTER TABLE contract_terms DROP CONSTRAINT contract_terms_estate_kind_check;
ALTER TABLE contract_terms ADD CONSTRAINT contract_terms_estate_kind_known
    FOREIGN KEY (estate_kind) REFERENCES vocabulary_estate_kind (code);

-- Checked from here on by the trigger parcel_check_vocabulary (R__parcel_public_vocabulary.sql), which Flyway
-- creates in this same migration run, before any plot can be written.
ALTER TABLE parcel DROP CONSTRAINT parcel_status_check;
ALTER TABLE parcel DROP CONSTRAINT parcel_utilities_check;
