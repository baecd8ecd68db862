package cn.zwgk.consolidator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import cn.zwgk.consolidator.job.JobDefinition;
import cn.zwgk.consolidator.registry.ConfigurationException;

/**
 * The command line: {@code --job=FILE} and the job file's keys as {@code --key=value} overrides.
 * Options for Spring itself ({@code --spring.datasource.url=…}, {@code --logging.…}) pass through.
 */
record CommandLine(String job, Map<String, String> overrides, boolean force, Integer ticks, boolean help) {

    static final String USAGE = """
            用法 (usage):
              java -jar consolidator.jar --job=jobs/X.yml [--year=] [--template=] [--units=] [--submissions=]
                                         [--output=] [--previous=] [--blank-as-zero=] [--max-file-size=]
                                         [--force] [--schedule="0 2 * * *" [--ticks=N]]
                                         [--spring.datasource.url=jdbc:…]
              --force     输入没有变化也重新汇总 (consolidate again even when the inputs are unchanged)
              --schedule  保持运行，按 cron 表达式定时汇总 (keep running, consolidate at each cron tick)
              --ticks=N   定时运行 N 次后退出，用于试运行 (stop after N ticks, to try a schedule out)
              java -jar consolidator.jar validate --template=gov-2019 文件.csv   报送前自查一个文件 (check one file)
              java -jar consolidator.jar blank --template=gov-2021 --unit=代码 [--previous=上年输出]   空白报表 (blank form)
            退出状态 (exit status): 0 全部接收; 1 运行失败; 2 用法或配置错误; 3 汇总完成但不完整; 4 同一任务正在运行""";

    /** Options for Spring itself, which every command accepts and leaves to Spring. */
    static boolean isForSpring(String arg) {
        return arg.startsWith("--spring.") || arg.startsWith("--logging.");
    }

    static CommandLine parse(String... args) {
        String job = null;
        Map<String, String> overrides = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        boolean help = false;
        boolean force = false;
        Integer ticks = null;
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h")) {
                help = true;
                continue;
            }
            if (arg.equals("--force")) {
                force = true;
                continue;
            }
            if (isForSpring(arg)) {
                continue;
            }
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0) {
                problems.add("无法识别的参数 “" + arg + "”");
                continue;
            }
            String key = arg.substring(2, eq);
            String value = arg.substring(eq + 1);
            if (key.equals("job")) {
                job = value;
            } else if (key.equals("ticks")) {
                try {
                    ticks = Integer.parseInt(value);
                } catch (NumberFormatException e) {
                    problems.add("--ticks 应为正整数");
                }
            } else if (JobDefinition.KEYS.contains(key) && !key.equals("name")) {
                overrides.put(key, value);
            } else {
                problems.add("未知选项 --" + key);
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException(String.join("；", problems) + " (unknown argument)");
        }
        if (job == null && !help) {
            throw new ConfigurationException("缺少 --job=任务文件 (missing --job)");
        }
        return new CommandLine(job, overrides, force, ticks, help);
    }
}
