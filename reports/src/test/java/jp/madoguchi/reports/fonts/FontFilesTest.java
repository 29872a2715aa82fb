package jp.madoguchi.reports.fonts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Random;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fonts bundled in a jar become one verified file, extracted once and reused; fonts in a directory are used in place. */
class FontFilesTest {

    @TempDir
    Path dir;

    @Test
    void a_font_in_a_jar_is_extracted_once_and_reused_by_later_jvms() throws Exception {
        byte[] font = new byte[300_000];
        new Random(7).nextBytes(font);
        Path jar = dir.resolve("fonts.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("x/fonts/test.ttf"));
            out.write(font);
            out.closeEntry();
        }
        Path extractDir = dir.resolve("data").resolve("fonts");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            Path first = new FontFiles(extractDir, loader).file("x/fonts/test.ttf");
            assertThat(first.getParent()).isEqualTo(extractDir);
            assertThat(first.getFileName().toString()).endsWith("-300000-test.ttf");
            assertThat(Files.readAllBytes(first)).isEqualTo(font);

            // Another JVM (another instance) finds the copy and does not write it again.
            FileTime written = FileTime.fromMillis(1_000_000_000_000L);
            Files.setLastModifiedTime(first, written);
            Path again = new FontFiles(extractDir, loader).file("x/fonts/test.ttf");
            assertThat(again).isEqualTo(first);
            assertThat(Files.getLastModifiedTime(again)).isEqualTo(written);

            // A copy cut short (a crash while someone else wrote it by hand) is replaced.
            try (OutputStream out = Files.newOutputStream(first)) {
                out.write(font, 0, 1000);
            }
            Path repaired = new FontFiles(extractDir, loader).file("x/fonts/test.ttf");
            assertThat(Files.readAllBytes(repaired)).isEqualTo(font);
            try (var left = Files.list(extractDir)) {
                assertThat(left.map(p -> p.getFileName().toString())).containsExactly(first.getFileName().toString());
            }
        }
    }

    @Test
    void a_data_directory_that_cannot_be_written_still_gives_a_complete_temporary_copy() throws Exception {
        byte[] font = new byte[50_000];
        new Random(11).nextBytes(font);
        Path jar = dir.resolve("fonts.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("x/fonts/test.ttf"));
            out.write(font);
            out.closeEntry();
        }
        // A file where the directory should be: no directory can be created there, whoever runs the test.
        Path blocked = Files.writeString(dir.resolve("data"), "not a directory");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            Path copy = new FontFiles(blocked.resolve("fonts"), loader).file("x/fonts/test.ttf");
            assertThat(copy.startsWith(blocked)).isFalse();
            assertThat(Files.readAllBytes(copy)).isEqualTo(font);
            Files.delete(copy);
        }
    }

    @Test
    void a_font_in_a_class_path_directory_is_used_where_it_lies() throws Exception {
        Path classes = Files.createDirectories(dir.resolve("classes").resolve("x"));
        Path font = Files.write(classes.resolve("plain.ttf"), new byte[] {0, 1, 0, 0});
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.resolve("classes").toUri().toURL()}, null)) {
            assertThat(new FontFiles(dir.resolve("unused"), loader).file("x/plain.ttf")).isEqualTo(font);
        }
        assertThat(dir.resolve("unused")).doesNotExist();
    }

    @Test
    void a_missing_font_says_which() throws Exception {
        try (URLClassLoader loader = new URLClassLoader(new URL[0], null)) {
            assertThatThrownBy(() -> new FontFiles(dir, loader).file("x/none.ttf"))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("x/none.ttf");
        }
    }
}
