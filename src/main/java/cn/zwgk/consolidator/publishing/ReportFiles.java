package cn.zwgk.consolidator.publishing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;

import cn.zwgk.consolidator.consolidation.AcceptedValues;
import cn.zwgk.consolidator.output.Chart;
import cn.zwgk.consolidator.output.CsvOutput;
import cn.zwgk.consolidator.output.ExcelReport;
import cn.zwgk.consolidator.output.HtmlReport;
import cn.zwgk.consolidator.template.ReportValues;

/**
 * Writes a run's published files into its staging folder. Each file is written whole by one
 * writer, so the bytes do not depend on which thread writes it or when: the independent ones go
 * to the workers as soon as what they need is known (report.docx needs only the totals, and its
 * first use of POI's XML classes is the slowest start of all), while the caller writes report.html.
 * Closing waits for every writer, also when the caller failed, so that nothing still writes into
 * the staging folder once publishing has given up.
 */
public final class ReportFiles implements AutoCloseable {

    private final Path staging;
    private final Executor workers;
    private final List<FutureTask<Object>> writing = new ArrayList<>();

    public ReportFiles(Path staging, Executor workers) {
        this.staging = staging;
        this.workers = workers;
    }

    /** report.docx, the annual report draft. */
    public void startDocument(ReportValues totals, int year, String organisation) {
        start(() -> {
            AnnualReportDocument.write(staging.resolve(AnnualReportDocument.FILE), totals, year, organisation);
            return null;
        });
    }

    /** report.xlsx, consolidated.csv, status.csv, findings.csv and the letters to units. */
    public void startTables(ReportValues totals, HtmlReport.Run run, String format, Publication publication,
            LocalDateTime asOf) {
        start(() -> {
            ExcelReport.write(staging.resolve("report.xlsx"), totals, run);
            return null;
        });
        start(() -> {
            CsvOutput.writeValues(staging.resolve("consolidated.csv"), totals);
            CsvOutput.writeStatus(staging.resolve("status.csv"), run.status());
            CsvOutput.writeFindings(staging.resolve("findings.csv"), run.findings());
            return null;
        });
        start(() -> FeedbackLetters.write(staging, run.year(), format, publication, run.status(), run.findings(),
                asOf));
    }

    /**
     * report.html with its charts, on the calling thread; the staging folder must hold
     * accepted-values.csv already.
     *
     * @param lastYear last year's totals, or null
     */
    public void writeHtml(ReportValues totals, HtmlReport.Run run, ReportValues lastYear) throws IOException {
        List<Chart> charts = ReportCharts.of(totals, run.status(), staging.resolve(AcceptedValues.FILE), lastYear);
        HtmlReport.write(staging.resolve("report.html"), totals, run, charts);
    }

    /** Waits for every writer started; the first failure is thrown, as if written on this thread. */
    public void finish() throws IOException {
        Throwable failure = null;
        for (FutureTask<Object> writer : writing) {
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
        if (failure instanceof IOException e) {
            throw e;
        } else if (failure instanceof UncheckedIOException e) {
            throw e.getCause();
        } else if (failure instanceof RuntimeException e) {
            throw e;
        } else if (failure instanceof Error e) {
            throw e;
        } else if (failure != null) {
            throw new IOException(failure);
        }
    }

    /** Waits for the writers still going, without their outcome: the caller's own failure is what counts. */
    @Override
    public void close() {
        writing.forEach(ReportFiles::awaitQuietly);
    }

    private void start(Callable<Object> writer) {
        FutureTask<Object> task = new FutureTask<>(writer);
        // a task the workers refuse (the application closing) is never awaited, or close() would wait for ever
        workers.execute(task);
        writing.add(task);
    }

    private static void awaitQuietly(FutureTask<Object> writer) {
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
