package cn.zwgk.consolidator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import cn.zwgk.consolidator.common.ConfigurationException;
import cn.zwgk.consolidator.job.JobSettings;
import cn.zwgk.consolidator.job.SpringSettings;

/**
 * The log file must be writable before Spring starts: logback would otherwise print a hundred
 * lines of its own trace to the console and go on without a log. The database lives beside it
 * by default, so falling back to another place quietly would only move the failure.
 */
final class LogLocation {

    private static final String KEY = "logging.file.name";

    private LogLocation() {
    }

    /**
     * @param springArgs the command line's options for Spring, where {@code --logging.file.name=} may move the log
     * @throws ConfigurationException naming the log file and why it cannot be written
     */
    static void requireWritable(List<String> springArgs) {
        Path file = file(springArgs);
        if (file == null) {
            return;
        }
        Path folder = file.toAbsolutePath().getParent();
        String reason = null;
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            reason = "文件夹 " + folder + " 无法创建（" + JobSettings.reason(e) + "）";
        }
        if (reason == null && !Files.isWritable(folder)) {
            reason = "文件夹 " + folder + " 不可写";
        } else if (reason == null && Files.exists(file) && (!Files.isRegularFile(file) || !Files.isWritable(file))) {
            reason = Files.isRegularFile(file) ? "文件不可写" : "同名的不是文件";
        }
        if (reason != null) {
            throw new ConfigurationException("日志文件 " + file + " 无法写入：" + reason + "；请换一个可写的工作目录，或用 --"
                    + KEY + "=… 指定日志文件 (log file not writable)");
        }
    }

    /** The log file Spring will write, or null when logging to a file is switched off. */
    static Path file(List<String> springArgs) {
        String name = SpringSettings.value(KEY, springArgs);
        if (name == null || name.isBlank()) {
            return null;
        }
        String named = springArgs.stream().anyMatch(arg -> arg.startsWith("--" + KEY + "=")) ? "命令行：--" + KEY
                : "application.properties：" + KEY;
        return JobSettings.path(KEY, name, key -> named);
    }

    /** Where a person finds the details of a failure, in words for the console. */
    static String details(List<String> springArgs) {
        try {
            Path file = file(springArgs);
            return file == null ? "未写日志文件" : "详情见日志 " + file;
        } catch (RuntimeException e) {
            return "日志位置无效";
        }
    }

    /**
     * Appends a failure's stack trace to the log file when Spring's logging is not running (before
     * it starts, or after it stopped), so that the console's one line has its details somewhere.
     */
    static void record(List<String> springArgs, Throwable failure) {
        try {
            Path file = file(springArgs);
            if (file == null) {
                return;
            }
            java.io.StringWriter trace = new java.io.StringWriter();
            failure.printStackTrace(new java.io.PrintWriter(trace));
            Files.writeString(file, java.time.LocalDateTime.now() + " ERROR " + ConsolidatorApplication.class.getName()
                    + " : 运行失败 (run failed)" + System.lineSeparator() + trace, java.nio.charset.StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException | RuntimeException e) {
            // the log's folder was checked before the run; if it broke since, the console line must do
        }
    }

}
