package jp.madoguchi.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleFinder;
import java.time.LocalDate;
import java.time.chrono.JapaneseDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class RuntimeModulesTest {

    @Test
    void the_build_jdk_has_every_module_the_runtime_needs() {
        assertThat(RuntimeModules.missingFrom(ModuleFinder.ofSystem())).isEmpty();
    }

    @Test
    void an_empty_runtime_lacks_them_all() {
        assertThat(RuntimeModules.missingFrom(ModuleFinder.of())).containsExactlyElementsOf(RuntimeModules.REQUIRED);
    }

    @Test
    void japanese_era_names_need_jdk_localedata() {
        // The reason jdk.localedata is on the list: without it this prints "Reiwa".
        String era = DateTimeFormatter.ofPattern("GGGG", Locale.JAPAN).format(JapaneseDate.from(LocalDate.of(2026, 11, 25)));
        assertThat(era).isEqualTo("令和");
    }
}
