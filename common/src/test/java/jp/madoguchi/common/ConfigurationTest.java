package jp.madoguchi.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigurationTest {

    @TempDir
    Path dir;

    @Test
    void defaults_are_documented_and_loaded() {
        Configuration c = Configuration.load(dir.resolve("none"), dir.resolve("none2"), List.of(), new Properties());
        assertThat(c.get("office.type")).isEqualTo("MUNICIPAL");
        assertThat(c.getInt("cache.max.age.hours")).isEqualTo(72);
        assertThat(c.origin("office.type")).isEqualTo("default");
    }

    @Test
    void later_layers_win_machine_user_file_system_property_set() throws Exception {
        Path machine = Files.writeString(dir.resolve("machine.properties"), "office.code=011002\nterminal.id=M1\nlog.level=WARN\n");
        Path user = Files.writeString(dir.resolve("user.properties"), "terminal.id=U1\nui.locale=en\n");
        Path cli = Files.writeString(dir.resolve("cli.properties"), "ui.locale=ja\n");
        Properties sys = new Properties();
        sys.setProperty("madoguchi.log.level", "DEBUG");
        sys.setProperty("unrelated", "x");
        Configuration c = Configuration.load(machine, user,
                List.of("--config", cli.toString(), "--set", "terminal.id=S9"), sys);
        assertThat(c.get("office.code")).isEqualTo("011002");
        assertThat(c.get("terminal.id")).isEqualTo("S9");
        assertThat(c.origin("terminal.id")).isEqualTo("--set");
        assertThat(c.get("ui.locale")).isEqualTo("ja");
        assertThat(c.origin("ui.locale")).isEqualTo(cli.toString());
        assertThat(c.get("log.level")).isEqualTo("DEBUG");
    }

    @Test
    void unknown_keys_and_bad_values_are_refused_with_their_origin() throws Exception {
        Path user = Files.writeString(dir.resolve("user.properties"), "ofice.code=1\n");
        assertThatThrownBy(() -> Configuration.load(dir.resolve("none"), user, List.of(), new Properties()))
                .hasMessageContaining("ofice.code").hasMessageContaining(user.toString());
        Configuration c = Configuration.load(dir.resolve("none"), dir.resolve("none"),
                List.of("--set", "cache.max.age.hours=many"), new Properties());
        assertThatThrownBy(() -> c.getInt("cache.max.age.hours")).hasMessageContaining("--set");
        assertThatThrownBy(() -> Configuration.load(dir.resolve("none"), dir.resolve("none"), List.of("--set", "oops"), new Properties()))
                .hasMessageContaining("key=value");
    }

    @Test
    void data_directories_follow_each_os_convention() {
        var linux = DataDirectories.resolve(Map.of(), "Linux", "/home/k");
        assertThat(linux.data()).isEqualTo(Path.of("/home/k/.local/share/madoguchi"));
        assertThat(linux.config()).isEqualTo(Path.of("/home/k/.config/madoguchi"));
        assertThat(linux.logs()).isEqualTo(Path.of("/home/k/.local/share/madoguchi/logs"));
        var xdg = DataDirectories.resolve(Map.of("XDG_DATA_HOME", "/srv/d", "XDG_CONFIG_HOME", "relative"), "Linux", "/home/k");
        assertThat(xdg.data()).isEqualTo(Path.of("/srv/d/madoguchi"));
        assertThat(xdg.config()).isEqualTo(Path.of("/home/k/.config/madoguchi"));
        var win = DataDirectories.resolve(Map.of("LOCALAPPDATA", "C:/Users/k/AppData/Local"), "Windows 11", "C:/Users/k");
        assertThat(win.data()).isEqualTo(Path.of("C:/Users/k/AppData/Local/Madoguchi"));
    }

    @Test
    void machine_file_is_per_os_and_written_with_only_the_given_settings() throws Exception {
        assertThat(Configuration.machineFile("Linux", Map.of())).isEqualTo(Path.of("/etc/madoguchi/madoguchi.properties"));
        assertThat(Configuration.machineFile("Windows 11", Map.of("ProgramData", "D:/PD")))
                .isEqualTo(Path.of("D:/PD", "Madoguchi", "madoguchi.properties"));

        Path machine = dir.resolve("etc/madoguchi.properties");
        Configuration.writeMachineFile(machine, List.of("--set", "central.url=https://central.example:9443", "--set", "office.code=271004"));
        Configuration.writeMachineFile(machine, List.of("--set", "log.level=WARN"));
        Properties written = new Properties();
        try (var r = Files.newBufferedReader(machine)) {
            written.load(r);
        }
        assertThat(written).containsOnlyKeys("central.url", "office.code", "log.level");
        Configuration c = Configuration.load(machine, dir.resolve("none"), List.of(), new Properties());
        assertThat(c.get("office.code")).isEqualTo("271004");
        assertThat(c.origin("office.code")).isEqualTo(machine.toString());
        assertThatThrownBy(() -> Configuration.writeMachineFile(machine, List.of("--set", "centralurl=x")))
                .hasMessageContaining("centralurl");
        assertThat(Configuration.load(machine, dir.resolve("none"), List.of(), new Properties()).get("log.level")).isEqualTo("WARN");
    }
}
