package jp.madoguchi.app.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import jp.madoguchi.app.counter.domain.AuthorityProof;
import jp.madoguchi.app.counter.domain.CertKind;
import jp.madoguchi.app.counter.domain.CollectedItem;
import jp.madoguchi.app.counter.domain.DocumentType;
import jp.madoguchi.app.counter.domain.IdentityCheck;
import jp.madoguchi.app.counter.domain.IdentityDocument;
import jp.madoguchi.app.counter.domain.LegalRepresentative;
import jp.madoguchi.app.counter.domain.PersonName;
import jp.madoguchi.app.counter.domain.PinType;
import jp.madoguchi.app.counter.domain.PossessionProof;
import jp.madoguchi.app.counter.domain.ProxyPaperwork;
import jp.madoguchi.app.counter.domain.VisitorType;
import jp.madoguchi.app.counter.rules.Notice;
import jp.madoguchi.app.counter.rules.ValidityRules;
import jp.madoguchi.app.counter.workflow.CardRecord;
import jp.madoguchi.app.counter.workflow.CounterStation;
import jp.madoguchi.app.counter.workflow.DeliveryWorkflow;
import jp.madoguchi.app.counter.workflow.IssuanceWorkflow;
import jp.madoguchi.app.counter.workflow.OldCardCollectionWorkflow;
import jp.madoguchi.app.counter.workflow.PinChangeWorkflow;
import jp.madoguchi.app.counter.workflow.PinResetWorkflow;
import jp.madoguchi.app.counter.workflow.RenewalWorkflow;
import jp.madoguchi.app.counter.workflow.SuspensionLiftWorkflow;
import jp.madoguchi.app.counter.workflow.Workflow;
import jp.madoguchi.app.staff.StaffAccount;
import jp.madoguchi.app.staff.StaffRole;
import jp.madoguchi.app.station.CounterServices;
import jp.madoguchi.cache.CacheStore;
import jp.madoguchi.cache.LinkState;
import jp.madoguchi.cache.OutboxEntry;
import jp.madoguchi.cache.ReadCache;
import jp.madoguchi.cache.SyncEngine;
import jp.madoguchi.cache.SyncSettings;
import jp.madoguchi.card.CardMonitor;
import jp.madoguchi.common.Configuration;
import jp.madoguchi.common.MadoguchiException;

/**
 * {@code ./mado demo --script delivery|pin-reset|pin-change|renewal|issuance|suspension-lift|old-card [--offline]}:
 * one workflow headless, end to end, against a fresh emulated card and the local central system,
 * printing each step (the scripts after delivery first deliver their fresh card). A smoke test
 * anyone can run from outside the code. The caller (mado) starts central, enrols a fresh terminal and
 * makes fresh cards; this class does the counter's part with the scripted "resident" inputs.
 *
 * <p>Options: {@code --script NAME --enrolment DIR --cards DIR --data DIR [--offline]
 * [--central https://127.0.0.1:8443] [--admin http://127.0.0.1:8444] [--card-command "./mado card insert"]}.
 * Needs pcscd with vpcd (the card goes into "Virtual PCD 00 00" through the card command).
 * Exit 0 when the workflow ended as the script expects (done; or, for the online-only renewal,
 * issuance and suspension lift offline, refused with MDG-SYNC-001 before the card was touched), 1
 * otherwise, 2 on bad usage.
 */
public final class DemoScript {

    private static final String OFFICE = "131016";
    private static final String READER = "Virtual PCD 00 00";
    /** The scripts, in the order {@code mado help} lists them. */
    static final List<String> SCRIPTS = List.of("delivery", "pin-reset", "pin-change", "renewal", "issuance", "suspension-lift",
            "old-card");

    private final Map<String, String> o;
    private final boolean offline;
    private LocalDate birthDate = LocalDate.of(1980, 1, 1);

