package cn.zwgk.consolidator.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import cn.zwgk.consolidator.common.ConfigurationException;

class UnitRegistryTest {

    @TempDir
    Path dir;

    private Path registry(String text) throws IOException {
        Path file = dir.resolve("units.csv");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void readsCodesNamesAndOptionalGroups() throws IOException {
        UnitRegistry registry = UnitRegistry.read(registry("code,name,group\nqiaocheng,谯城区人民政府,县区\nsz-1,市教育局,\n"));

        assertThat(registry.units()).containsExactly(new Unit("qiaocheng", "谯城区人民政府", "县区"),
                new Unit("sz-1", "市教育局", null));
    }

    @Test
    void anUnchangedRegistryIsReadOnceForTheWholeRun() throws IOException {
        Path file = registry("code,name\nqiaocheng,谯城区人民政府\n");

        assertThat(UnitRegistry.read(file)).isSameAs(UnitRegistry.read(file));
    }

    @Test
    void aRegistryChangedSinceItWasReadIsReadAgain() throws IOException {
        Path file = registry("code,name\nqiaocheng,谯城区人民政府\n");
        UnitRegistry.read(file);
        // the same size, a later time: what an edit of one letter looks like
        Files.writeString(file, "code,name\nqiaochenG,谯城区人民政府\n", StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 2000));

        assertThat(UnitRegistry.read(file).units()).containsExactly(new Unit("qiaochenG", "谯城区人民政府", null));
    }

    @Test
    void aRegistryEditedInPlaceWithinOneTickOfTheClockIsReadAgain() throws IOException {
        Path file = registry("code,name\nqiaocheng,谯城区人民政府\n");
        FileTime modified = Files.getLastModifiedTime(file);
        UnitRegistry.read(file);
        // the same size and, on a coarse clock or NFS, the same time: only the bytes tell
        Files.writeString(file, "code,name\nqiaochenG,谯城区人民政府\n", StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, modified);

        assertThat(UnitRegistry.read(file).units()).containsExactly(new Unit("qiaochenG", "谯城区人民政府", null));
    }

    @Test
    void theBundledRegistryHasFourCountiesAndAtLeastEightDepartments() {
        UnitRegistry registry = UnitRegistry.read(Path.of("input/bozhou-2020/units.csv"));

        assertThat(registry.units()).filteredOn(u -> "县区".equals(u.group())).extracting(Unit::name)
                .containsExactly("谯城区人民政府", "涡阳县人民政府", "蒙城县人民政府", "利辛县人民政府");
        assertThat(registry.units()).filteredOn(u -> "市直部门".equals(u.group())).hasSizeGreaterThanOrEqualTo(8);
    }

    @Test
    void aDuplicateCodeStopsTheRun() throws IOException {
        assertThatThrownBy(() -> UnitRegistry.read(registry("code,name\na,甲\nb,乙\na,丙\n")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("重复").hasMessageContaining("“a”");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../etc", "a b", "谯城区", "a/b", ""})
    void anUnsafeCodeStopsTheRun(String code) throws IOException {
        assertThatThrownBy(() -> UnitRegistry.read(registry("code,name\n\"" + code + "\",甲\n")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("单位代码");
    }

    @Test
    void aCodeOf64CharactersIsFine() throws IOException {
        String code64 = "a".repeat(64);
        assertThat(UnitRegistry.read(registry("code,name\n" + code64 + ",甲\n")).units()).hasSize(1);
    }

    @Test
    void aCodeOf65CharactersStopsTheRun() throws IOException {
        String code64 = "a".repeat(64);
        assertThatThrownBy(() -> UnitRegistry.read(registry("code,name\n" + code64 + "b,甲\n")))
                .isInstanceOf(ConfigurationException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../县区", "县区/乡镇", "a\\b", "x\ty"})
    void anUnsafeGroupStopsTheRun(String group) throws IOException {
        assertThatThrownBy(() -> UnitRegistry.read(registry("code,name,group\na,甲,\"" + group + "\"\n")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("分组");
    }

    @Test
    void anEmptyNameStopsTheRun() throws IOException {
        assertThatThrownBy(() -> UnitRegistry.read(registry("code,name\na,\n")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("缺少名称");
    }

    @Test
    void aMissingRegistryStopsTheRun() {
        assertThatThrownBy(() -> UnitRegistry.read(dir.resolve("nothing.csv")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("不存在");
    }
}
