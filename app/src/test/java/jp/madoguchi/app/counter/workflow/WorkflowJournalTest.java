package jp.madoguchi.app.counter.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import jp.madoguchi.common.MadoguchiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkflowJournalTest {

    @TempDir
    Path dir;

    @Test
    void savesReplacesListsAndForgets() {
        WorkflowJournal j = new WorkflowJournal(dir);
        String id = "delivery-0190aaaa-0000-7000-8000-000000000001";
        j.save(id, Map.of("step", "PINS", "serial", "100000000000001"));
        j.save(id, Map.of("step", "ACTIVATE", "serial", "100000000000001", "name", "試験　花子"));
        assertThat(j.load(id)).contains(Map.of("step", "ACTIVATE", "serial", "100000000000001", "name", "試験　花子"));
        assertThat(j.interrupted("delivery-")).containsExactly(id);
        assertThat(j.interrupted("renewal-")).isEmpty();
        assertThat(dir).isDirectoryNotContaining("glob:**.tmp");
        j.remove(id);
        assertThat(j.load(id)).isEmpty();
        assertThat(j.interrupted("delivery-")).isEmpty();
    }

    @Test
    void anUnreadableFileIsCodedAndAForeignIdIsRefused() throws Exception {
        WorkflowJournal j = new WorkflowJournal(dir);
        String id = "renewal-0190aaaa-0000-7000-8000-000000000002";
        Files.writeString(dir.resolve(id + ".properties"), "broken=\\u12");
        assertThatThrownBy(() -> j.load(id)).isInstanceOf(MadoguchiException.class).hasMessageContaining("MDG-FLOW-003");
        assertThatThrownBy(() -> j.save("../escape", Map.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
