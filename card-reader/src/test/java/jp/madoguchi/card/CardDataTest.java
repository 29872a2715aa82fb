package jp.madoguchi.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HexFormat;
import jp.madoguchi.card.codec.Apdus;
import org.junit.jupiter.api.Test;

/** The test vectors of card-spec §9 and the APDUs of its transcripts. */
class CardDataTest {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    static final String EF0002 = "FF2059DF2108000E0020004D0058DF22"
            + "0FE8A9A6E9A893E38080E88AB1E5AD90"
            + "DF232AE6A8A1E693ACE79C8CE8A68BE6"
            + "9CACE5B882E8A9A6E9A893E794BAEFBC"
            + "91EFBC8DEFBC92EFBC8DEFBC93DF2408"
            + "3139393030353035DF250132";

    @Test
    void check_digits_of_9_1() {
        assertThat(MyNumber.checkDigit("12345678901")).isEqualTo(8);
        assertThat(MyNumber.checkDigit("98765432105")).isZero();
        assertThat(MyNumber.checkDigit("12345678900")).isZero();
        assertThat(MyNumber.checkDigit("24680135792")).isEqualTo(9);
        assertThat(new MyNumber("123456789010").checkDigitValid()).isFalse();
        assertThat(new MyNumber("123456789018").checkDigitValid()).isTrue();
    }

    @Test
    void my_number_ef_of_9_2_is_parsed_and_masked() {
        MyNumber n = MyNumber.parse(HEX.parseHex("FF100C313233343536373839303138FFFF"));
        assertThat(n.digits()).isEqualTo("123456789018");
        assertThat(n.toString()).isEqualTo("********9018").doesNotContain("12345678");
    }

    @Test
    void basic_info_of_9_3_is_exact_unicode() {
        byte[] ef = HEX.parseHex(EF0002);
        assertThat(ef).hasSize(92);
        BasicInfo info = BasicInfo.parse(ef);
        assertThat(info.name()).isEqualTo("試験\u3000花子");
        assertThat(info.address()).isEqualTo("模擬県見本市試験町１－２－３");
        assertThat(info.birthDate()).isEqualTo(LocalDate.of(1990, 5, 5));
        assertThat(info.sex()).isEqualTo(Sex.FEMALE);
        assertThat(info.toString()).doesNotContain("花子");
    }

    @Test
    void basic_info_keeps_variation_selectors_and_tolerates_two_leading_bytes_and_unknown_sex() {
        String name = "葛\uDB40\uDD00城\u3000太郎";
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        byte[] a = "模擬県".getBytes(StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream inner = new java.io.ByteArrayOutputStream();
        inner.writeBytes(new byte[] {(byte) 0xDF, 0x22, (byte) n.length});
        inner.writeBytes(n);
        inner.writeBytes(new byte[] {(byte) 0xDF, 0x23, (byte) a.length});
        inner.writeBytes(a);
        inner.writeBytes(HEX.parseHex("DF24083139393030353035DF250139"));
        byte[] body = inner.toByteArray();
        java.io.ByteArrayOutputStream ef = new java.io.ByteArrayOutputStream();
        ef.writeBytes(new byte[] {0x00, 0x00, (byte) 0xFF, 0x20, (byte) body.length});
        ef.writeBytes(body);
        BasicInfo info = BasicInfo.parse(ef.toByteArray());
        assertThat(info.name()).isEqualTo(name).hasSize(7);
        assertThat(info.sex()).isEqualTo(Sex.UNKNOWN);
        assertThat(info.sexCode()).isEqualTo("9");
    }

    @Test
    void utf8_is_accepted_exactly_when_a_reporting_decoder_accepts_it() {
        HexFormat hex = HexFormat.of();
        java.util.List<byte[]> cases = new java.util.ArrayList<>();
        for (String h : new String[] {"C080", "E08080", "EDA080", "EDBFBF", "F4908080", "F8888080", "E381", "80", "FF",
                "F09F9880", "EFBFBD", "E88A9BF3A08480", "E38080EFBC91", "", "41C2"}) {
            cases.add(hex.parseHex(h));
        }
        java.util.Random random = new java.util.Random(4);
        for (int i = 0; i < 20_000; i++) {
            byte[] b = new byte[random.nextInt(12)];
            random.nextBytes(b);
            if (i % 2 == 0) {
                // Mostly well-formed text with one byte changed: the near misses a real card could send.
                byte[] text = "窓口 花子　ｱ𠮷".getBytes(StandardCharsets.UTF_8);
                text[random.nextInt(text.length)] = (byte) random.nextInt(256);
                b = text;
            }
            cases.add(b);
        }
        for (byte[] b : cases) {
            boolean strict;
            try {
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                        .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(b));
                strict = true;
            } catch (java.nio.charset.CharacterCodingException e) {
                strict = false;
            }
            if (strict) {
                assertThat(BasicInfo.utf8(b, "name")).as(hex.formatHex(b)).isEqualTo(new String(b, StandardCharsets.UTF_8));
            } else {
                assertThatThrownBy(() -> BasicInfo.utf8(b, "name")).as(hex.formatHex(b))
                        .isInstanceOf(MalformedResponseException.class).hasMessageContaining("name: not UTF-8");
            }
        }
    }

