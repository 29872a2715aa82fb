package jp.madoguchi.card;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import javax.smartcardio.CommandAPDU;
import jp.madoguchi.card.codec.Tlv;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Malformed card answers (truncated TLV, lengths beyond the data, absurd sizes, wrong DER, random
 * bytes, mutations of valid files) through every parser and the chunked EF reader: each either parses
 * or throws {@link MalformedResponseException} (or a {@link CardStatusException} for a bad status
 * word); never another exception, never a hang. 7 properties × 2,000 tries = 14,000 responses. A
 * mutated certificate that still parses answers every getter (they read what the parse decoded).
 */
class MalformedResponsePropertiesTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] EF0002 = HexFormat.of().parseHex(CardDataTest.EF0002.toLowerCase());
    private static final byte[] EF0001 = HEX.parseHex("ff100c313233343536373839303138ffff");
    private static final byte[] FACE = HEX.parseHex("ff3018df310406030e01df3204aabbccdddf330101df34053939393939df3500");
    private static final byte[] KEY = generateResponse();
    private static final byte[] CERTIFICATE = EmulatedCards.profile(EmulatedCards.Kind.DELIVERED).authCertificate();
    private static final List<Consumer<byte[]>> PARSERS = List.of(
            BasicInfo::parse, MyNumber::parse, CommonInfo::parse, CardFaceInfo::parse, TokenInfo::parse,
            CertificateInfo::parse, AdminSession::parsePublicKey, b -> Tlv.read(b, 0, b.length));

    private static byte[] generateResponse() {
        byte[] r = new byte[270];
        System.arraycopy(HEX.parseHex("7f4982010981820100"), 0, r, 0, 9);
        Arrays.fill(r, 9, 265, (byte) 0xA5);
        System.arraycopy(HEX.parseHex("8203010001"), 0, r, 265, 5);
        return r;
    }

    private static void onlyTypedFailures(Runnable parse) {
        try {
            parse.run();
        } catch (MalformedResponseException | CardStatusException expected) {
            assertThat(expected.code()).startsWith("MDG-READER-");
        }
    }

    @Property(tries = 2000)
    void random_bytes_through_every_parser(@ForAll("randomBytes") byte[] data) {
        for (Consumer<byte[]> parser : PARSERS) {
            onlyTypedFailures(() -> parser.accept(data.clone()));
        }
    }

    @Property(tries = 2000)
    void mutated_basic_info(@ForAll("mutationsOfBasicInfo") byte[] data) {
        onlyTypedFailures(() -> BasicInfo.parse(data));
    }

    @Property(tries = 2000)
    void mutated_my_number_and_card_face(@ForAll("mutationsOfSmallFiles") byte[] data) {
        onlyTypedFailures(() -> MyNumber.parse(data));
        onlyTypedFailures(() -> CardFaceInfo.parse(data));
    }

    @Property(tries = 2000)
    void mutated_public_keys(@ForAll("mutationsOfKey") byte[] data) {
        onlyTypedFailures(() -> AdminSession.parsePublicKey(data));
    }

    @Property(tries = 2000)
    void mutated_certificates(@ForAll("mutationsOfCertificate") byte[] data) {
        onlyTypedFailures(() -> {
            CertificateInfo info = CertificateInfo.parse(data);
            assertThat(info.subject()).isNotNull();
            assertThat(info.issuer()).isNotNull();
            assertThat(info.serialNumber()).isNotNull();
            assertThat(info.notBefore()).isBeforeOrEqualTo(info.notAfter());
            assertThat(info.publicKey()).isNotNull();
            assertThat(info.keyBits()).isNotNegative();
        });
    }

    @Property(tries = 2000)
    void absurd_tlv_headers(@ForAll("absurdHeaders") byte[] data) {
        onlyTypedFailures(() -> CertificateInfo.parse(data));
        onlyTypedFailures(() -> BasicInfo.parse(data));
    }

    /** A card whose EF holds {@code file} and whose READ BINARY answers may be cut short at random. */
    @Property(tries = 2000)
    void chunked_reads_of_malformed_files_end_with_a_typed_error(@ForAll("absurdHeaders") byte[] file,
                                                                 @ForAll("cuts") int cut) {
        ScriptedCard card = new ScriptedCard(command -> readBinary(file, command, cut));
        CardSession session = new CardSession(card, "fuzz");
        onlyTypedFailures(() -> CertificateInfo.parse(session.readTlvEf(0x0A, "fuzz")));
        assertThat(card.transmits).isLessThanOrEqualTo(129);
    }

    private static byte[] readBinary(byte[] file, CommandAPDU command, int cut) {
        if (command.getINS() != 0xB0) {
            return new byte[] {0x6D, 0x00};
        }
        int offset = (command.getP1() & 0x80) != 0 ? command.getP2() : (command.getP1() << 8) | command.getP2();
        if (offset >= file.length) {
            return new byte[] {0x6B, 0x00};
        }
        int n = Math.min(Math.min(command.getNe(), file.length - offset), cut);
        byte[] out = Arrays.copyOfRange(file, offset, offset + n + 2);
        out[n] = (byte) 0x90;
        out[n + 1] = 0x00;
        return out;
    }

    @Provide
    Arbitrary<Integer> cuts() {
        return Arbitraries.oneOf(Arbitraries.just(256), Arbitraries.integers().between(0, 256));
    }

    @Provide
    Arbitrary<byte[]> randomBytes() {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(0).ofMaxSize(600);
    }

    @Provide
    Arbitrary<byte[]> mutationsOfBasicInfo() {
        return mutations(EF0002);
    }

    @Provide
    Arbitrary<byte[]> mutationsOfSmallFiles() {
        return Arbitraries.oneOf(mutations(EF0001), mutations(FACE));
    }

    @Provide
    Arbitrary<byte[]> mutationsOfCertificate() {
        return mutations(CERTIFICATE);
    }

    @Provide
    Arbitrary<byte[]> mutationsOfKey() {
        return mutations(KEY);
    }

    /** Truncations, byte flips and overwritten length bytes of a valid file. */
    private static Arbitrary<byte[]> mutations(byte[] valid) {
        Arbitrary<byte[]> truncated = Arbitraries.integers().between(0, valid.length - 1)
                .map(n -> Arrays.copyOf(valid, n));
        Arbitrary<byte[]> flipped = Combinators.combine(Arbitraries.integers().between(0, valid.length - 1),
                Arbitraries.bytes()).as((i, b) -> {
                    byte[] copy = valid.clone();
                    copy[i] = b;
                    return copy;
                });
        Arbitrary<byte[]> manyFlips = Combinators.combine(Arbitraries.integers().between(0, valid.length - 1).list()
                .ofMinSize(2).ofMaxSize(8), Arbitraries.bytes().list().ofSize(8)).as((is, bs) -> {
                    byte[] copy = valid.clone();
                    for (int k = 0; k < is.size(); k++) {
                        copy[is.get(k)] = bs.get(k);
                    }
                    return copy;
                });
        Arbitrary<byte[]> extended = Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(40).map(extra -> {
            byte[] copy = Arrays.copyOf(valid, valid.length + extra.length);
            System.arraycopy(extra, 0, copy, valid.length, extra.length);
            return copy;
        });
        return Arbitraries.oneOf(truncated, flipped, manyFlips, extended);
    }

    /** Tags with long-form lengths (81/82/83/84/FF…) claiming far more data than follows. */
    @Provide
    Arbitrary<byte[]> absurdHeaders() {
        Arbitrary<byte[]> tag = Arbitraries.of(HEX.parseHex("30"), HEX.parseHex("ff20"), HEX.parseHex("7f21"),
                HEX.parseHex("df"), HEX.parseHex("1f8181"), HEX.parseHex("ff"));
        Arbitrary<byte[]> length = Arbitraries.of(HEX.parseHex("82ffff"), HEX.parseHex("827fff"), HEX.parseHex("8206a4"),
                HEX.parseHex("83010000"), HEX.parseHex("84ffffffff"), HEX.parseHex("80"), HEX.parseHex("81"),
                HEX.parseHex("8200"), HEX.parseHex("7f"));
        Arbitrary<byte[]> body = Arbitraries.bytes().array(byte[].class).ofMinSize(0).ofMaxSize(1800);
        return Combinators.combine(tag, length, body).as((t, l, b) -> {
            byte[] out = new byte[t.length + l.length + b.length];
            System.arraycopy(t, 0, out, 0, t.length);
            System.arraycopy(l, 0, out, t.length, l.length);
            System.arraycopy(b, 0, out, t.length + l.length, b.length);
            return out;
        });
    }
}
