package cn.zwgk.consolidator.job;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

import cn.zwgk.consolidator.output.OutputFolder;

/**
 * Keeps two runs of one job from writing at the same time. It is an operating-system lock on a
 * file in the program's working folder beside the output, so it dies with the process that holds it, even after kill -9.
 */
public final class RunLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Another run holds the lock; the message names it. */
    public static final class BusyException extends Exception {

        public BusyException(String message) {
            super(message);
        }

        /** The one wording of "busy", whichever lock refused: the job and who holds it. */
        static BusyException of(String jobName, String holder) {
            return new BusyException("任务 " + jobName + " 正在运行（" + holder + "），本次不运行 (another run is in progress)");
        }
    }

    /**
     * @throws BusyException at once, without waiting, when another run holds the lock
     */
    public static RunLock acquire(Path output, String jobName) throws BusyException, IOException {
        OutputFolder folder = new OutputFolder(output);
        folder.claim();
        Path file = folder.lockFile();
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by this very process, for example a run started by the schedule
        }
        if (lock == null) {
            String holder = holder(channel);
            channel.close();
            throw BusyException.of(jobName, holder);
        }
        String holder = "进程 " + ProcessHandle.current().pid() + "，开始于 "
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(holder.getBytes(StandardCharsets.UTF_8)), 0);
        return new RunLock(channel, lock);
    }

    private static String holder(FileChannel channel) {
        try {
            ByteBuffer buffer = ByteBuffer.allocate(512);
            channel.read(buffer, 0);
            String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? "另一个进程" : text;
        } catch (IOException e) {
            return "另一个进程";
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
