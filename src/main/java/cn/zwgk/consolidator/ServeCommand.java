package cn.zwgk.consolidator;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

import cn.zwgk.consolidator.job.ExitCodes;
import cn.zwgk.consolidator.job.JobDefinition;
import cn.zwgk.consolidator.job.JobSettings;
import cn.zwgk.consolidator.portal.PortalJob;
import cn.zwgk.consolidator.portal.PortalRuns;
import cn.zwgk.consolidator.portal.PortalSetup;
import cn.zwgk.consolidator.common.ConfigurationException;
import cn.zwgk.consolidator.submission.SubmissionFolder;
import cn.zwgk.consolidator.template.UnknownTemplateException;

/** {@code serve}: the collection portal for the named jobs, their schedules running in the same process. */
public final class ServeCommand {

    static final String USAGE = """
            用法 (usage): java -jar consolidator.jar serve [--job=jobs/X.yml --job=jobs/Y.yml …] [--server.port=8080]
                                         [--spring.datasource.url=jdbc:…] [--portal.store=…]
                                         [--units=] [--submissions=] [--output=] [--previous=] …
              --units= --submissions= --output= 等任务文件中的项，只在服务一个任务（一个 --job）时可以覆盖：
              多台服务器共用一个数据库和一个共享文件夹时，每台可以用自己的挂载路径。
              the job file's keys can be overridden when serving one job (one --job): each instance of
              a cluster may see the shared folder under its own path.
              启动报送门户：各单位登录后下载空白报表、上传报表并立即看到检查结果；政务公开办查看各单位状态并运行汇总。
              starts the collection portal; without --job it serves every jobs/*.yml. Each job's
              schedule: runs in the same process. Sign-ins are made by `accounts`.
            退出状态 (exit status): 0 正常停止; 2 用法或配置错误; 1 其他失败""";

    private ServeCommand() {
    }

    static int run(PrintStream out, PrintStream err, Arguments.Serve args) {
        PortalJob.Catalog catalog;
        try {
            catalog = catalog(args.jobs(), args.overrides());
            LogLocation.requireWritable(args.spring());
        } catch (ConfigurationException | UnknownTemplateException e) {
            err.println("配置错误 (configuration error): " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (IOException e) {
            err.println("配置错误 (configuration error): 上一年度的输出无法读取：" + e.getMessage());
            return ExitCodes.USAGE;
        }
        try (ConfigurableApplicationContext context = start(catalog, args.spring(), out)) {
            CountDownLatch stopped = new CountDownLatch(1);
            context.addApplicationListener(event -> {
                if (event instanceof ContextClosedEvent) {
                    stopped.countDown();
                }
            });
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            out.println("报送门户已启动 (portal running)：http://localhost:" + port + "/ ，任务："
                    + String.join("，", catalog.jobs().keySet()) + "；按 Ctrl+C 停止");
            Runtime.getRuntime().addShutdownHook(new Thread(context::close));
            stopped.await();
            return ExitCodes.COMPLETE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCodes.COMPLETE;
        } catch (RuntimeException e) {
            LogLocation.record(args.spring(), e);
            err.println("运行失败 (failure): " + cn.zwgk.consolidator.job.ConsolidationLauncher.rootMessage(e)
                    + "（详情见日志 data/consolidator.log）");
            return ExitCodes.FAILURE;
        }
    }

    /** The jobs to serve, each checked as a run checks it; a name given twice is a mistake. */
    public static PortalJob.Catalog catalog(List<String> files) throws IOException {
        return catalog(files, Map.of());
    }

    /**
     * @param overrides the job file's keys from the command line: only for one named job, since a
     *                  path meant for one job's folder would be wrong for any other
     */
    public static PortalJob.Catalog catalog(List<String> files, Map<String, String> overrides) throws IOException {
        if (!overrides.isEmpty() && files.size() != 1) {
            throw new ConfigurationException("命令行：--" + overrides.keySet().iterator().next()
                    + " 只能在服务一个任务（只给一个 --job=任务文件）时使用；服务多个任务时请在各任务文件中写相对路径，"
                    + "每台服务器在自己的工作目录下挂载共享文件夹 (job settings on the command line need exactly one --job)");
        }
        List<Path> paths = new ArrayList<>();
        if (files.isEmpty()) {
            Path folder = Path.of("jobs");
            if (!Files.isDirectory(folder)) {
                throw new ConfigurationException("没有给出 --job=任务文件，当前目录下也没有 jobs 文件夹 (no jobs to serve)");
            }
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder, "*.yml")) {
                stream.forEach(paths::add);
            }
            paths.sort(null);
        } else {
            for (String file : files) {
                paths.add(JobSettings.path("job", file, key -> "命令行：--job"));
            }
        }
        if (paths.isEmpty()) {
            throw new ConfigurationException("jobs 文件夹中没有任务文件 (*.yml) (no jobs to serve)");
        }
        Map<String, PortalJob> jobs = new LinkedHashMap<>();
        for (Path path : paths) {
            JobDefinition definition = JobDefinition.load(path, overrides);
            definition.requireInputs();
            SubmissionFolder.requireFolder(definition.submissions());
            if (jobs.containsKey(definition.name())) {
                throw new ConfigurationException("任务文件 " + path + "：任务名 " + definition.name()
                        + " 与另一个任务文件相同，门户以任务名区分任务 (job name given twice)");
            }
            jobs.put(definition.name(), new PortalJob(definition, overrides));
        }
        return new PortalJob.Catalog(jobs);
    }

    /**
     * The same application as a command-line run, as a web application: the portal's parts come
     * with it, and each job's schedule starts, saying so on {@code out}.
     */
    public static ConfigurableApplicationContext start(PortalJob.Catalog catalog, List<String> springArgs,
            PrintStream out) {
        long largest = catalog.jobs().values().stream().mapToLong(job -> job.definition().maxFileSize()).max()
                .orElse(5L * 1024 * 1024);
        PortalSetup setup = new PortalSetup(catalog, springArgs, BlankCommand::carriedIn);
        List<String> args = new ArrayList<>(springArgs);
        // wins over application.properties, which keeps the command-line job free of a web server
        args.add("--spring.main.web-application-type=servlet");
        // the context Spring AOT generated at build time is the command-line job's, without the portal
        System.setProperty("spring.aot.enabled", "false");
        ConfigurableApplicationContext context = new SpringApplicationBuilder(ConsolidatorApplication.class)
                .web(WebApplicationType.SERVLET)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .properties(Map.of(
                        "server.port", "8080",
                        "server.servlet.session.cookie.http-only", "true",
                        "server.servlet.session.cookie.same-site", "lax",
                        "server.servlet.session.timeout", "60m",
                        "spring.thymeleaf.prefix", "classpath:/portal/templates/",
                        "spring.servlet.multipart.max-file-size", Long.toString(largest),
                        "spring.servlet.multipart.max-request-size", Long.toString(largest + 64 * 1024),
                        "server.error.include-stacktrace", "never",
                        // a PUT with curl's default form type must reach the API as the file's bytes,
                        // counted as they arrive, not be parsed whole into form parameters first
                        "spring.mvc.formcontent.filter.enabled", "false",
                        "server.error.whitelabel.enabled", "false"))
                .initializers(starting -> starting.getBeanFactory().registerSingleton("portalSetup", setup))
                .run(args.toArray(String[]::new));
        context.getBean(PortalRuns.class).startSchedules(catalog, out);
        return context;
    }
}
