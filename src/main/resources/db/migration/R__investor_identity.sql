-- An investor's identity number, checked as org.zamin.investor.NationalId checks it: an Iranian national ID (کد ملی:
-- 10 digits, not all the same, the last a check digit: s = Σ d[i]·(10−i) for i = 0..8, r = s mod 11, check = r
-- when r < 2, else 11 − r) or a company national ID (شناسه ملی: 11 digits, digits 4–9 not all zero, the last a
-- check digit: t = d[9] + 2, s = Σ (d[i] + t)·w[i mod 5] for i = 0..9 with w = 29, 27, 23, 19, 17, check = s mod 11,
-- or 0 when that is 10). Persian (۰–۹) and Arabic-Indic (٠–٩) digits read as their ASCII digits; users.national_id
-- stores ASCII digits only (the CHECK below).

CREATE OR REPLACE FUNCTION iran_id_digits(p_id text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS
$$
SELECT translate(p_id, '۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩', '01234567890123456789')
$$;

CREATE OR REPLACE FUNCTION iran_id_valid(p_id text) RETURNS boolean
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS
$$
DECLARE
    -- schema-qualified: a restore (pg_restore sets an empty search_path) checks the constraint below through it
    id     text := public.iran_id_digits(p_id);
    d      int[];
    s      int := 0;
    r      int;
    t      int;
    w      int[] := ARRAY[29, 27, 23, 19, 17];
BEGIN
    IF id !~ '^[0-9]{10}([0-9])?$' THEN
        RETURN false;
    END IF;
    d := ARRAY(SELECT substr(id, i, 1)::int FROM generate_series(1, length(id)) i);
    IF length(id) = 10 THEN
        IF id ~ '^(.)\1{9}$' THEN
            RETURN false;
        END IF;
        FOR i IN 1..9 LOOP
            s := s + d[i] * (11 - i);
        END LOOP;
        r := s % 11;
        RETURN d[10] = CASE WHEN r < 2 THEN r ELSE 11 - r END;
    END IF;
    IF substr(id, 4, 6) = '000000' THEN
        RETURN false;
    END IF;
    t := d[10] + 2;
    FOR i IN 1..10 LOOP
        s := s + (d[i] + t) * w[((i - 1) % 5) + 1];
    END LOOP;
    r := s % 11;
    RETURN d[11] = CASE WHEN r = 10 THEN 0 ELSE r END;
END
$$;

ALTER TABLE users DROP CONSTRAINT IF EXISTS users_national_id_valid;
ALTER TABLE users ADD CONSTRAINT users_national_id_valid
    CHECK (national_id ~ '^[0-9]{10,11}$' AND iran_id_valid(national_id));
