package cn.zwgk.consolidator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import cn.zwgk.consolidator.common.ConfigurationException;
import cn.zwgk.consolidator.job.JobDefinition;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

/**
 * The one command-line parser of every subcommand (picocli): the job command
 * ({@code --job=FILE} and the job file's keys as {@code --key=value}), {@code validate} and
 * {@code blank}. Unknown options, options given twice and empty values are refused; options for
 * Spring itself ({@code --spring.…}, {@code --logging.…}) pass through to Spring unchanged.
 */
final class Arguments {

    static final String USAGE = """
            用法 (usage):
              java -jar consolidator.jar --job=jobs/X.yml [--year=] [--template=] [--units=] [--submissions=]
                                         [--output=] [--previous=] [--blank-as-zero=] [--max-file-size=]
                                         [--organisation=] [--deadline=]
                                         [--force] [--schedule="0 2 * * *" [--ticks=N]]
                                         [--spring.datasource.url=jdbc:…] [--logging.file.name=…]
              --force     输入没有变化也重新汇总 (consolidate again even when the inputs are unchanged)
              --schedule  保持运行，按 cron 表达式定时汇总 (keep running, consolidate at each cron tick)
              --ticks=N   定时运行 N 次后退出，用于试运行 (stop after N ticks, to try a schedule out)
              java -jar consolidator.jar validate --template=gov-2019 文件.csv   报送前自查一个文件 (check one file)
              java -jar consolidator.jar blank --template=gov-2021 --unit=代码 [--previous=上年输出]   空白报表 (blank form)
              java -jar consolidator.jar accounts --job=jobs/X.yml [--output=FILE] [--reset=USER]   门户登录账号 (portal sign-ins)
              java -jar consolidator.jar serve [--job=jobs/X.yml …] [--server.port=8080]   报送门户 (collection portal)
                                         [--submissions=] [--output=] …（只服务一个任务时 · one job only）
            退出状态 (exit status): 0 全部接收; 1 运行失败; 2 用法或配置错误; 3 汇总完成但不完整; 4 同一任务正在运行""";

    /** What the command line asks for. */
    sealed interface Command permits Help, Job, Validate, Blank, Accounts, Serve {
    }

    /** {@code --help} of a command: print its usage and exit 0. */
    record Help(String usage) implements Command {
    }

    /**
     * @param ticks  null when the schedule should run for ever
     * @param spring the arguments for Spring itself, as given
     */
    record Job(String job, Map<String, String> overrides, boolean force, Integer ticks, List<String> spring)
            implements Command {
    }

    /** @param settings {@code blank-as-zero} and {@code max-file-size}, as given */
    record Validate(String template, Map<String, String> settings, List<String> files) implements Command {
    }

    record Blank(String template, String unit, String previous, String output, boolean force) implements Command {
    }

    /** {@code accounts}: sign-ins for a job's units and the office (SPEC 8). */
    record Accounts(String job, String output, String reset, List<String> spring) implements Command {
    }

    /**
     * {@code serve}: the collection portal for the named jobs, or every {@code jobs/*.yml} when none is named.
     *
     * @param overrides the job file's keys given as {@code --key=value}, for a single served job: each
     *                  instance of a cluster may see the shared folders under its own path
     */
    record Serve(List<String> jobs, Map<String, String> overrides, List<String> spring) implements Command {
    }

    /** Thrown for a usage mistake; its message is the one line to show, ending with where help is. */
    static final class UsageException extends ConfigurationException {

        UsageException(String message, String command) {
            super(message + "（用法见 " + (command.equals("consolidator") ? "" : command + " ") + "--help）");
        }
    }

    private static final int MOST_TICKS = 1_000_000;

    private static final java.util.regex.Pattern FLAG_WITH_VALUE = java.util.regex.Pattern.compile(
            "option '(--[\\w-]+)' should be specified without");

    private Arguments() {
    }

    /** Options for Spring itself, which every command accepts and leaves to Spring. */
    static boolean isForSpring(String arg) {
        return arg.startsWith("--spring.") || arg.startsWith("--logging.");
    }