    private DemoScript(Map<String, String> options) {
        this.o = options;
        this.offline = options.containsKey("--offline");
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--offline")) {
                o.put("--offline", "true");
            } else if (args[i].startsWith("--") && i + 1 < args.length) {
                o.put(args[i], args[++i]);
            } else {
                System.err.println("demo script: unexpected argument " + args[i]);
                System.exit(2);
            }
        }
        for (String required : List.of("--script", "--enrolment", "--cards", "--data")) {
            if (!o.containsKey(required)) {
                System.err.println("demo script: " + required + " is required");
                System.exit(2);
            }
        }
        if (!SCRIPTS.contains(o.get("--script"))) {
            System.err.println("demo script: --script must be one of " + String.join(", ", SCRIPTS));
            System.exit(2);
        }
        boolean ok;
        try {
            ok = new DemoScript(o).run();
        } catch (MadoguchiException e) {
            System.out.println("FAILED " + e.code() + ": " + e.clerkMessage(Locale.ENGLISH));
            ok = false;
        }
        System.exit(ok ? 0 : 1);
    }

    private boolean run() throws Exception {
        String script = o.get("--script");
        Path enrolment = Path.of(o.get("--enrolment"));
        Path data = Path.of(o.get("--data"));
        URI central = URI.create(o.getOrDefault("--central", "https://127.0.0.1:8443"));
        say("workstation data: %s; central: %s; %s", data, central, offline ? "central will be cut off (--offline)" : "online");
        // The same composition root as the workstation, on this run's enrolment and data directory.
        Configuration config = Configuration.load(List.of("--set", "data.dir=" + data, "--set", "central.url=" + central,
                "--set", "central.keystore=" + enrolment.resolve("workstation.p12"),
                "--set", "central.truststore=" + enrolment.resolve("central-ca.pem"), "--set", "office.code=" + OFFICE,
                "--set", "office.type=MUNICIPAL", "--set", "terminal.id=demo", "--set", "reader.provider=pcsc",
                "--set", "reader.name=" + READER, "--set", "training.mode=false"));
        try (CounterServices services = CounterServices.open(config, Clock.systemUTC(),
                SyncSettings.defaults().withBackoff(Duration.ofMillis(50), Duration.ofSeconds(1))
                        .withIntervals(Duration.ofMillis(300), Duration.ofMillis(200)))) {
            CounterStation station = services.forStaff(new StaffAccount("DEMO01", "窓口 デモ", StaffRole.CLERK, 0, null));
            SyncEngine engine = station.sync();
            CacheStore store = station.store();
            ReadCache cache = station.cache();
            await("the link to central and the office feed", () -> engine.link() == LinkState.ONLINE && cache.refreshedAt() != null);
            boolean withoutCertificates = script.equals("renewal") || script.equals("issuance");
            List<Path> profiles = pickCards(cache, withoutCertificates, script.equals("old-card") ? 2 : 1);
            Path profile = profiles.get(profiles.size() - 1);
            String serial = serialOf(profile);
            birthDate = CardRecord.load(cache, OFFICE, serial).birthDate();
            List<String> cardCommand = List.of(o.getOrDefault("--card-command", "./mado card insert").split(" "));
            try {
                if (script.equals("old-card")) {
                    // The holder's previous card, delivered earlier (and in use until it is handed in).
                    Path old = profiles.get(0);
                    say("previous card %s (delivered first, so that central has it ACTIVE)", masked(serialOf(old)));
                    try (CardProcess card = new CardProcess(cardCommand, data.resolve("card-old.log"))) {
                        card.insert(station.monitor(), old);
                        LocalDate holderBirth = birthDate;
                        birthDate = CardRecord.load(cache, OFFICE, serialOf(old)).birthDate();
                        if (!delivery(station, serialOf(old), engine, store, false) || !awaitActive(cache, serialOf(old))) {
                            return false;
                        }
                        birthDate = holderBirth;
                    }
                    awaitNoCard(station.monitor());
                }
                say("fresh card %s from %s", masked(serial), profile.getFileName());
                try (CardProcess card = new CardProcess(cardCommand, data.resolve("card.log"))) {
                    card.insert(station.monitor(), profile);
                    say("card inserted into %s", READER);
                    return switch (script) {
                        case "delivery" -> delivery(station, serial, engine, store, offline);
                        case "pin-reset" -> delivery(station, serial, engine, store, false) && awaitActive(cache, serial)
                                && pinReset(station, engine, store);
                        case "pin-change" -> delivery(station, serial, engine, store, false) && awaitActive(cache, serial)
                                && pinChange(station, engine, store);
                        case "issuance" -> delivery(station, serial, engine, store, false) && awaitActive(cache, serial)
                                && issuance(station, engine, store);
                        case "suspension-lift" -> delivery(station, serial, engine, store, false) && awaitActive(cache, serial)
                                && suspensionLift(station, engine, cache, serial);
                        case "old-card" -> delivery(station, serial, engine, store, false) && awaitActive(cache, serial)
                                && oldCard(station, engine, store, cache, serial, serialOf(profiles.get(0)));
                        default -> delivery(station, serial, engine, store, false) && awaitActive(cache, serial)
                                && renewal(station, engine, store);
                    };
                }
            } finally {
                if (offline) {
                    partition(false);
                }
            }
        }
    }

    private boolean delivery(CounterStation station, String serial, SyncEngine engine, CacheStore store, boolean cut) throws Exception {
        say("— delivery (交付) —");
        if (cut) {
            cutOff(engine);
        }
        DeliveryWorkflow w = DeliveryWorkflow.start(station, serial, visitor());
        if (!report(w)) {
            return false;
        }
        w.identity(passport());
        say("identity: passport (ID_A) and face check → %s", w.step());
        w.cardPresented();
        if (!report(w)) {
            return false;
        }
        say("card read: it is the selected card → %s", w.step());
        w.collected(List.of(new CollectedItem(CollectedItem.Kind.DELIVERY_NOTICE, CollectedItem.Disposition.COLLECTED, Optional.empty(), false),
                new CollectedItem(CollectedItem.Kind.NOTIFICATION_CARD, CollectedItem.Disposition.COLLECTED, Optional.empty(), false)));
        say("collected: 交付通知書, 通知カード → %s", w.step());
        while (w.pinToSet().isPresent()) {
            PinType t = w.pinToSet().get();
            w.newPin(pin(t), pin(t));
            if (!report(w)) {
                return false;
            }
            say("PIN %s entered twice and set on the card (counter-authenticated session)", t);
        }
        w.proceed();
        if (!report(w)) {
            return false;
        }
        DeliveryWorkflow.Receipt r = w.receipt().orElseThrow();
        say("life cycle OPERATIONAL; recorded as seq %d (opId %s), %s", r.seq(), r.opId(), r.queuedOffline() ? "queued" : "sent");
        notices(w.notices());
        return settle(engine, store, r.seq(), cut);
    }

    private boolean pinReset(CounterStation station, SyncEngine engine, CacheStore store) throws Exception {
        say("— PIN reset (暗証番号の初期化・再設定) —");
        if (offline) {
            cutOff(engine);
        }
        PinResetWorkflow w = PinResetWorkflow.start(station, visitor());
        w.cardPresented();
        if (!report(w)) {
            return false;
        }
        say("card read; tries left per PIN: %s", w.triesLeft());
        w.choose(Set.of(PinType.AUTH, PinType.CARD_TEXT), PinResetWorkflow.Reason.FORGOTTEN);
        w.identity(passport());
        if (!report(w)) {
            return false;
        }
        while (w.pinToSet().isPresent()) {
            PinType t = w.pinToSet().get();
            w.newPin("3141".toCharArray(), "3141".toCharArray());
            if (!report(w)) {
                return false;
            }
            say("PIN %s reset on the card", t);
        }
        PinResetWorkflow.Receipt r = w.receipt().orElseThrow();
        say("recorded as seq %d (opId %s), %s", r.seq(), r.opId(), r.queuedOffline() ? "queued" : "sent");
        notices(w.notices());
        return settle(engine, store, r.seq(), offline);
    }

    private boolean renewal(CounterStation station, SyncEngine engine, CacheStore store) throws Exception {
        say("— certificate renewal / issuance (電子証明書) —");
        if (offline) {
            cutOff(engine);
        }
        RenewalWorkflow w = RenewalWorkflow.start(station, visitor());
        if (w.finished()) {
            return refusedOfflineAsExpected(w);
        }
        w.cardPresented();
        if (!report(w)) {
            return false;
        }
        w.choose(Set.of(CertKind.AUTH), false);
        if (!report(w)) {
            return false;
        }
        say("plan: %s", w.plans());
        for (PinType t : w.pinsToVerify()) {
            w.currentPin(t, pin(t));
            if (!report(w)) {
                return false;
            }
            say("current PIN %s verified on the card", t);
        }
        w.identity(passport());
        w.proceed();
        if (!report(w)) {
            return false;
        }
        for (RenewalWorkflow.Written c : w.receipt().orElseThrow().certificates()) {
            say("%s: key generated on the card, CSR signed by the pending key, certificate %s (notAfter %s) from central's CA, "
                    + "staged write + ACTIVATE; recorded %s as seq %d", c.kind(), c.certSerialHex(), c.notAfter(), c.type(), c.seq());
            if (!settle(engine, store, c.seq(), false)) {
                return false;
            }
        }
        notices(w.notices());
        return true;
    }

    private boolean pinChange(CounterStation station, SyncEngine engine, CacheStore store) throws Exception {
        say("— PIN change (暗証番号変更) —");
        if (offline) {
            cutOff(engine);
        }
        PinChangeWorkflow w = PinChangeWorkflow.start(station, visitor());
        w.cardPresented();
        if (!report(w)) {
            return false;
        }
        w.choose(Set.of(PinType.AUTH));
        w.identity(passport());
        if (!report(w)) {
            return false;
        }
        say("identity: passport (ID_A) and face check; changing the %s PIN", PinType.AUTH);
        w.currentPin("0000".toCharArray());
        MadoguchiException wrong = w.failure().orElseThrow(() -> new IllegalStateException("a wrong current PIN was accepted"));
        say("a wrong current PIN is refused on the card: %s %s", wrong.code(), wrong.clerkMessage(Locale.ENGLISH));
        w.currentPin(pin(PinType.AUTH));
        if (!report(w)) {
            return false;
        }
        say("current PIN verified on the card (and its try counter back at 3)");
        w.newPin("1618".toCharArray(), "1618".toCharArray());
        if (!report(w)) {
            return false;
        }
        PinChangeWorkflow.Receipt r = w.receipt().orElseThrow();
        say("new PIN entered twice and written to the card; recorded PIN_CHANGED as seq %d (opId %s), %s", r.seq(), r.opId(),
                r.queuedOffline() ? "queued" : "sent");
        notices(w.notices());
        return settle(engine, store, r.seq(), offline);
    }

    private boolean issuance(CounterStation station, SyncEngine engine, CacheStore store) throws Exception {
        say("— new certificate issuance (電子証明書の新規発行) —");
        if (offline) {
            cutOff(engine);
        }
        IssuanceWorkflow w = IssuanceWorkflow.start(station, visitor());
        if (w.finished()) {
            return refusedOfflineAsExpected(w);
        }
        w.cardPresented();
        if (!report(w)) {
            return false;
        }
        boolean sign = !ValidityRules.isUnder15(birthDate, LocalDate.now(ValidityRules.JST));
        w.choose(sign ? Set.of(CertKind.SIGN, CertKind.AUTH) : Set.of(CertKind.AUTH), false);
        if (!report(w)) {
            return false;
        }
        say("kinds to issue: %s (the card was made without certificates)", w.kinds());
        w.jukiPin(pin(PinType.JUKI));
        w.identity(passport());
        if (!report(w)) {
            return false;
        }
        while (w.pinToSet().isPresent()) {
            PinType t = w.pinToSet().get();
            w.newPin(pin(t), pin(t));
            if (!report(w)) {
                return false;
            }
            say("PIN %s was never set on this card: entered twice and set", t);
        }
        w.proceed();
        if (!report(w)) {
            return false;
        }
        for (RenewalWorkflow.Written c : w.receipt().orElseThrow().certificates()) {
            say("%s: key generated on the card, CSR to central's CA, certificate %s (notAfter %s) written and activated; "
                    + "recorded %s as seq %d", c.kind(), c.certSerialHex(), c.notAfter(), c.type(), c.seq());
            if (!settle(engine, store, c.seq(), false)) {
                return false;
            }
        }
        notices(w.notices());
        return true;
    }

    private boolean suspensionLift(CounterStation station, SyncEngine engine, ReadCache cache, String serial) throws Exception {
        say("— suspension lift (一時停止解除) —");
        admin("/admin/cards/" + serial + "/suspend");
        say("the resident called the 24-hour line: central suspended the card");
        await("the office feed to show the card SUSPENDED", () -> {
            engine.wake();
            return cache.card(serial).map(c -> c.status().equals("SUSPENDED")).orElse(false);
        });
        say("the workstation's read cache has the card SUSPENDED");
        if (offline) {
            cutOff(engine);
        }
        SuspensionLiftWorkflow w = SuspensionLiftWorkflow.start(station, visitor());
        if (w.finished()) {
            return refusedOfflineAsExpected(w);
        }
        w.cardPresented();
        if (!report(w)) {
            return false;
        }
        w.jukiPin(pin(PinType.JUKI));
        if (!report(w)) {
            return false;
        }
        say("住基用 PIN verified on the card (proof of possession, PR-14)");
        w.identity(passport());
        w.proceed();
        if (!report(w)) {
            return false;
        }
        SuspensionLiftWorkflow.Receipt r = w.receipt().orElseThrow();
        say("recorded SUSPENSION_LIFTED as seq %d (opId %s); online-only, sent at once", r.seq(), r.opId());
        await("central's answer", () -> w.centralOutcome().isPresent());
        say("central's answer: %s", w.centralOutcome().orElseThrow());
        await("the office feed to show the card ACTIVE again", () -> {
            engine.wake();
            return cache.card(serial).map(c -> c.status().equals("ACTIVE")).orElse(false);
        });
        say("card ACTIVE again; %s", w.signToIssue()
                ? "central revoked the signing certificate: offer a free new issuance (PR-38)" : "no signing certificate to reissue");
        return w.centralOutcome().orElseThrow().startsWith("APPLIED");
    }

    private boolean oldCard(CounterStation station, SyncEngine engine, CacheStore store, ReadCache cache, String holderSerial,
                            String oldSerial) throws Exception {
        say("— old-card collection (旧カード等の回収) —");
        if (offline) {
            cutOff(engine);
        }
        OldCardCollectionWorkflow w = OldCardCollectionWorkflow.start(station, holderSerial, visitor());
        if (!report(w)) {
            return false;
        }
        w.identity(passport());
        if (!report(w)) {
            return false;
        }
        say("identity: passport (ID_A)");
        w.collected(List.of(new CollectedItem(CollectedItem.Kind.PREVIOUS_MY_NUMBER_CARD, CollectedItem.Disposition.COLLECTED,
                        Optional.of(oldSerial), false),
                new CollectedItem(CollectedItem.Kind.NOTIFICATION_CARD, CollectedItem.Disposition.DECLARED_LOST, Optional.empty(), true)));
        if (!report(w)) {
            return false;
        }
        OldCardCollectionWorkflow.Receipt r = w.receipt().orElseThrow();
        say("collected the previous card %s, 通知カード declared lost (signed): two OLD_CARD_COLLECTED in one transaction, "
                + "from seq %d, %s", masked(oldSerial), r.seq(), r.queuedOffline() ? "queued" : "sent");
        notices(w.notices());
        if (!settle(engine, store, r.seq(), offline)) {
            return false;
        }
        await("the office feed to show the previous card REVOKED", () -> {
            engine.wake();
            return cache.card(oldSerial).map(c -> c.status().equals("REVOKED")).orElse(false);
        });
        say("central revoked the previous card (its feed says REVOKED); the new card stays %s",
                cache.card(holderSerial).map(c -> c.status()).orElse("?"));
        return true;
    }

    /** An online-only workflow started offline: the expected end is MDG-SYNC-001 before the card was read. */
    private boolean refusedOfflineAsExpected(Workflow<?> w) {
        boolean expected = offline && w.failure().map(f -> f.code().equals("MDG-SYNC-001")).orElse(false);
        report(w);
        say(expected ? "as expected offline: refused before the card was read or written; nothing queued" : "unexpected");
        return expected;
    }

    private boolean report(Workflow<?> w) {
        if (w.failure().isPresent()) {
            MadoguchiException f = w.failure().get();
            say("REFUSED %s: %s / %s", f.code(), f.clerkMessage(Locale.JAPANESE), f.clerkMessage(Locale.ENGLISH));
            return false;
        }
        return true;
    }

    private static void notices(List<Notice> notices) {
        for (Notice n : notices) {
            say("tell the resident: %s / %s", n.message(Locale.JAPANESE), n.message(Locale.ENGLISH));
        }
    }

    private boolean settle(SyncEngine engine, CacheStore store, long seq, boolean wasCut) throws Exception {
        if (wasCut) {
            say("queue depth while central is unreachable: %d (「未送信」)", store.summary().depth());
            partition(false);
            say("central reachable again");
        }
        OutboxEntry e = engine.awaitSettled(seq, Duration.ofSeconds(30));
        say("central's answer for seq %d: %s %s", seq, e.state(), e.outcome() == null ? "" : e.outcome());
        return e.outcome() != null && e.outcome().startsWith("APPLIED");
    }

    private void cutOff(SyncEngine engine) throws Exception {
        partition(true);
        await("the link to go OFFLINE", () -> engine.link() == LinkState.OFFLINE);
        say("central unreachable (partition injected at %s); link %s", adminUrl(), engine.link());
    }

    private void partition(boolean on) throws IOException, InterruptedException {
        URI admin = URI.create(adminUrl() + "/admin/faults");
        HttpRequest r = on
                ? HttpRequest.newBuilder(admin).PUT(HttpRequest.BodyPublishers.ofString("{\"partition\":true}")).build()
                : HttpRequest.newBuilder(admin).DELETE().build();
        send(r);
    }

    /** A POST to central's admin port (e.g. the 24-hour line suspending a card). */
    private void admin(String path) throws IOException, InterruptedException {
        send(HttpRequest.newBuilder(URI.create(adminUrl() + path)).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    private String adminUrl() {
        return o.getOrDefault("--admin", "http://127.0.0.1:8444");
    }

    private static void send(HttpRequest r) throws IOException, InterruptedException {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(r, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (answer.statusCode() / 100 != 2) {
            throw new IOException("central admin port answered " + answer.statusCode() + " to " + r.uri().getPath());
        }
    }

    /** Waits until the reader is empty after a card process ended, and the emulator's re-insertion gap. */
    private static void awaitNoCard(CardMonitor monitor) throws InterruptedException {
        await("the previous card to leave the reader", () -> monitor.state(READER) != jp.madoguchi.card.ReaderState.CARD_PRESENT);
        Thread.sleep(1200);
    }

    private static String masked(String serial) {
        return serial.substring(0, 4) + "…" + serial.substring(serial.length() - 4);
    }

    private static boolean awaitActive(ReadCache cache, String serial) throws InterruptedException {
        await("central's feed to show the card ACTIVE", () -> cache.card(serial).map(c -> c.status().equals("ACTIVE")).orElse(false));
        return true;
    }

    /** {@code count} fresh undelivered cards (PINs not preset), with or without certificates. */
    private List<Path> pickCards(ReadCache cache, boolean withoutCertificates, int count) throws IOException, InterruptedException {
        Path dir = Path.of(o.get("--cards"));
        await("the fresh cards in the office feed", () -> {
            try (Stream<Path> files = Files.list(dir)) {
                return files.anyMatch(p -> cache.card(serialOf(p)).isPresent());
            } catch (IOException e) {
                return false;
            }
        });
        List<Path> picked = new java.util.ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.sorted().toList()) {
                com.fasterxml.jackson.databind.JsonNode profile = new com.fasterxml.jackson.databind.ObjectMapper().readTree(p.toFile());
                boolean preset = profile.path("pins").path("AUTH").path("value").isTextual();
                boolean noCerts = profile.path("certificates").path("auth").isNull();
                boolean undelivered = cache.card(serialOf(p)).map(c -> c.status().equals("ISSUED")).orElse(false);
                if (undelivered && !preset && noCerts == withoutCertificates && picked.size() < count) {
                    picked.add(p);
                }
            }
        }
        if (picked.size() < count) {
            throw new IllegalStateException("not enough suitable fresh cards in " + dir
                    + (withoutCertificates ? " (ones without certificates)" : ""));
        }
        return picked;
    }

    private static String serialOf(Path profile) {
        String name = profile.getFileName().toString();
        return name.substring("card-".length(), name.length() - ".json".length());
    }

    /** The scripted visit: the holder with a passport; a holder under 15 comes with a parent of the same household. */
    private IdentityCheck passport() {
        IdentityDocument passport = IdentityDocument.classA(DocumentType.PASSPORT, LocalDate.now().plusYears(2));
        Set<PossessionProof> proofs = Set.of(PossessionProof.CARD_PRESENTED, PossessionProof.FACE_CHECKED);
        if (visitor() == VisitorType.HOLDER) {
            return IdentityCheck.holder(List.of(passport), proofs);
        }
        return new IdentityCheck(VisitorType.HOLDER_WITH_LEGAL_REP, List.of(passport), List.of(passport), proofs,
                Optional.of(new LegalRepresentative(new PersonName("デモ　保護者"),
                        AuthorityProof.of(AuthorityProof.Kind.NOT_NEEDED_SAME_HOUSEHOLD), false)), ProxyPaperwork.none());
    }

    private VisitorType visitor() {
        return ValidityRules.isUnder15(birthDate, LocalDate.now(ValidityRules.JST)) ? VisitorType.HOLDER_WITH_LEGAL_REP : VisitorType.HOLDER;
    }

    /** The scripted resident's PINs (synthetic; the demo card is fresh every run). */
    private static char[] pin(PinType t) {
        return (t == PinType.SIGN ? "DEMO2026" : "2718").toCharArray();
    }

    private static void say(String format, Object... args) {
        System.out.println("demo: " + String.format(format, args));
    }

    private static void await(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    /**
     * The emulated card in pcscd's virtual reader, put in by a child process ({@code --card-command}, by
     * default {@code ./mado card insert}), so the product code never links the emulator (ArchUnit: only
     * training mode may). Closing pulls the card (the child's SIGTERM).
     */
    private static final class CardProcess implements AutoCloseable {
        private final List<String> command;
        private final Path log;
        private Process card;

        CardProcess(List<String> command, Path log) {
            this.command = command;
            this.log = log;
        }

        void insert(CardMonitor monitor, Path profile) throws Exception {
            if (!monitor.serviceAvailable()) {
                Thread.sleep(500);
            }
            List<String> cmd = new java.util.ArrayList<>(command);
            cmd.add(profile.toString());
            Files.createDirectories(log.getParent());
            card = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            monitor.awaitCard(READER, Duration.ofSeconds(20));
        }

        @Override
        public void close() {
            if (card != null) {
                card.destroy();
                try {
                    card.waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
