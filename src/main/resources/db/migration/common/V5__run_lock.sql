-- The run lock shared by every instance and command-line run on this database (job/JobLocks).
-- INT_LOCK is Spring Integration's lock table (spring-integration-jdbc's schema, the same for H2 and
-- PostgreSQL), written by its DefaultLockRepository. The HOLDER columns, which it never reads or
-- writes, name the holding process: for the busy message, and so that a process on the holder's
-- own machine can tell that the holder is gone (no process with that id and start time) and free
-- the lock at once instead of after the time-to-live.
CREATE TABLE INT_LOCK (
    LOCK_KEY CHAR(36) NOT NULL,
    REGION VARCHAR(100) NOT NULL,
    CLIENT_ID CHAR(36),
    CREATED_DATE TIMESTAMP NOT NULL,
    EXPIRED_AFTER TIMESTAMP NOT NULL,
    HOLDER VARCHAR(300),
    HOLDER_HOST VARCHAR(255),
    HOLDER_PID BIGINT,
    HOLDER_PROCESS_START BIGINT,
    CONSTRAINT INT_LOCK_PK PRIMARY KEY (LOCK_KEY, REGION)
);

-- One row for each tick of a job's schedule that an instance claimed: the key lets one instance
-- of a cluster run a tick, and no other, before, during or after that run (job/ScheduleTicks).
CREATE TABLE schedule_tick (
    job_name VARCHAR(200) NOT NULL,
    tick TIMESTAMP NOT NULL,
    claimed_by VARCHAR(300) NOT NULL,
    claimed_at TIMESTAMP NOT NULL,
    CONSTRAINT schedule_tick_pk PRIMARY KEY (job_name, tick)
);
