package cn.zwgk.consolidator;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A generated job of many units: copies of the bundled 亳州 submissions under a registry of
 * {@code units} codes, with a job file, in {@code root}.
 */
public final class LargeInput {

    private LargeInput() {
    }

    /** @return the job file */
    public static Path write(Path root, int units) throws IOException {
        if (Files.exists(root)) {
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Path submissions = root.resolve("submissions");
        Files.createDirectories(submissions);
        List<byte[]> samples = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("input/bozhou-2020/submissions"))) {
            for (Path file : files.sorted().toList()) {
                samples.add(Files.readAllBytes(file));
            }
        }
        try (Writer registry = Files.newBufferedWriter(root.resolve("units.csv"), StandardCharsets.UTF_8)) {
            registry.write("code,name,group\n");
            for (int i = 0; i < units; i++) {
                String code = String.format("unit-%05d", i);
                registry.write(code + ",第" + i + "号单位,第" + (i % 100) + "组\n");
                Files.write(submissions.resolve(code + ".csv"), samples.get(i % samples.size()));
            }
        }
        Path job = root.resolve("job.yml");
        Files.writeString(job, "name: large-" + units + "\nyear: 2020\ntemplate: gov-2019\nunits: " + root.resolve("units.csv")
                + "\nsubmissions: " + submissions + "\noutput: " + root.resolve("output") + "\n", StandardCharsets.UTF_8);
        return job;
    }
}
