package cn.zwgk.consolidator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two real processes of the packaged jar on one job: the second stops at once with status 4. */
class ConcurrentRunsIT {

    @TempDir
    Path dir;

    @Test
    void aSecondRunOfTheSameJobExitsFourAtOnceNamingTheRunningOne() throws Exception {
        Path job = LargeInput.write(dir.resolve("input"), 8_000);
        String database = PackagedJar.h2(dir);
        Path lock = dir.resolve("input/.output.consolidator/lock");

        Process first = PackagedJar.start(dir.resolve("first.log"), "--job=" + job, "--spring.datasource.url=" + database);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!(Files.exists(lock) && Files.readString(lock).contains("进程 " + first.pid()))) {
            assertThat(System.nanoTime()).as("the first run takes the lock").isLessThan(deadline);
            Thread.sleep(10);
        }

        long started = System.nanoTime();
        int second = PackagedJar.run(dir.resolve("second.log"), "--job=" + job, "--spring.datasource.url=" + database);
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);

        assertThat(first.isAlive()).as("the first run was still going").isTrue();
        assertThat(second).isEqualTo(4);
        assertThat(PackagedJar.read(dir.resolve("second.log")).strip())
                .startsWith("任务 large-8000 正在运行（进程 " + first.pid() + "，开始于 ")
                .doesNotContain("\n");
        assertThat(seconds).as("at once, without waiting for the first").isLessThan(20);

        assertThat(first.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(first.exitValue()).isZero();
    }

    @Test
    void theLockDiesWithAKilledProcess() throws Exception {
        Path job = LargeInput.write(dir.resolve("input"), 8_000);
        String database = PackagedJar.h2(dir);
        Path lock = dir.resolve("input/.output.consolidator/lock");

        Process first = PackagedJar.start(dir.resolve("first.log"), "--job=" + job, "--spring.datasource.url=" + database);
        while (!(Files.exists(lock) && Files.readString(lock).contains("进程 " + first.pid()))) {
            Thread.sleep(10);
        }
        first.destroyForcibly().waitFor();

        int next = PackagedJar.run(dir.resolve("next.log"), "--job=" + job, "--spring.datasource.url=" + database);
        assertThat(next).as(PackagedJar.read(dir.resolve("next.log"))).isZero();
    }
}
