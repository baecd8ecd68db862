package cn.zwgk.consolidator.job;

import java.time.LocalDateTime;

import org.springframework.scheduling.support.CronExpression;

import cn.zwgk.consolidator.common.ConfigurationException;

/**
 * When a long-running program starts the job: a cron expression, either Spring's six fields
 * (seconds first) or the crontab's five (then at second 0), or a macro such as {@code @daily}.
 */
public final class Schedule {

    private final String text;
    private final CronExpression cron;

    private Schedule(String text, CronExpression cron) {
        this.text = text;
        this.cron = cron;
    }

    /**
     * @throws ConfigurationException when the expression is no cron expression or never fires
     */
    public static Schedule parse(String text) {
        String expression = text.strip();
        if (!expression.startsWith("@") && expression.split("\\s+").length == 5) {
            expression = "0 " + expression;
        }
        CronExpression cron;
        try {
            cron = CronExpression.parse(expression);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("“" + JobSettings.printable(text)
                    + "” 不是有效的 cron 表达式，例如 \"0 2 * * *\" 表示每天 2:00 (" + JobSettings.printable(
                            String.valueOf(e.getMessage()).lines().findFirst().orElse("")) + ")");
        }
        // 30 February, say: a schedule that would wait for ever is a mistake, not a plan
        if (cron.next(LocalDateTime.now()) == null) {
            throw new ConfigurationException("“" + JobSettings.printable(text)
                    + "” 永远不会到时间（没有这样的日期），例如 \"0 2 * * *\" 表示每天 2:00 (schedule never fires)");
        }
        return new Schedule(text, cron);
    }

    /** The first tick strictly after {@code time}. */
    public LocalDateTime next(LocalDateTime time) {
        LocalDateTime next = cron.next(time);
        if (next == null) {
            throw new ConfigurationException("schedule “" + text + "” 以后不再有运行时间");
        }
        return next;
    }

    @Override
    public String toString() {
        return text;
    }
}
