-- Remembers that a one-time step (sample load, sample allocations) ran.
INSERT INTO app_state (key, value) VALUES (:key, :value)