    @Test
    void dates_are_read_strictly_as_yyyymmdd() {
        assertThat(BasicInfo.yyyymmdd("20240229".getBytes(StandardCharsets.US_ASCII), "d")).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(BasicInfo.yyyymmdd("19260101".getBytes(StandardCharsets.US_ASCII), "d")).isEqualTo(LocalDate.of(1926, 1, 1));
        for (String bad : new String[] {"20230229", "20241301", "20240100", "20240431", "2024011", "202401011", "2024-1-1",
                "2024O101", "\u0661\u0669\u0669\u0660"}) {
            assertThatThrownBy(() -> BasicInfo.yyyymmdd(bad.getBytes(StandardCharsets.UTF_8), "birth date"))
                    .as(bad).isInstanceOf(MalformedResponseException.class).hasMessageContaining("birth date is not YYYYMMDD");
        }
    }

    @Test
    void common_record_gives_serial_municipality_and_expiry() {
        byte[] rec = ("\u0001\u001C" + "100000000000042" + "99999" + "20350505").getBytes(StandardCharsets.US_ASCII);
        CommonInfo info = CommonInfo.parse(rec);
        assertThat(info.cardSerial()).isEqualTo("100000000000042");
        assertThat(info.municipalityCode()).isEqualTo("99999");
        assertThat(info.cardExpiry()).isEqualTo(LocalDate.of(2035, 5, 5));
    }

    @Test
    void card_face_info_gives_key_id_and_version_in_upper_case_hex() {
        CardFaceInfo info = CardFaceInfo.parse(HexFormat.of()
                .parseHex("ff301ddf310406030e01df3204aabbcc0fdf330109df34053939393939df3500"));
        assertThat(info.keyIdHex()).isEqualTo("AABBCC0F");
        assertThat(info.versionHex()).isEqualTo("09");
        assertThat(info.municipalityCode()).isEqualTo("99999");
    }

    @Test
    void certificate_info_answers_what_the_jdk_decodes_from_the_same_der() throws Exception {
        for (EmulatedCards.Kind kind : new EmulatedCards.Kind[] {EmulatedCards.Kind.DELIVERED, EmulatedCards.Kind.CHILD}) {
            byte[] der = EmulatedCards.profile(kind).authCertificate();
            java.security.cert.X509Certificate jdk = (java.security.cert.X509Certificate)
                    java.security.cert.CertificateFactory.getInstance("X.509")
                            .generateCertificate(new java.io.ByteArrayInputStream(der));
            CertificateInfo info = CertificateInfo.parse(der);
            assertThat(info.subject()).isEqualTo(jdk.getSubjectX500Principal().getName()).isSameAs(info.subject());
            assertThat(info.issuer()).isEqualTo(jdk.getIssuerX500Principal().getName());
            assertThat(info.serialNumber()).isEqualTo(jdk.getSerialNumber());
            assertThat(info.notBefore()).isEqualTo(jdk.getNotBefore().toInstant());
            assertThat(info.notAfter()).isEqualTo(jdk.getNotAfter().toInstant());
            assertThat(info.publicKey()).isEqualTo(jdk.getPublicKey());
            assertThat(info.keyBits()).isEqualTo(2048);
            assertThat(info.certificate()).isEqualTo(jdk);
            assertThat(info.derBytes()).isEqualTo(der).isNotSameAs(info.derBytes());
            assertThat(info).isEqualTo(CertificateInfo.parse(der.clone())).hasSameHashCodeAs(CertificateInfo.parse(der));
            assertThat(info.toString()).contains(info.subject());
        }
    }

