package cn.zwgk.consolidator.publishing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;

import cn.zwgk.consolidator.common.RunFile;
import cn.zwgk.consolidator.common.Sha256;
import cn.zwgk.consolidator.consolidation.AcceptedValues;
import cn.zwgk.consolidator.output.Chart;
import cn.zwgk.consolidator.output.CsvOutput;
import cn.zwgk.consolidator.output.ExcelReport;
import cn.zwgk.consolidator.output.HtmlReport;
import cn.zwgk.consolidator.template.ReportTemplate;
import cn.zwgk.consolidator.template.ReportValues;

/**
 * Writes a run's published files into its staging folder. Each file is written whole by one
 * writer, so the bytes do not depend on which thread writes it or when: the independent ones go
 * to the workers as soon as what they need is known (report.docx needs only the totals, and its
 * first use of POI's XML classes is the slowest start of all), while the caller writes report.html.
 * Closing waits for every writer, also when the caller failed, so that nothing still writes into
 * the staging folder once publishing has given up. Each writer hashes what it wrote as soon as it
 * has written it ({@link #checksums()}, for run.yml): a province's 20 MB hashed again at the end,
 * on one thread, took longer than any writer.
 */
public final class ReportFiles implements AutoCloseable {

    private final Path staging;
    private final Executor workers;
    private final List<FutureTask<?>> writing = new ArrayList<>();
    private final Map<String, String> checksums = new ConcurrentHashMap<>();
    private FutureTask<AcceptedValues.Sums> acceptedValues;
    private volatile List<Map.Entry<String, BigDecimal>> unitFigures;

    public ReportFiles(Path staging, Executor workers) {
        this.staging = staging;
        this.workers = workers;
    }

    /** report.docx, the annual report draft. */
    public void startDocument(ReportValues totals, int year, String organisation) {
        start(() -> {
            AnnualReportDocument.write(staging.resolve(AnnualReportDocument.FILE), totals, year, organisation);
            hash(staging.resolve(AnnualReportDocument.FILE));
            return null;
        });
    }

    /** report.xlsx, consolidated.csv, status.csv, findings.csv and the letters to units. */
    public void startTables(ReportValues totals, HtmlReport.Run run, String format, Publication publication,
            LocalDateTime asOf) {
        start(() -> {
            ExcelReport.write(staging.resolve("report.xlsx"), totals, run);
            hash(staging.resolve("report.xlsx"));
            return null;
        });
        start(() -> {
            CsvOutput.writeValues(staging.resolve("consolidated.csv"), totals);
            hash(staging.resolve("consolidated.csv"));
            CsvOutput.writeStatus(staging.resolve("status.csv"), run.status());
            hash(staging.resolve("status.csv"));
            CsvOutput.writeFindings(staging.resolve("findings.csv"), run.findings());
            hash(staging.resolve("findings.csv"));
            return null;
        });
        start(() -> {
            int letters = FeedbackLetters.write(staging, run.year(), format, publication, run.status(),
                    run.findings(), asOf);
            hashFolder(staging.resolve(FeedbackLetters.FOLDER));
            return letters;
        });
    }

    /** {@code groups/<group>.csv}, the subtotal of each registry group. */
    public void startGroups(Map<String, ReportValues> groups) {
        start(() -> {
            Path folder = Files.createDirectories(staging.resolve("groups"));
            for (Map.Entry<String, ReportValues> group : groups.entrySet()) {
                Path file = folder.resolve(group.getKey() + ".csv");
                CsvOutput.writeValues(file, group.getValue());
                hash(file);
            }
            return null;
        });
    }

    /**
     * accepted-values.csv, joined from the parts the check step wrote, with the sums on the way
     * ({@link #acceptedValues()}), and each unit's figure for the chart by unit, read back from it:
     * on a worker, while the caller reads the status list from the database.
     */
    public void startAcceptedValues(Path parts, ReportTemplate template) {
        acceptedValues = start(() -> {
            Path file = staging.resolve(AcceptedValues.FILE);
            AcceptedValues.Sums sums = AcceptedValues.publish(parts, file, template);
            unitFigures = ReportCharts.unitFigures(template, file);
            return sums;
        });
    }

    /** Waits for accepted-values.csv; its failure is thrown, as if written on this thread. */
    public AcceptedValues.Sums acceptedValues() throws IOException {
        try {
            return acceptedValues.get();
        } catch (ExecutionException e) {
            throw rethrown(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("发布被中断 (publishing interrupted)", e);
        }
    }

    /** Hashes, on a worker, a file the caller has written whole into the staging folder. */
    public void startChecksum(Path file) {
        start(() -> {
            hash(file);
            return null;
        });
    }

    /**
     * report.html with its charts, on the calling thread; the staging folder must hold
     * accepted-values.csv already.
     *
     * @param lastYear last year's totals, or null
     */
    public void writeHtml(ReportValues totals, HtmlReport.Run run, ReportValues lastYear) throws IOException {
        List<Chart> charts = unitFigures != null
                ? ReportCharts.of(totals, run.status(), unitFigures, lastYear)
                : ReportCharts.of(totals, run.status(), staging.resolve(AcceptedValues.FILE), lastYear);
        HtmlReport.write(staging.resolve("report.html"), totals, run, charts);
        hash(staging.resolve("report.html"));
    }

    /**
     * The SHA-256 of every file written so far, by its name in run.yml; complete once
     * {@link #finish()} has returned.
     */
    public Map<String, String> checksums() {
        return new TreeMap<>(checksums);
    }

    private void hash(Path file) throws IOException {
        checksums.put(RunFile.relative(staging, file), Sha256.hex(file));
    }

    private void hashFolder(Path folder) throws IOException {
        if (Files.isDirectory(folder)) {
            try (var files = Files.walk(folder)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    hash(file);
                }
            }
        }
    }

    /** Waits for every writer started; the first failure is thrown, as if written on this thread. */
    public void finish() throws IOException {
        Throwable failure = null;
        for (FutureTask<?> writer : writing) {
            try {
                awaitQuietly(writer);
                writer.get();
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("发布被中断 (publishing interrupted)", e);
            }
        }
        writing.clear();
        if (failure != null) {
            throw rethrown(failure);
        }
    }

    /** A writer's failure as the caller throws it: an IOException, or what it was if unchecked. */
    private static IOException rethrown(Throwable failure) {
        if (failure instanceof IOException e) {
            return e;
        } else if (failure instanceof UncheckedIOException e) {
            return e.getCause();
        } else if (failure instanceof RuntimeException e) {
            throw e;
        } else if (failure instanceof Error e) {
            throw e;
        }
        return new IOException(failure);
    }

    /** Waits for the writers still going, without their outcome: the caller's own failure is what counts. */
    @Override
    public void close() {
        writing.forEach(ReportFiles::awaitQuietly);
    }

    private <T> FutureTask<T> start(Callable<T> writer) {
        FutureTask<T> task = new FutureTask<>(writer);
        // a task the workers refuse (the application closing) is never awaited, or close() would wait for ever
        workers.execute(task);
        writing.add(task);
        return task;
    }

    private static void awaitQuietly(FutureTask<?> writer) {
        boolean interrupted = false;
        while (true) {
            try {
                writer.get();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (ExecutionException | RuntimeException e) {
                break;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
