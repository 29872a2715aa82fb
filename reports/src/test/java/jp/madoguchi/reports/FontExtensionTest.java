package jp.madoguchi.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The jar carries the fonts, their licences, and a font extension that embeds them as Identity-H. */
class FontExtensionTest {

    @Test
    void fonts_and_licence_notices_are_in_the_jar() throws Exception {
        for (String font : new String[] {"ipaexg.ttf", "ipaexm.ttf", "ipamjm.ttf"}) {
            try (InputStream in = getClass().getResourceAsStream("/jp/madoguchi/reports/fonts/" + font)) {
                assertThat(in).as(font).isNotNull();
                assertThat(in.readNBytes(4)).as(font + " is a TrueType file").containsExactly(0, 1, 0, 0);
            }
        }
        for (String licence : new String[] {"fonts-ipaexfont", "fonts-ipamj-mincho"}) {
            try (InputStream in = getClass().getResourceAsStream("/META-INF/font-licenses/" + licence + "/copyright")) {
                assertThat(in).as(licence).isNotNull();
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).contains("IPA");
            }
        }
    }

    @Test
    void every_family_is_embedded_identity_h() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/jp/madoguchi/reports/fonts/fonts.xml")) {
            String xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int families = xml.split("<fontFamily ", -1).length - 1;
            assertThat(families).isEqualTo(3);
            assertThat(xml.split("<pdfEncoding><!\\[CDATA\\[Identity-H]]>", -1).length - 1).isEqualTo(families);
            assertThat(xml.split("<pdfEmbedded><!\\[CDATA\\[true]]>", -1).length - 1).isEqualTo(families);
        }
    }
}
