package cn.zwgk.consolidator.portal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.security.crypto.password.PasswordEncoder;

import cn.zwgk.consolidator.common.SpreadsheetText;
import cn.zwgk.consolidator.common.ConfigurationException;
import cn.zwgk.consolidator.registry.Unit;
import cn.zwgk.consolidator.registry.UnitRegistry;

/** Creates the missing sign-ins of a job's units and the office, and issues single new passwords. */
public final class AccountIssuer {

    /** What was created; the passwords went to the file only. */
    public record Issued(int units, boolean office, Path file) {
    }

    private record Issue(String user, String name, boolean office, String password) {
    }

    private final AccountStore store;
    private final PasswordEncoder encoder = Passwords.encoder();

    public AccountIssuer(AccountStore store) {
        this.store = store;
    }

    /**
     * Writes the new passwords once, as CSV {@code user,name,password}, to a file that must not exist
     * yet and that only its owner can read; then stores their hashes. A failure leaves neither.
     *
     * @throws ConfigurationException when the file exists or cannot be written
     */
    public Issued create(UnitRegistry registry, Path file) throws IOException {
        Set<String> existing = store.users();
        List<Issue> issues = new ArrayList<>();
        boolean office = !existing.contains(AccountStore.OFFICE);
        if (office) {
            issues.add(new Issue(AccountStore.OFFICE, "政务公开办", true, Passwords.issue()));
        }
        for (Unit unit : registry.units()) {
            if (!existing.contains(unit.code())) {
                issues.add(new Issue(unit.code(), unit.name(), false, Passwords.issue()));
            }
        }
        // hashing is the whole cost: spread it over the cores
        List<AccountStore.NewAccount> accounts = issues.parallelStream()
                .map(issue -> new AccountStore.NewAccount(issue.user(), issue.name(), issue.office(),
                        encoder.encode(issue.password())))
                .toList();
        if (issues.isEmpty()) {
            return new Issued(0, false, null);
        }
        write(file, issues);
        try {
            store.create(accounts);
        } catch (RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        return new Issued(office ? issues.size() - 1 : issues.size(), office, file);
    }

    /** A new password for one user, returned to be shown once. Null when there is no such user. */
    public String reset(String user) {
        String password = Passwords.issue();
        return store.reset(user, encoder.encode(password)) ? password : null;
    }

    /** The unit codes that cannot have a sign-in of their own. */
    public static void requireNoClash(UnitRegistry registry) {
        if (registry.find(AccountStore.OFFICE) != null) {
            throw new ConfigurationException("单位名录中的代码 “" + AccountStore.OFFICE
                    + "” 与政务公开办的登录名相同，请改用其他代码 (unit code clashes with the office's user name)");
        }
    }

    private static void write(Path file, List<Issue> issues) throws IOException {
        OutputStream out;
        try {
            out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            throw new ConfigurationException("账号文件 " + file + " 已存在，不覆盖；请用 --output= 另指定文件 (file exists)");
        }
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system (Windows): the folder's own permissions apply
        }
        try (Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
                CSVPrinter csv = new CSVPrinter(writer, CSVFormat.DEFAULT)) {
            writer.write('\uFEFF'); // Excel and WPS read the Chinese names right
            csv.printRecord("user", "name", "password");
            for (Issue issue : issues) {
                csv.printRecord(issue.user(), cn.zwgk.consolidator.common.SpreadsheetText.neutralise(issue.name()),
                        issue.password());
            }
        }
    }
}