    /** The arguments meant for Spring, as given. */
    static List<String> springOptions(String... args) {
        return java.util.Arrays.stream(args).filter(Arguments::isForSpring).toList();
    }

    /**
     * @throws UsageException naming the argument that is wrong
     * @throws ConfigurationException for a value the job file's rules refuse
     */
    static Command parse(String... args) {
        List<String> ours = new ArrayList<>();
        List<String> spring = new ArrayList<>();
        // the web server's options (--server.port=…) and the portal's store mean something only to serve;
        // the command is the first argument not for Spring, whose options may come first
        boolean serve = java.util.Arrays.stream(args).filter(arg -> !isForSpring(arg)).findFirst()
                .map("serve"::equals).orElse(false);
        for (String arg : args) {
            (isForSpring(arg) || serve && (arg.startsWith("--server.") || arg.startsWith("--portal.")) ? spring : ours)
                    .add(arg);
        }
        CommandLine commandLine = parser();
        ParseResult result;
        try {
            result = commandLine.parseArgs(ours.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new UsageException(reason(e), e.getCommandLine().getCommandName());
        }
        ParseResult command = result.subcommand() == null ? result : result.subcommand();
        String name = command.commandSpec().name();
        if (command.isUsageHelpRequested()) {
            return new Help(usageOf(name));
        }
        for (OptionSpec option : command.matchedOptions()) {
            if (option.typeInfo().getType() == String.class && ((String) option.getValue()).isBlank()) {
                throw new UsageException("选项 " + option.longestName() + " 没有给值 (empty value)", name);
            }
        }
        return switch (name) {
            case "validate" -> new Validate(command.matchedOptionValue("--template", null),
                    settings(command, List.of("blank-as-zero", "max-file-size")),
                    command.matchedPositionalValue(0, List.of()));
            case "blank" -> new Blank(command.matchedOptionValue("--template", null),
                    command.matchedOptionValue("--unit", null), command.matchedOptionValue("--previous", null),
                    command.matchedOptionValue("--output", null), command.matchedOptionValue("--force", false));
            case "accounts" -> accounts(command, spring);
            case "serve" -> new Serve(command.matchedOptionValue("--job", List.<String>of()),
                    settings(command, JobDefinition.KEYS.subList(1, JobDefinition.KEYS.size())), List.copyOf(spring));
            default -> job(command, spring);
        };
    }

    private static Job job(ParseResult command, List<String> spring) {
        String job = command.matchedOptionValue("--job", null);
        if (job == null) {
            throw new UsageException("缺少 --job=任务文件 (missing --job)", "consolidator");
        }
        String ticksText = command.matchedOptionValue("--ticks", null);
        Integer ticks = null;
        if (ticksText != null) {
            try {
                ticks = Integer.parseInt(ticksText.strip());
            } catch (NumberFormatException e) {
                ticks = -1;
            }
            if (ticks < 1 || ticks > MOST_TICKS) {
                throw new UsageException("命令行：--ticks “" + ticksText + "” 无效，应为 1 到 " + MOST_TICKS
                        + " 之间的整数（定时运行的次数）(invalid --ticks)", "consolidator");
            }
        }
        List<String> keys = JobDefinition.KEYS.subList(1, JobDefinition.KEYS.size());
        return new Job(job, settings(command, keys), command.matchedOptionValue("--force", false), ticks,
                List.copyOf(spring));
    }

    private static Accounts accounts(ParseResult command, List<String> spring) {
        String job = command.matchedOptionValue("--job", null);
        if (job == null) {
            throw new UsageException("缺少 --job=任务文件 (missing --job)", "accounts");
        }
        return new Accounts(job, command.matchedOptionValue("--output", null),
                command.matchedOptionValue("--reset", null), List.copyOf(spring));
    }

    private static Map<String, String> settings(ParseResult command, List<String> keys) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String key : keys) {
            String value = command.matchedOptionValue("--" + key, null);
            if (value != null) {
                settings.put(key, value);
            }
        }
        return settings;
    }

    private static String usageOf(String command) {
        return switch (command) {
            case "validate" -> ValidateCommand.USAGE;
            case "blank" -> BlankCommand.USAGE;
            case "accounts" -> AccountsCommand.USAGE;
            case "serve" -> ServeCommand.USAGE;
            default -> USAGE;
        };
    }

    private static String reason(CommandLine.ParameterException e) {
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            String arg = unmatched.getUnmatched().get(0);
            if (arg.startsWith("-")) {
                int eq = arg.indexOf('=');
                return "未知选项 " + (eq < 0 ? arg : arg.substring(0, eq)) + " (unknown option)";
            }
            return "无法识别的参数 “" + arg + "” (unexpected argument)";
        }
        if (e instanceof CommandLine.OverwrittenOptionException overwritten
                && overwritten.getOverwritten() instanceof OptionSpec option) {
            return "选项 " + option.longestName() + " 只能给一次 (option given twice)";
        }
        if (e instanceof CommandLine.MissingParameterException missing && !missing.getMissing().isEmpty()
                && missing.getMissing().get(0) instanceof OptionSpec option) {
            return "选项 " + option.longestName() + " 缺少值，应写作 " + option.longestName() + "=… (missing value)";
        }
        String message = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
        java.util.regex.Matcher flag = FLAG_WITH_VALUE.matcher(message);
        if (flag.find()) {
            return "选项 " + flag.group(1) + " 不带值，只写 " + flag.group(1) + " (a flag takes no value)";
        }
        return "无法识别的参数：" + message + " (usage error)";
    }

    private static CommandLine parser() {
        CommandSpec job = command("consolidator");
        job.addOption(text("--job"));
        addJobFileKeys(job);
        job.addOption(flag("--force"));
        job.addOption(text("--ticks"));

        CommandSpec validate = command("validate");
        validate.addOption(text("--template"));
        validate.addOption(text("--blank-as-zero"));
        validate.addOption(text("--max-file-size"));
        validate.addPositional(PositionalParamSpec.builder().index("0..*").arity("0..*").type(List.class)
                .auxiliaryTypes(String.class).paramLabel("FILE").build());

        CommandSpec blank = command("blank");
        blank.addOption(text("--template"));
        blank.addOption(text("--unit"));
        blank.addOption(text("--previous"));
        blank.addOption(text("--output"));
        blank.addOption(flag("--force"));

        CommandSpec accounts = command("accounts");
        accounts.addOption(text("--job"));
        accounts.addOption(text("--output"));
        accounts.addOption(text("--reset"));

        CommandSpec serve = command("serve");
        serve.addOption(OptionSpec.builder("--job").type(List.class).auxiliaryTypes(String.class).arity("1").build());
        addJobFileKeys(serve);

        CommandLine commandLine = new CommandLine(job);
        commandLine.addSubcommand("validate", new CommandLine(validate));
        commandLine.addSubcommand("blank", new CommandLine(blank));
        commandLine.addSubcommand("accounts", new CommandLine(accounts));
        commandLine.addSubcommand("serve", new CommandLine(serve));
        // set after the subcommands are added, so that they apply to them too
        commandLine.setExpandAtFiles(false);
        commandLine.setOverwrittenOptionsAllowed(false);
        commandLine.setUnmatchedArgumentsAllowed(false);
        commandLine.setAbbreviatedOptionsAllowed(false);
        commandLine.setPosixClusteredShortOptionsAllowed(false);
        return commandLine;
    }

    /** The job file's keys as overrides: {@code --units=}, {@code --output=} … */
    private static void addJobFileKeys(CommandSpec command) {
        for (String key : JobDefinition.KEYS.subList(1, JobDefinition.KEYS.size())) {
            command.addOption(text("--" + key));
        }
    }

    private static CommandSpec command(String name) {
        CommandSpec spec = CommandSpec.create().name(name);
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).build());
        return spec;
    }

    private static OptionSpec text(String name) {
        return OptionSpec.builder(name).type(String.class).arity("1").build();
    }

    private static OptionSpec flag(String name) {
        return OptionSpec.builder(name).type(boolean.class).arity("0").build();
    }
}
