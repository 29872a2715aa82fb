package jp.madoguchi.reports.fonts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import net.sf.jasperreports.engine.DefaultJasperReportsContext;
import net.sf.jasperreports.engine.JRPropertiesMap;
import net.sf.jasperreports.engine.JRPropertiesUtil;
import net.sf.jasperreports.engine.JasperReportsContext;
import net.sf.jasperreports.engine.fonts.FontExtensionsCollector;
import net.sf.jasperreports.engine.fonts.FontFace;
import net.sf.jasperreports.engine.fonts.FontFamily;
import net.sf.jasperreports.engine.fonts.SimpleFontExtensionHelper;
import net.sf.jasperreports.engine.fonts.SimpleFontFamily;
import net.sf.jasperreports.extensions.ExtensionsRegistry;
import net.sf.jasperreports.extensions.ExtensionsRegistryFactory;

/**
 * Madoguchi's font extension (registered in {@code jasperreports_extension.properties}): reads the same
 * {@code fonts.xml} as JasperReports' simple font extension, with the same properties
 * ({@code net.sf.jasperreports.extension.simple.font.families.*}), but gives every face a
 * {@link FileFontFace}, so each font file is opened only when a report first uses it and then once for
 * AWT and once (mapped, not copied) for the PDF, instead of being inflated and copied twice.
 *
 * <p>Thread-safe: the families are read once, on first request, under the registry's lock.
 */
public final class BundledFontExtension implements ExtensionsRegistryFactory {

    private static final String FAMILIES_PREFIX = "net.sf.jasperreports.extension.simple.font.families.";

    @Override
    public ExtensionsRegistry createRegistry(String registryId, JRPropertiesMap properties) {
        List<String> locations = new ArrayList<>();
        for (JRPropertiesUtil.PropertySuffix suffix : JRPropertiesUtil.getProperties(properties, FAMILIES_PREFIX)) {
            locations.add(suffix.getValue());
        }
        return new Registry(locations, FontFiles.standard());
    }

    private static final class Registry implements ExtensionsRegistry {
        private final List<String> locations;
        private final FontFiles files;
        private List<FontFamily> families;

        Registry(List<String> locations, FontFiles files) {
            this.locations = locations;
            this.files = files;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> List<T> getExtensions(Class<T> extensionType) {
            if (FontFamily.class.equals(extensionType)) {
                return (List<T>) families();
            }
            return null;
        }

        private synchronized List<FontFamily> families() {
            if (families == null) {
                JasperReportsContext context = DefaultJasperReportsContext.getInstance();
                FontExtensionsCollector collector = new FontExtensionsCollector();
                for (String location : locations) {
                    try (InputStream in = BundledFontExtension.class.getClassLoader().getResourceAsStream(location)) {
                        if (in == null) {
                            throw new IllegalStateException("font extension " + location + " is not on the class path");
                        }
                        // false: parse only; the faces below open their files when first used.
                        SimpleFontExtensionHelper.getInstance().loadFontExtensions(context, in, collector, false);
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot read font extension " + location, e);
                    }
                }
                List<FontFamily> read = new ArrayList<>();
                for (FontFamily family : collector.getFontFamilies()) {
                    SimpleFontFamily simple = (SimpleFontFamily) family;
                    simple.setNormalFace(fromFile(context, simple, simple.getNormalFace()));
                    simple.setBoldFace(fromFile(context, simple, simple.getBoldFace()));
                    simple.setItalicFace(fromFile(context, simple, simple.getItalicFace()));
                    simple.setBoldItalicFace(fromFile(context, simple, simple.getBoldItalicFace()));
                    read.add(simple);
                }
                families = List.copyOf(read);
            }
            return families;
        }

        private FileFontFace fromFile(JasperReportsContext context, SimpleFontFamily family, FontFace face) {
            return face == null || face.getTtf() == null ? null : new FileFontFace(context, files, face.getTtf(),
                    family.getName(), family.getPdfEncoding(), !Boolean.FALSE.equals(family.isPdfEmbedded()));
        }
    }
}
