package jp.madoguchi.reports;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.TimeZone;
import java.util.concurrent.ConcurrentHashMap;
import javax.print.PrintService;
import javax.print.PrintServiceLookup;
import jp.madoguchi.common.MadoguchiException;
import jp.madoguchi.reports.fonts.FontFiles;
import net.sf.jasperreports.engine.DefaultJasperReportsContext;
import net.sf.jasperreports.engine.JRException;
import net.sf.jasperreports.engine.JRParameter;
import net.sf.jasperreports.engine.JasperFillManager;
import net.sf.jasperreports.engine.JasperPrint;
import net.sf.jasperreports.engine.JasperReport;
import net.sf.jasperreports.engine.SimpleJasperReportsContext;
import net.sf.jasperreports.engine.export.JRPrintServiceExporter;
import net.sf.jasperreports.engine.fonts.FontInfo;
import net.sf.jasperreports.engine.fonts.FontUtil;
import net.sf.jasperreports.engine.util.JRLoader;
import net.sf.jasperreports.export.SimpleExporterInput;
import net.sf.jasperreports.export.SimpleOutputStreamExporterOutput;
import net.sf.jasperreports.export.SimplePrintServiceExporterConfiguration;
import net.sf.jasperreports.pdf.SimplePdfExporterConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills the precompiled templates from typed records and exports them to PDF or a printer. It never
 * compiles a template: the {@code .jasper} files are made at build time.
 *
 * <p>Before filling, every text of the record is checked against the font that will draw it
 * ({@link GlyphCoverage}), so a missing glyph is a coded error, not a blank. Text containing
 * supplementary characters or variation selectors goes through JasperReports' glyph renderer (AWT
 * layout, which honours the fonts' IVS table) and carries its exact text as {@code /ActualText}, so
 * 𠮷 and 葛󠄀 survive into the PDF's text.
 *
 * <p>Thread-safe: templates are loaded once and shared (a {@link JasperReport} is read-only during a
 * fill); each call fills its own {@link JasperPrint}.
 */
public final class ReportEngine {

    /** More rows than any office's day; a 100k-row tally is refused rather than printed as 2,000 pages. */
    public static final int MAX_ROWS = 20_000;

    private static final Logger LOG = LoggerFactory.getLogger(ReportEngine.class);
    private static final String TEMPLATES = "/jp/madoguchi/reports/templates/";
    private static final TimeZone TOKYO = TimeZone.getTimeZone("Asia/Tokyo");

    private final Map<String, JasperReport> templates = new ConcurrentHashMap<>();
    private volatile SimpleJasperReportsContext context;
    private volatile GlyphCoverage coverage;

    /**
     * Cheap: JasperReports and the fonts are touched by the first report (or {@link #preloadFonts()}),
     * not here, so an application can make its engine while it starts (issue 8: the workstation's
     * sign-in screen does not wait for JasperReports).
     */
    public ReportEngine() {
    }

    /** JasperReports' context with this engine's settings, made once by whoever needs it first. */
    SimpleJasperReportsContext context() {
        SimpleJasperReportsContext c = context;
        if (c == null) {
            synchronized (this) {
                c = context;
                if (c == null) {
                    c = newContext();
                    context = c;
                }
            }
        }
        return c;
    }

    private static SimpleJasperReportsContext newContext() {
        SimpleJasperReportsContext context = new SimpleJasperReportsContext(DefaultJasperReportsContext.getInstance());
        // Supplementary characters (𠮷) and variation selectors (葛 + U+E0100) need AWT's layout to pick
        // the right glyph; the surrogate blocks catch every supplementary code point.
        context.setProperty("net.sf.jasperreports.export.pdf.glyph.renderer.blocks.madoguchi",
                "high_surrogates,high_private_use_surrogates,low_surrogates,variation_selectors");
        context.setProperty("net.sf.jasperreports.export.pdf.glyph.renderer.add.actual.text", "true");
        // No element may fall back to a non-embedded base-14 font.
        context.setProperty("net.sf.jasperreports.default.font.name", ReportFonts.TEXT);
        // The file itself, as the font extension gives it: OpenPDF then opens the one copy AWT measured.
        context.setProperty("net.sf.jasperreports.default.pdf.font.name",
                FontFiles.standard().file("jp/madoguchi/reports/fonts/ipaexg.ttf").toString());
        context.setProperty("net.sf.jasperreports.default.pdf.encoding", "Identity-H");
        context.setProperty("net.sf.jasperreports.default.pdf.embedded", "true");
        context.setProperty("net.sf.jasperreports.awt.ignore.missing.font", "false");
        context.setProperty("net.sf.jasperreports.export.pdf.producer.factory", LtrTextPdfProducerFactory.class.getName());
        return context;
    }

