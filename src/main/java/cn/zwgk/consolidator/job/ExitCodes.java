package cn.zwgk.consolidator.job;

/** The exit statuses of docs/exit-codes.md, which scripts rely on. */
public final class ExitCodes {

    /** Consolidated, and every registry unit accepted. */
    public static final int COMPLETE = 0;
    /** Any failure other than those below. */
    public static final int FAILURE = 1;
    /** Usage or configuration error: nothing was read. */
    public static final int USAGE = 2;
    /** Consolidated, but a unit is missing, rejected or unknown. */
    public static final int INCOMPLETE = 3;
    /** Another run of the same job is in progress. */
    public static final int BUSY = 4;

    private ExitCodes() {
    }
}
