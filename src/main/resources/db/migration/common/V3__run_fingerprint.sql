-- What a run consolidated: the hash of its inputs (job settings, template, registry, submissions).
ALTER TABLE consolidation_run ADD COLUMN fingerprint CHAR(64);