    /**
     * Opens the text and name fonts (AWT's and OpenPDF's copies) on a background daemon thread and
     * returns at once, so a caller that will print soon (the CLI before it reads its JSON, the
     * workstation at start-up) overlaps the font loading with its own work instead of waiting for it
     * in the first fill. Safe to call more than once and concurrently with fills: each font is loaded
     * once, whoever asks first. A failure here is only logged; the fill that needs the font reports it.
     */
    public void preloadFonts() {
        Thread loader = new Thread(() -> {
            try {
                FontUtil fonts = FontUtil.getInstance(context());
                for (String family : List.of(ReportFonts.TEXT, ReportFonts.NAME)) {
                    FontInfo info = fonts.getFontInfo(family, Locale.JAPANESE);
                    if (info != null && info.getFontFamily().getNormalFace() != null) {
                        info.getFontFamily().getNormalFace().getFont();
                        info.getFontFamily().getNormalFace().getTtf();
                    }
                }
                coverage();
            } catch (RuntimeException e) {
                LOG.warn("preloading the report fonts failed; the first report will load them", e);
            }
        }, "report-font-preload");
        loader.setDaemon(true);
        loader.start();
    }

    /** Checks and fills; the result can be exported, printed, or both. */
    public <T extends Record> JasperPrint fill(ReportType<T> type, T data, Locale locale) {
        String language = FormText.english(locale) ? "en" : "ja";
        if (!type.speaks(language)) {
            throw new MadoguchiException(ReportFailure.UNKNOWN_REPORT, Map.of("report", type.name(), "lang", language));
        }
        if (data == null) {
            throw new MadoguchiException(ReportFailure.FIELD_MISSING, Map.of("field", type.dataType().getSimpleName()));
        }
        coverage().check(data);
        List<? extends Record> rows = type.rows().apply(data);
        if (rows.size() > MAX_ROWS) {
            throw new MadoguchiException(ReportFailure.TOO_MANY_ROWS, Map.of("rows", rows.size(), "max", MAX_ROWS));
        }
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("r", data);
        Locale reportLocale = "en".equals(language) ? Locale.ENGLISH : Locale.JAPAN;
        parameters.put(JRParameter.REPORT_LOCALE, reportLocale);
        parameters.put(JRParameter.REPORT_TIME_ZONE, TOKYO);
        if (type.languages().size() > 1) {
            parameters.put(JRParameter.REPORT_RESOURCE_BUNDLE, ResourceBundle.getBundle(
                    "jp.madoguchi.reports.labels." + type.template(), "en".equals(language) ? Locale.ENGLISH : Locale.ROOT,
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES)));
        }
        try {
            JasperPrint print = JasperFillManager.getInstance(context()).fill(template(type), parameters, new RecordDataSource(rows));
            coverage().check(print);
            return print;
        } catch (JRException | RuntimeException e) {
            if (e instanceof MadoguchiException coded) {
                throw coded;
            }
            throw rendering(type, e);
        }
    }

    /**
     * Counter-rules §5: {@code data} as it may be printed, with 〓 for every code point of a name that
     * IPAmj明朝 cannot draw, and the 「外字要確認」 flags to store with the record {@code recordId}
     * (see {@link GaijiSubstitution}). {@link #fill} refuses such a name; print the result's data.
     */
    public <T extends Record> GaijiSubstitution.Result<T> printable(T data, String recordId) {
        return new GaijiSubstitution(coverage()).apply(data, recordId);
    }

    /** The PDF as bytes. */
    public <T extends Record> byte[] pdf(ReportType<T> type, T data, Locale locale) {
        JasperPrint print = fill(type, data, locale);
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        export(type, print, out);
        return out.toByteArray();
    }

    /**
     * Writes the PDF to {@code target} through a temporary file in the same directory, moved into place
     * only when complete: a failure leaves no file, never a truncated PDF.
     */
    public <T extends Record> void writePdf(ReportType<T> type, T data, Locale locale, Path target) {
        writeAtomically(pdf(type, data, locale), target);
    }

    /** Writes {@code pdf} to a temporary file beside {@code target} and moves it into place when complete. */
    public static void writeAtomically(byte[] pdf, Path target) {
        Path dir = target.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".report-", ".pdf.tmp");
            try {
                Files.write(tmp, pdf);
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    /**
     * Prints through the Java print service: the printer of that name, or the system default when
     * {@code printerName} is null. No dialog is shown.
     */
    public void print(JasperPrint print, String printerName) {
        PrintService service = printerName == null ? PrintServiceLookup.lookupDefaultPrintService()
                : java.util.Arrays.stream(PrintServiceLookup.lookupPrintServices(null, null))
                        .filter(s -> s.getName().equals(printerName)).findFirst().orElse(null);
        String shown = printerName == null ? "(default)" : printerName;
        if (service == null) {
            throw new MadoguchiException(ReportFailure.PRINT_FAILED, Map.of("printer", shown));
        }
        JRPrintServiceExporter exporter = new JRPrintServiceExporter(context());
        exporter.setExporterInput(new SimpleExporterInput(print));
        SimplePrintServiceExporterConfiguration configuration = new SimplePrintServiceExporterConfiguration();
        configuration.setPrintService(service);
        configuration.setDisplayPageDialog(false);
        configuration.setDisplayPrintDialog(false);
        exporter.setConfiguration(configuration);
        try {
            exporter.exportReport();
        } catch (JRException | RuntimeException e) {
            LOG.warn("{}: printing {} on {} failed", ReportFailure.PRINT_FAILED.code(), print.getName(), shown, e);
            throw new MadoguchiException(ReportFailure.PRINT_FAILED, Map.of("printer", shown), e);
        }
    }

    private void export(ReportType<?> type, JasperPrint print, java.io.OutputStream out) {
        SingleLineTextPdfExporter exporter = new SingleLineTextPdfExporter(context());
        exporter.setExporterInput(new SimpleExporterInput(print));
        exporter.setExporterOutput(new SimpleOutputStreamExporterOutput(out));
        SimplePdfExporterConfiguration configuration = new SimplePdfExporterConfiguration();
        configuration.setMetadataTitle(type.title());
        configuration.setMetadataCreator("Madoguchi");
        exporter.setConfiguration(configuration);
        try {
            exporter.exportReport();
        } catch (JRException | RuntimeException e) {
            throw rendering(type, e);
        }
        LOG.debug("{}: {} of {} texts written directly", type.name(), exporter.direct(), exporter.texts());
    }

    private MadoguchiException rendering(ReportType<?> type, Exception e) {
        MadoguchiException failure = new MadoguchiException(ReportFailure.RENDER_FAILED, Map.of("report", type.name()), e);
        LOG.warn("{} [{}]: report {} failed", failure.code(), failure.correlationId(), type.name(), e);
        return failure;
    }

    private JasperReport template(ReportType<?> type) {
        return templates.computeIfAbsent(type.template(), name -> {
            try (InputStream in = ReportEngine.class.getResourceAsStream(TEMPLATES + name + ".jasper")) {
                if (in == null) {
                    throw new MadoguchiException(ReportFailure.TEMPLATE_MISSING, Map.of("report", name));
                }
                return (JasperReport) JRLoader.loadObject(context(), in);
            } catch (IOException | JRException e) {
                throw new MadoguchiException(ReportFailure.TEMPLATE_MISSING, Map.of("report", name), e);
            }
        });
    }

    GlyphCoverage coverage() {
        GlyphCoverage c = coverage;
        if (c == null) {
            synchronized (this) {
                c = coverage;
                if (c == null) {
                    c = new GlyphCoverage(context());
                    coverage = c;
                }
            }
        }
        return c;
    }
}
