-- The project's own tables, beside Spring Batch's. A run is one Spring Batch job instance: one
-- consolidation of one set of inputs, however many executions (restarts) it took.

CREATE TABLE consolidation_run (
    run_id          BIGINT       NOT NULL PRIMARY KEY,  -- BATCH_JOB_INSTANCE.JOB_INSTANCE_ID
    job_name        VARCHAR(200) NOT NULL,
    report_year     INT          NOT NULL,
    template        VARCHAR(200) NOT NULL,
    output_folder   VARCHAR(2000) NOT NULL,
    started_at      TIMESTAMP    NOT NULL,
    finished_at     TIMESTAMP,
    outcome         VARCHAR(20),                         -- complete, incomplete; null while running or failed
    units_expected  INT,
    units_accepted  INT,
    units_rejected  INT,
    units_missing   INT,
    units_unknown   INT
);

CREATE TABLE submission (
    run_id      BIGINT        NOT NULL,
    ordinal     INT           NOT NULL,                  -- line of status.csv
    unit_code   VARCHAR(300)  NOT NULL,                  -- registry code, or the stem of an unknown file
    unit_name   VARCHAR(500),
    unit_group  VARCHAR(100),
    file_path   VARCHAR(1000),                           -- relative to the submissions folder
    sha256      CHAR(64),
    size_bytes  BIGINT,
    status      VARCHAR(10)   NOT NULL,                  -- accepted, rejected, missing, unknown
    errors      INT           NOT NULL,
    warnings    INT           NOT NULL,
    PRIMARY KEY (run_id, ordinal)
);

CREATE TABLE finding (
    run_id       BIGINT        NOT NULL,
    ordinal      INT           NOT NULL,                 -- the submission it belongs to
    seq          INT           NOT NULL,
    severity     VARCHAR(10)   NOT NULL,
    rule         VARCHAR(40)   NOT NULL,
    table_code   VARCHAR(20),
    row_code     VARCHAR(200),
    column_code  VARCHAR(200),
    expected     VARCHAR(200),
    actual       VARCHAR(200),
    message      VARCHAR(2000) NOT NULL,
    PRIMARY KEY (run_id, ordinal, seq)
);

-- Sums of the accepted submissions of one chunk of work; the city total is their sum. Kept per
-- chunk so that a restarted run keeps what was already committed and adds only the rest.
CREATE TABLE partial_total (
    run_id      BIGINT         NOT NULL,
    first_ordinal INT          NOT NULL,
    cell        INT            NOT NULL,
    cell_value  NUMERIC(38, 6) NOT NULL,
    PRIMARY KEY (run_id, first_ordinal, cell)
);

CREATE TABLE consolidated_value (
    run_id       BIGINT         NOT NULL,
    cell         INT            NOT NULL,                -- order of the template
    table_code   VARCHAR(20)    NOT NULL,
    row_code     VARCHAR(200)   NOT NULL,
    column_code  VARCHAR(200)   NOT NULL,
    cell_value   NUMERIC(38, 6) NOT NULL,
    PRIMARY KEY (run_id, cell)
);

CREATE INDEX consolidation_run_job ON consolidation_run (job_name, run_id);
