package cn.zwgk.consolidator;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

import cn.zwgk.consolidator.common.ConfigurationException;
import cn.zwgk.consolidator.consolidation.PreviousYear;
import cn.zwgk.consolidator.job.ExitCodes;
import cn.zwgk.consolidator.job.JobSettings;
import cn.zwgk.consolidator.output.CsvOutput;
import cn.zwgk.consolidator.submission.SubmissionFolder;
import cn.zwgk.consolidator.submission.WorkbookForm;
import cn.zwgk.consolidator.template.ColumnDef;
import cn.zwgk.consolidator.template.ReportTemplate;
import cn.zwgk.consolidator.template.ReportValues;
import cn.zwgk.consolidator.template.RuleDef;
import cn.zwgk.consolidator.template.TableDef;
import cn.zwgk.consolidator.template.TemplateCatalog;
import cn.zwgk.consolidator.template.UnknownTemplateException;

/**
 * {@code blank --template=gov-2021 --unit=CODE [--previous=DIR] [--output=FILE]}: the form an
 * office hands a unit, every cell with its official label and an empty value, and the carried-in
 * row prefilled from what the unit carried forward last year.
 */
public final class BlankCommand {

    static final String USAGE = """
            用法 (usage): java -jar consolidator.jar blank --template=gov-2019|gov-2021 --unit=单位代码 [--previous=上年输出文件夹] [--output=文件.csv] [--force]
              --force  覆盖已有的文件 (replace an existing file)""";

    private BlankCommand() {
    }

    /**
     * The cells a carry-over rule of the template (this row equals last year's that row, column by
     * column) fills from last year; null in every other cell.
     */
    public static Map<Integer, String> carriedIn(ReportTemplate template, ReportValues lastYear) {
        Map<Integer, String> carried = new HashMap<>();
        for (RuleDef rule : template.rules()) {
            boolean carry = rule.kind() == RuleDef.Kind.LINEAR && rule.forEach() == RuleDef.ForEach.COLUMN
                    && rule.total().size() == 1 && !rule.total().get(0).previousYear()
                    && rule.parts().size() == 1 && rule.parts().get(0).previousYear()
                    && !rule.parts().get(0).negative();
            if (!carry) {
                continue;
            }
            TableDef table = template.table(rule.table());
            for (ColumnDef column : table.row(rule.total().get(0).code()).columns()) {
                int here = template.indexOf(table.code(), rule.total().get(0).code(), column.code());
                int there = lastYear.template().indexOf(table.code(), rule.parts().get(0).code(), column.code());
                if (here >= 0 && there >= 0) {
                    carried.put(here, lastYear.plain(there));
                }
            }
        }
        return carried;
    }

    static int run(PrintStream out, PrintStream err, Arguments.Blank args) {
        try {
            String unit = args.unit();
            if (args.template() == null) {
                throw new ConfigurationException("缺少 --template=gov-2019 或 --template=gov-2021 (missing --template)");
            }
            if (unit == null || !unit.matches("[A-Za-z0-9_-]{1,64}")) {
                throw new ConfigurationException(unit == null ? "缺少 --unit=单位代码 (missing --unit)"
                        : "命令行：--unit “" + JobSettings.printable(unit)
                                + "” 无效，应为 1–64 个 A-Z a-z 0-9 _ - 字符的单位代码 (invalid unit code)");
            }
            Function<String, String> named = key -> "命令行：--" + key;
            Path previous = args.previous() == null ? null : JobSettings.path("previous", args.previous(), named);
            Path file = args.output() != null ? JobSettings.path("output", args.output(), named)
                    : Path.of(unit + ".csv");
            refuseToOverwrite(file, args.force());
            String templateName = args.template();
            ReportTemplate template = TemplateCatalog.load(templateName);
            Map<Integer, String> carriedIn = Map.of();
            if (previous != null) {
                ReportValues lastYear = PreviousYear.load(previous, true).unit(unit);
                if (lastYear == null) {
                    out.println("上一年度没有单位 " + unit + " 被接收的数据，上年结转未预填");
                } else {
                    carriedIn = carriedIn(template, lastYear);
                }
            }
            if (SubmissionFolder.isWorkbook(file.toString())) {
                new WorkbookForm(template).write(file, carriedIn);
            } else {
                CsvOutput.writeBlank(file, template, carriedIn);
            }
            out.println("已写出 " + file.toAbsolutePath().normalize() + "（" + template.title() + "，共 "
                    + template.cellCount() + " 项" + (carriedIn.isEmpty() ? "" : "，上年结转已按上年数据预填") + "）");
            return ExitCodes.COMPLETE;
        } catch (ConfigurationException | UnknownTemplateException e) {
            err.println("用法错误 (usage error): " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (PreviousYear.UnusableException e) {
            err.println("配置错误 (configuration error): 上一年度的输出 " + args.previous() + " 不能使用：" + e.getMessage());
            return ExitCodes.USAGE;
        } catch (IOException e) {
            err.println("运行失败 (failure): " + e.getMessage());
            return ExitCodes.FAILURE;
        }
    }

    /** A unit's filled-in form may sit where the blank one would go: only {@code --force} replaces a file. */
    private static void refuseToOverwrite(Path file, boolean force) {
        if (Files.isDirectory(file)) {
            throw new ConfigurationException("输出 " + file + " 是一个文件夹，应为要写出的 .csv 或 .xlsx 文件 (output is a folder)");
        }
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !force) {
            throw new ConfigurationException("文件 " + file + " 已存在，未覆盖；确要覆盖请加 --force (file exists)");
        }
        Path folder = file.toAbsolutePath().getParent();
        if (folder != null && !Files.isDirectory(folder)) {
            throw new ConfigurationException("输出 " + file + " 所在的文件夹不存在 (no such folder)");
        }
    }
}
