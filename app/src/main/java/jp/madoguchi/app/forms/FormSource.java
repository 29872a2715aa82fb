package jp.madoguchi.app.forms;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import jp.madoguchi.app.counter.rules.ValidityRules;
import jp.madoguchi.app.counter.workflow.CardRecord;
import jp.madoguchi.app.counter.workflow.CounterStation;
import jp.madoguchi.app.staff.StaffAccount;
import jp.madoguchi.app.staff.StaffDirectory;
import jp.madoguchi.cache.LocalSyncState;
import jp.madoguchi.cache.OutboxEntry;
import jp.madoguchi.common.CounterFailure;
import jp.madoguchi.common.MadoguchiException;
import jp.madoguchi.reports.model.FormHeader;
import jp.madoguchi.reports.model.Holder;

/**
 * What a form of one recorded act prints besides the workflow's receipt: the act as the store holds it
 * (operation id, seq, time, whether central acknowledged it), the card's record and its holder as the
 * read cache holds them (CARD_SHIPPED's resident summary, names exactly as received), and who printed
 * it where, and who approved it. Immutable.
 *
 * @param supervisorId    the supervisor who approved the act (its sealed payload's {@code approval}), or null
 * @param supervisorName  their name from the staff directory, their id when the directory no longer has them, or null
 * @param foreignResident the holder is a foreign resident: a form the resident takes home is printed in English
 */
public record FormSource(UUID opId, long seq, LocalDateTime at, boolean synced, String officeName, String officeCode,
                         String workstationId, String clerkName, String clerkId, String supervisorId, String supervisorName,
                         boolean training, String cardSerial, CardRecord card, Holder holder, boolean foreignResident) {

    /**
     * Staff names by staff id, as the staff directory of this workstation holds them. Called on the
     * worker that loads the form.
     */
    @FunctionalInterface
    public interface StaffNames {
        Optional<String> nameOf(String staffId);

        /** The accounts provisioned in {@code directory} (an in-memory read; the directory is thread-safe). */
        static StaffNames of(StaffDirectory directory) {
            return id -> directory.accounts().stream().filter(a -> a.staffId().equals(id)).map(StaffAccount::displayName)
                    .findFirst();
        }
    }

    /**
     * Reads the act of {@code seq} from the store and its card's record and holder from the read cache;
     * the clerk's and the approving supervisor's names come from {@code names} (the signed-in clerk's
     * own name when the directory lacks them; otherwise the staff id is printed).
     * Blocking (the store's writer thread, the cache): call it on a worker, never on the FX thread.
     * MDG-CARD-010 when the cache no longer has the card; MDG-REPORT-002 when the holder's name is missing.
     */
    public static FormSource load(CounterStation station, long seq, String workstationId, boolean training, StaffNames names) {
        List<OutboxEntry> entries = station.store().entries(seq, 1);
        if (entries.isEmpty() || entries.get(0).seq() != seq) {
            throw new IllegalStateException("no recorded act with seq " + seq);
        }
        OutboxEntry act = entries.get(0);
        JsonNode details = station.store().details(act.seq());
        String serial = details == null ? "" : details.path("cardSerial").asText("");
        Resident resident = Resident.of(station, serial);
        CardRecord card = resident.card();
        Holder holder = resident.holder();
        boolean foreign = resident.foreignResident();
        // The act keeps staff ids only: names come from the directory; the signed-in clerk's own name
        // serves when the directory lacks it, and anyone else unknown prints by id.
        String clerkName = act.clerkId() == null ? null : names.nameOf(act.clerkId())
                .orElse(act.clerkId().equals(station.staff().staffId()) ? station.staff().name() : act.clerkId());
        // The approval is part of the sealed payload (CounterWorkflow.act), which the audit hash covers.
        String supervisorId = details == null ? null : text(details.path("approval"), "supervisorId");
        String supervisorName = supervisorId == null ? null : names.nameOf(supervisorId).orElse(supervisorId);
        return new FormSource(act.opId(), act.seq(), LocalDateTime.ofInstant(act.occurredAt(), ValidityRules.JST),
                act.state() == LocalSyncState.ACKED, station.office().name(), station.office().code(), workstationId,
                clerkName, act.clerkId(), supervisorId, supervisorName, training, serial, card, holder, foreign);
    }

    /**
     * A card's record and its holder as the read cache holds them: CARD_SHIPPED's resident summary (names
     * exactly as received, never normalised), the birth date from the card's record when the summary has
     * none, and the registered address and postal code when the feed carried them (null otherwise).
     *
     * @param foreignResident the holder is a foreign resident
     */
    public record Resident(CardRecord card, Holder holder, boolean foreignResident, String address, String postalCode) {

        /**
         * Reads {@code serial}'s record and holder from the cache. Blocking (the cache): call it on a worker.
         * MDG-CARD-010 when the cache no longer has the card; MDG-REPORT-002 when the holder's name is missing.
         */
        public static Resident of(CounterStation station, String serial) {
            List<JsonNode> events = station.cache().events(serial);
            CardRecord card = CardRecord.find(station.cache(), station.office().code(), serial, events)
                    .orElseThrow(() -> new MadoguchiException(CounterFailure.CARD_NOT_IN_STOCK, Map.of()));
            JsonNode resident = events.stream().filter(e -> e.path("type").asText().equals("CARD_SHIPPED"))
                    .map(e -> e.path("resident")).findFirst().orElse(null);
            Holder holder = new Holder(text(resident, "name"), text(resident, "nameFurigana"), text(resident, "nameRomaji"),
                    text(resident, "formerSurname"), text(resident, "formerSurnameFurigana"), text(resident, "alias"),
                    resident != null && resident.hasNonNull("birthDate") ? LocalDate.parse(resident.path("birthDate").asText())
                            : card.birthDate());
            boolean foreign = resident != null && resident.path("foreignResident").asBoolean(false);
            return new Resident(card, holder, foreign, text(resident, "address"), text(resident, "postalCode"));
        }
    }

    private static String text(JsonNode node, String field) {
        return node == null || !node.hasNonNull(field) ? null : node.path(field).asText();
    }

    /** The header every form carries (counter-rules §6): the approving supervisor, or none when the act needed no approval. */
    public FormHeader header() {
        return new FormHeader(officeName, officeCode, workstationId, clerkName, clerkId, supervisorName, opId.toString(), seq, at,
                synced, training);
    }
}
