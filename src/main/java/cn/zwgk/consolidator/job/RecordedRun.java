package cn.zwgk.consolidator.job;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;

import cn.zwgk.consolidator.common.RunFile;
import cn.zwgk.consolidator.output.OutputFolder;

/**
 * What a published run's run.yml says about its end: which inputs it consolidated, whether it
 * was complete, when it finished. Enough to answer "up to date" without the database, when the
 * output and the working folder show that nothing is left for a run to settle.
 */
public record RecordedRun(long runId, String fingerprint, String outcome, LocalDateTime finishedAt) {

    static final String FINGERPRINT = "fingerprint";
    static final String OUTCOME = "outcome";
    static final String FINISHED = "finished";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** What the publish step adds to run.yml. */
    static void record(Map<String, String> runInfo, String fingerprint, String outcome, LocalDateTime finishedAt) {
        runInfo.put(FINGERPRINT, fingerprint);
        runInfo.put(OUTCOME, outcome);
        runInfo.put(FINISHED, finishedAt.format(TIME));
    }

    /**
     * The run of job {@code jobName} whose outputs are in place, unchanged, for inputs with
     * {@code fingerprint}, and nothing left to settle; null when a run must look (or work).
     */
    public static RecordedRun settled(Path output, String jobName, String fingerprint) {
        RunFile run = new OutputFolder(output).settledRun();
        if (run == null) {
            return null;
        }
        Map<String, String> info = run.info();
        String outcome = info.get(OUTCOME);
        try {
            if (!jobName.equals(info.get("name")) || !fingerprint.equals(info.get(FINGERPRINT))
                    || !("complete".equals(outcome) || "incomplete".equals(outcome))) {
                return null;
            }
            return new RecordedRun(Long.parseLong(info.get("run")), fingerprint, outcome,
                    LocalDateTime.parse(info.get(FINISHED), TIME));
        } catch (NumberFormatException | DateTimeParseException | NullPointerException e) {
            return null;
        }
    }

    public int exitStatus() {
        return "complete".equals(outcome) ? ExitCodes.COMPLETE : ExitCodes.INCOMPLETE;
    }

    /** The one line of an up-to-date rerun, the same with or without the database. */
    public String upToDateLine() {
        return String.format("已是最新 (up to date since run %d at %s)：输入没有变化，未重新汇总；退出状态 %d", runId,
                finishedAt.format(TIME), exitStatus());
    }
}