    @Test
    void digest_info_of_9_6() {
        assertThat(HEX.formatHex(AdminSession.digestInfo("abc".getBytes(StandardCharsets.US_ASCII)))).isEqualTo(
                "3031300D060960864801650304020105000420"
                        + "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD");
    }

    @Test
    void apdus_match_the_transcripts() {
        assertThat(HEX.formatHex(Apdus.selectDf(CardApplication.JPKI.aid()).getBytes()))
                .isEqualTo("00A4040C0AD392F000260100000001");
        assertThat(HEX.formatHex(Apdus.selectDf(CardApplication.TEXT.aid()).getBytes()))
                .isEqualTo("00A4040C0AD3921000310001010408");
        assertThat(HEX.formatHex(Apdus.getSerial().getBytes())).isEqualTo("00CA010108");
        assertThat(HEX.formatHex(Apdus.getLifeCycle().getBytes())).isEqualTo("00CA010201");
        assertThat(HEX.formatHex(Apdus.getChallenge().getBytes())).isEqualTo("0084000010");
        assertThat(HEX.formatHex(Apdus.verifyQuery(0x98).getBytes())).isEqualTo("00200098");
        assertThat(HEX.formatHex(Apdus.resetRetryCounter(0x98, "1234".getBytes(StandardCharsets.US_ASCII)).getBytes()))
                .isEqualTo("002C02980431323334");
        assertThat(HEX.formatHex(Apdus.changeReferenceData(0x91, "4826".getBytes(StandardCharsets.US_ASCII)).getBytes()))
                .isEqualTo("0024019104" + "34383236");
        assertThat(HEX.formatHex(Apdus.changeKey(0x9C, "4826".getBytes(StandardCharsets.US_ASCII)).getBytes()))
                .isEqualTo("8032009C04" + "34383236");
        assertThat(HEX.formatHex(Apdus.setLifeCycleOperational().getBytes())).isEqualTo("80E80001");
        assertThat(HEX.formatHex(Apdus.generateKeyPair(0x001A).getBytes())).isEqualTo("004780000200" + "1A00");
        assertThat(HEX.formatHex(Apdus.updateBinary(0x05FA, new byte[170]).getBytes())).startsWith("00D605FAAA");
        assertThat(HEX.formatHex(Apdus.activateFile().getBytes())).isEqualTo("00440000");
        assertThat(HEX.formatHex(Apdus.readBinary(0x0100, 256).getBytes())).isEqualTo("00B0010000");
        assertThat(HEX.formatHex(Apdus.readRecord(1, 1).getBytes())).isEqualTo("00B2010C00");
        assertThat(HEX.formatHex(Apdus.selectEf(0x0018).getBytes())).isEqualTo("00A4020C020018");
    }

    @Test
    void generate_response_of_9_7_gives_the_key() {
        byte[] modulus = new byte[256];
        modulus[0] = (byte) 0xC1;
        modulus[255] = 0x01;
        byte[] resp = new byte[270];
        System.arraycopy(HEX.parseHex("7F4982010981820100"), 0, resp, 0, 9);
        System.arraycopy(modulus, 0, resp, 9, 256);
        System.arraycopy(HEX.parseHex("8203010001"), 0, resp, 265, 5);
        var key = AdminSession.parsePublicKey(resp);
        assertThat(key.getModulus().bitLength()).isEqualTo(2048);
        assertThat(key.getPublicExponent().intValue()).isEqualTo(65537);
        assertThatThrownBy(() -> AdminSession.parsePublicKey(java.util.Arrays.copyOf(resp, 269)))
                .isInstanceOf(MalformedResponseException.class);
    }

    @Test
    void pin_formats_are_checked_locally() {
        assertThatThrownBy(() -> PinFormat.check(PinKind.AUTH, "123".toCharArray()))
                .hasMessageStartingWith("MDG-PIN-002");
        assertThatThrownBy(() -> PinFormat.check(PinKind.SIGN, "test2025".toCharArray()))
                .hasMessageStartingWith("MDG-PIN-001");
        assertThatThrownBy(() -> PinFormat.check(PinKind.SIGN, "TESTTEST".toCharArray()))
                .hasMessageStartingWith("MDG-PIN-001");
        PinFormat.check(PinKind.SIGN, "TEST2025".toCharArray());
        PinFormat.check(PinKind.JUKI, "0000".toCharArray());
    }
}
