package jp.madoguchi.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import jp.madoguchi.app.selfcheck.RuntimeModules;
import org.junit.jupiter.api.Test;

class PackageLayoutTest {

    private final PackageLayout layout = new PackageLayout("in", "app.jar", "res", "work", "0.1.0");

    @Test
    void jlink_links_every_required_module_and_nothing_to_debug_with() {
        List<String> args = layout.jlinkArgs();
        assertThat(args.get(args.indexOf("--add-modules") + 1).split(","))
                .containsExactlyElementsOf(RuntimeModules.REQUIRED)
                .contains("java.smartcardio", "jdk.localedata", "jdk.crypto.ec", "java.net.http");
        assertThat(args).contains("--strip-debug", "--no-man-pages").containsSequence("--output", "work/runtime");
    }

    @Test
    void the_deb_gets_our_control_file_desktop_entry_and_launcher_class() {
        List<String> deb = layout.jpackageArgs("deb");
        assertThat(deb).containsSequence("--resource-dir", "res").containsSequence("--main-class", PackageLayout.MAIN_CLASS)
                .containsSequence("--runtime-image", "work/runtime").contains("--linux-shortcut");
        assertThat(layout.jpackageArgs("app-image")).doesNotContain("--resource-dir", "--linux-shortcut");
    }

    @Test
    void the_launcher_names_the_archive_postinst_makes_and_the_recording_run_writes_the_list_it_is_made_from() {
        assertThat(layout.jpackageArgs("deb")).containsSequence("--java-options", "-XX:SharedArchiveFile=$APPDIR/madoguchi.jsa");
        List<String> record = layout.recordArgs(List.of("z.jar", "app.jar", "b.jar"), "data");
        assertThat(record.get(0)).as("the linked runtime, not the build's JDK").isEqualTo("work/runtime/bin/java");
        assertThat(record).contains("-XX:DumpLoadedClassList=in/madoguchi.classlist")
                .containsSequence("-cp", "in/app.jar:in/b.jar:in/z.jar", PackageLayout.MAIN_CLASS)
                .containsSequence("--set", "training.mode=true").containsSequence("--set", "data.dir=data");
    }
}
