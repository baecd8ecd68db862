package cn.zwgk.consolidator.job;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Refuses a database that is damaged or belongs to another program before anything is written to
 * it: H2 opens a truncated file as an older or empty database and Flyway would then start a new
 * history in it, so the run history would be lost without a word.
 */
public final class DatabaseGuard {

    /** H2's code for a database file another process holds open. */
    private static final int H2_ALREADY_OPEN = 90020;
    private static final String HISTORY_TABLE = "flyway_schema_history";

    private DatabaseGuard() {
    }

    /** A database the program must not use: a configuration error, one line for the console. */
    public static final class RefusedException extends RuntimeException {

        RefusedException(String database, String why) {
            super("数据库不能使用 (database refused): " + database + " " + why + "；文件和数据未作任何改动。"
                    + "请从备份恢复，或改用 --spring.datasource.url= 指定本程序的数据库；把它移走后重新运行则开始新的运行记录");
        }
    }

    /** The refusal somewhere in the causes of a failed start, or null. */
    public static RefusedException refusal(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RefusedException refused) {
                return refused;
            }
        }
        return null;
    }

    /** The file an H2 URL keeps its data in, or null for an in-memory, server or other database. */
    public static Path h2File(String url) {
        if (url == null || !url.startsWith("jdbc:h2:")) {
            return null;
        }
        String name = url.substring("jdbc:h2:".length());
        int settings = name.indexOf(';');
        name = settings < 0 ? name : name.substring(0, settings);
        if (name.startsWith("file:")) {
            name = name.substring("file:".length());
        } else if (name.matches("(?i)(mem|tcp|ssl|zip|split|nio\\w*|async|memFS|memLZF|retry)?:.*")) {
            return null;
        }
        if (name.startsWith("~")) {
            name = System.getProperty("user.home") + name.substring(1);
        }
        return Path.of(name + ".mv.db").toAbsolutePath().normalize();
    }

    /**
     * Checks an existing H2 file without writing to it: its store header, that its last saved
     * chunk lies within the file, that H2 can open it read-only, and that it holds this program's
     * history. A missing file is a new database; a file another process holds open is in use, not damaged.
     */
    public static void checkH2File(String url, String user, String password, Set<String> ourMigrations) {
        Path file = h2File(url);
        if (file == null || !Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        String why = openReadOnly(file, user, password, ourMigrations);
        if (why != null) {
            throw new RefusedException(file.toString(), why);
        }
    }

    private static String fileProblem(Path file) {
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                return "不是普通文件";
            }
            long size = Files.size(file);
            if (size == 0) {
                return "是空文件（0 字节，可能被截断）";
            }
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                Map<String, String> header = record(channel, 0);
                if (!"2".equals(header.get("H"))) {
                    return "不是 H2 数据库文件（文件头不对：已损坏，或是别的文件）";
                }
            }
            return truncation(file);
        } catch (IOException e) {
            return "无法读取（" + JobSettings.reason(e) + "）";
        }
    }

    /** Whether the file was cut short; never asked while another process holds it open and may be writing it. */
    private static String truncation(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            Map<String, String> header = record(channel, 0);
            long blockSize = Long.parseLong(header.getOrDefault("blockSize", "1000"), 16);
            if (blockSize < 512) {
                return "已损坏（文件头中的块大小 " + blockSize + " 不对）";
            }
            // a cleanly closed store names its last chunk: a file ending before it was cut short
            if ("1".equals(header.get("clean")) && header.containsKey("block")
                    && (Long.parseLong(header.get("block"), 16) + 1) * blockSize > size) {
                return "被截断了（文件只有 " + size + " 字节，最后保存的数据至少要到第 "
                        + (Long.parseLong(header.get("block"), 16) + 1) * blockSize + " 字节才结束）";
            }
            long end = newestChunkEnd(channel, blockSize, size);
            return end > size ? "被截断了（文件只有 " + size + " 字节，最后保存的数据要到第 " + end + " 字节才结束）" : null;
        } catch (IOException e) {
            return "无法读取（" + JobSettings.reason(e) + "）";
        } catch (NumberFormatException e) {
            return "已损坏（数据块的记录不对）";
        }
    }

    /**
     * Where the newest chunk of the store ends. H2 writes a chunk whole, so a newest chunk reaching
     * past the end of the file means the file was cut short; H2 itself would quietly fall back to
     * an older chunk, that is to an older run history.
     */
    private static long newestChunkEnd(FileChannel channel, long blockSize, long size) throws IOException {
        long newest = -1;
        long end = 0;
        for (long block = 2; block * blockSize < size;) {
            Map<String, String> chunk = record(channel, block * blockSize);
            long length = 1;
            if (chunk.containsKey("chunk") && chunk.containsKey("len") && chunk.containsKey("version")) {
                length = Math.max(1, Long.parseLong(chunk.get("len"), 16));
                long version = Long.parseLong(chunk.get("version"), 16);
                if (version > newest) {
                    newest = version;
                    end = (block + length) * blockSize;
                }
            }
            block += length;
        }
        return end;
    }

    /** H2's store records ({@code key:value,key:value}, values in hex), read from one position. */
    private static Map<String, String> record(FileChannel channel, long position) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(1024);
        channel.read(buffer, position);
        String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.ISO_8859_1);
        int end = 0;
        while (end < text.length() && text.charAt(end) > ' ' && text.charAt(end) < 127) {
            end++;
        }
        Map<String, String> record = new HashMap<>();
        for (String pair : text.substring(0, end).split(",")) {
            int colon = pair.indexOf(':');
            if (colon > 0) {
                record.put(pair.substring(0, colon), pair.substring(colon + 1));
            }
        }
        return record;
    }

    /**
     * Opened first, because H2 then says whether another process holds the file: that one opened
     * it, and may be writing it, so what the file looks like now proves nothing.
     */
    private static String openReadOnly(Path file, String user, String password, Set<String> ours) {
        String name = file.toString().substring(0, file.toString().length() - ".mv.db".length());
        try (Connection connection = DriverManager.getConnection(
                "jdbc:h2:file:" + name + ";ACCESS_MODE_DATA=r;IFEXISTS=TRUE", user, password)) {
            String damaged = fileProblem(file);
            if (damaged != null) {
                return damaged;
            }
            if (tables(connection).isEmpty()) {
                // H2 opens a file cut at a chunk's end as the older state there, possibly empty
                return "中没有任何表：可能被截断而失去了运行记录（若是新建的空数据库，删除它即可）";
            }
            return foreign(connection, ours);
        } catch (SQLException e) {
            if (e.getErrorCode() == H2_ALREADY_OPEN) {
                return null; // another run of this program holds it open and writes it: it opened fine there
            }
            String damaged = fileProblem(file);
            if (damaged != null) {
                return damaged;
            }
            String first = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            return "已损坏，H2 无法打开（" + first.replace(file.toString(), "").replace("\"\"", "").strip() + "）";
        }
    }

    /**
     * Why a database holding tables is not this program's, or null: tables but no Flyway history,
     * or a history of migrations this program does not have.
     */
    static String foreign(Connection connection, Set<String> ours) throws SQLException {
        List<String> tables = tables(connection);
        String history = tables.stream().filter(t -> t.equalsIgnoreCase(HISTORY_TABLE)).findFirst().orElse(null);
        if (tables.isEmpty()) {
            return null;
        }
        if (history == null) {
            return "中有 " + tables.size() + " 张表（如 " + tables.get(0) + "），却没有本程序的表结构记录 "
                    + HISTORY_TABLE + "：这是别的程序的数据库";
        }
        List<String> strange = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT * FROM \"" + history + "\"")) {
            int script = column(rows, "script");
            int type = column(rows, "type");
            while (rows.next()) {
                String name = script < 0 ? null : rows.getString(script);
                boolean sql = type < 0 || "SQL".equalsIgnoreCase(rows.getString(type));
                if (sql && name != null && !ours.contains(name)) {
                    strange.add(name);
                }
            }
        }
        if (!strange.isEmpty()) {
            return "的表结构记录 " + HISTORY_TABLE + " 中有本程序没有的迁移脚本（" + String.join("、", strange.subList(0,
                    Math.min(3, strange.size()))) + "）：这是别的程序（或本程序更新版本）的数据库";
        }
        return null;
    }

    private static int column(ResultSet rows, String name) throws SQLException {
        for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
            if (rows.getMetaData().getColumnLabel(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    private static List<String> tables(Connection connection) throws SQLException {
        List<String> tables = new ArrayList<>();
        DatabaseMetaData meta = connection.getMetaData();
        String schema = connection.getSchema();
        try (ResultSet rows = meta.getTables(connection.getCatalog(), schema, "%", new String[] {"TABLE"})) {
            while (rows.next()) {
                tables.add(rows.getString("TABLE_NAME"));
            }
        }
        tables.sort(String.CASE_INSENSITIVE_ORDER);
        return tables;
    }

    /** The database as a person knows it: the H2 file, or the URL without its settings. */
    static String describe(String url) {
        Path file = h2File(url);
        if (file != null) {
            return file.toString();
        }
        String plain = url == null ? "?" : url.split("[?;]", 2)[0];
        return plain.toLowerCase(Locale.ROOT).startsWith("jdbc:") ? plain : "?";
    }

    /** Checks, through a connection about to be migrated, that a database with tables is this program's. */
    public static void checkOurs(Connection connection, Set<String> ours) throws SQLException {
        String why = foreign(connection, ours);
        if (why != null) {
            throw new RefusedException(describe(connection.getMetaData().getURL()), why);
        }
    }

    /**
     * Whether the schema needs nothing from Flyway: its history lists every one of {@code scripts}
     * (script name and checksum, as Flyway records them), each applied successfully, and nothing
     * else but this program's SQL migrations. Anything unusual (a failed or baseline entry, a
     * changed script, a missing one, no history at all) says no, and Flyway looks as always.
     *
     * @param scripts this program's migrations for the database, by script name, with Flyway's checksum
     */
    public static boolean isCurrent(Connection connection, String historyTable, Map<String, Integer> scripts)
            throws SQLException {
        String history = tables(connection).stream().filter(t -> t.equalsIgnoreCase(historyTable)).findFirst()
                .orElse(null);
        if (history == null || scripts.isEmpty()) {
            return false;
        }
        Map<String, Integer> applied = new HashMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT * FROM \"" + history + "\"")) {
            int script = column(rows, "script");
            int type = column(rows, "type");
            int checksum = column(rows, "checksum");
            int success = column(rows, "success");
            if (script < 0 || type < 0 || checksum < 0 || success < 0) {
                return false;
            }
            while (rows.next()) {
                if ("TABLE".equalsIgnoreCase(rows.getString(type))) {
                    continue; // Flyway's note that it made the history table
                }
                int sum = rows.getInt(checksum);
                if (!"SQL".equalsIgnoreCase(rows.getString(type)) || !rows.getBoolean(success) || rows.wasNull()
                        || applied.put(rows.getString(script), sum) != null) {
                    return false;
                }
            }
        }
        return applied.equals(scripts);
    }

    /**
     * Flyway's checksum of a SQL migration: CRC-32 of its lines' bytes without line ends, a byte
     * order mark left out, so that only the text counts (Flyway's {@code ChecksumCalculator}).
     */
    public static int flywayChecksum(java.io.InputStream script, java.nio.charset.Charset encoding)
            throws IOException {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        try (java.io.BufferedReader reader = new java.io.BufferedReader(
                new java.io.InputStreamReader(script, encoding))) {
            String line = reader.readLine();
            if (line != null && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            for (; line != null; line = reader.readLine()) {
                crc.update(line.getBytes(StandardCharsets.UTF_8));
            }
        }
        return (int) crc.getValue();
    }
}
