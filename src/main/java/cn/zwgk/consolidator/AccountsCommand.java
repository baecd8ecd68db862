package cn.zwgk.consolidator;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.zwgk.consolidator.job.ExitCodes;
import cn.zwgk.consolidator.job.JobDefinition;
import cn.zwgk.consolidator.job.JobSettings;
import cn.zwgk.consolidator.portal.AccountIssuer;
import cn.zwgk.consolidator.portal.AccountStore;
import cn.zwgk.consolidator.common.ConfigurationException;
import cn.zwgk.consolidator.registry.UnitRegistry;

/** {@code accounts}: the portal's sign-ins for a job's units and the office, in the job's database (SPEC 8). */
final class AccountsCommand {

    static final String USAGE = """
            用法 (usage): java -jar consolidator.jar accounts --job=jobs/X.yml [--output=FILE] [--reset=USER]
                                         [--spring.datasource.url=jdbc:…]
              为名录中还没有登录账号的每个单位（登录名 = 单位代码）和政务公开办（office）建立账号，
              新密码只写一次，写入 FILE（CSV：user,name,password；默认 accounts-<任务名>-<时间>.csv）。
              creates a sign-in for every registry unit that has none, and the office's; the new
              passwords are written once, to FILE. The database keeps only their hashes.
              --reset=USER  为一个用户重新发放密码并显示 (issue a new password for one user and print it)
            退出状态 (exit status): 0 完成; 2 用法或配置错误""";

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private AccountsCommand() {
    }

    static int run(PrintStream out, PrintStream err, Arguments.Accounts args) {
        JobDefinition definition;
        UnitRegistry registry;
        Path file;
        try {
            definition = JobDefinition.load(JobSettings.path("job", args.job(), key -> "命令行：--job"), Map.of());
            registry = UnitRegistry.read(definition.units());
            AccountIssuer.requireNoClash(registry);
            file = args.output() != null ? JobSettings.path("output", args.output(), key -> "命令行：--output")
                    : Path.of("accounts-" + definition.name() + "-" + LocalDateTime.now().format(STAMP) + ".csv");
            if (args.reset() == null) {
                Path folder = file.toAbsolutePath().getParent();
                if (Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    throw new ConfigurationException("账号文件 " + file + " 已存在，不覆盖；请用 --output= 另指定文件 (file exists)");
                }
                if (!Files.isDirectory(folder) || !Files.isWritable(folder)) {
                    throw new ConfigurationException("账号文件 " + file + " 无法写入：文件夹 " + folder
                            + " 不存在或不可写 (folder missing or not writable)");
                }
            }
            LogLocation.requireWritable(args.spring());
        } catch (ConfigurationException e) {
            err.println("配置错误 (configuration error): " + e.getMessage());
            return ExitCodes.USAGE;
        }
        try (ConfigurableApplicationContext context = WebParts.commandLineApplication().run(args.spring().toArray(String[]::new))) {
            AccountIssuer issuer = new AccountIssuer(new AccountStore(context.getBean(JdbcTemplate.class)));
            if (args.reset() != null) {
                String password = issuer.reset(args.reset());
                if (password == null) {
                    err.println("配置错误 (configuration error): 没有登录名为 “" + JobSettings.printable(args.reset())
                            + "” 的账号；请先运行 accounts --job=… 建立账号 (no such user)");
                    return ExitCodes.USAGE;
                }
                out.println("用户 " + args.reset() + " 的新密码（只显示这一次）：" + password);
                return ExitCodes.COMPLETE;
            }
            long started = System.nanoTime();
            AccountIssuer.Issued issued = issuer.create(registry, file);
            if (issued.file() == null) {
                out.println("所有单位和政务公开办都已有登录账号，没有新建 (every unit and the office already have a sign-in)");
                return ExitCodes.COMPLETE;
            }
            out.printf("新建登录账号：单位 %d 个%s；用时 %.1f 秒%n", issued.units(), issued.office() ? "，政务公开办 office" : "",
                    (System.nanoTime() - started) / 1e9);
            out.println("新密码已写入 " + issued.file().toAbsolutePath().normalize()
                    + "（只写这一次，数据库只保存密码的散列；请妥善保管，分发后删除）");
            return ExitCodes.COMPLETE;
        } catch (ConfigurationException e) {
            err.println("配置错误 (configuration error): " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (Exception e) {
            LogLocation.record(args.spring(), e);
            err.println("运行失败 (failure): " + cn.zwgk.consolidator.job.ConsolidationLauncher.rootMessage(e)
                    + "（详情见日志 data/consolidator.log）");
            return ExitCodes.FAILURE;
        }
    }
}
