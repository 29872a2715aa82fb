package jp.madoguchi.reports.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jp.madoguchi.common.MadoguchiException;
import jp.madoguchi.reports.GaijiSubstitution;
import jp.madoguchi.reports.ReportCatalogue;
import jp.madoguchi.reports.ReportEngine;
import jp.madoguchi.reports.ReportJson;
import jp.madoguchi.reports.ReportType;
import jp.madoguchi.reports.model.SyncReport;

/**
 * {@code ./mado report}: {@code report list} names every report and prints an example JSON for each;
 * {@code report NAME --data FILE.json --out FILE.pdf [--lang ja|en] [--print [--printer NAME]]}
 * renders one from a JSON file holding its record (for re-printing, and for checks from outside).
 * Exit status: 0 done, 1 a coded failure (printed in Japanese and English), 2 a usage error.
 */
public final class ReportCommand {

    private ReportCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args)));
    }

    static int run(List<String> args) {
        if (args.isEmpty() || args.get(0).equals("help") || args.get(0).equals("--help")) {
            usage();
            return args.isEmpty() ? 2 : 0;
        }
        if (args.get(0).equals("list")) {
            list();
            return 0;
        }
        if (args.get(0).equals("example") && args.size() == 2) {
            var type = ReportCatalogue.find(args.get(1));
            if (type.isEmpty()) {
                System.err.println("report: no report named " + args.get(1) + "; see ./mado report list");
                return 2;
            }
            System.out.println(ReportJson.write(type.get().example().get()));
            return 0;
        }
        String name = args.get(0);
        String data = null;
        String out = null;
        String lang = "ja";
        boolean print = false;
        String printer = null;
        List<String> rest = new ArrayList<>(args.subList(1, args.size()));
        for (int i = 0; i < rest.size(); i++) {
            String arg = rest.get(i);
            boolean hasValue = i + 1 < rest.size();
            switch (arg) {
                case "--data" -> data = hasValue ? rest.get(++i) : null;
                case "--out" -> out = hasValue ? rest.get(++i) : null;
                case "--lang" -> lang = hasValue ? rest.get(++i) : null;
                case "--print" -> print = true;
                case "--printer" -> printer = hasValue ? rest.get(++i) : null;
                default -> {
                    System.err.println("report: unknown argument " + arg);
                    usage();
                    return 2;
                }
            }
        }
        if (data == null || (out == null && !print) || lang == null || !(lang.equals("ja") || lang.equals("en"))) {
            usage();
            return 2;
        }
        try {
            ReportType<?> type = ReportCatalogue.require(name, lang);
            render(type, Path.of(data), out == null ? null : Path.of(out), lang.equals("en") ? Locale.ENGLISH : Locale.JAPANESE,
                    print, printer);
            return 0;
        } catch (MadoguchiException e) {
            System.err.println(e.code() + ": " + e.clerkMessage(Locale.JAPANESE));
            System.err.println(e.code() + ": " + e.clerkMessage(Locale.ENGLISH));
            System.err.println("→ " + jp.madoguchi.common.FailureMessages.action(e.failure(), Locale.ENGLISH)
                    + " [" + e.correlationId() + "]");
            return 1;
        }
    }

    private static <T extends Record> void render(ReportType<T> type, Path data, Path out, Locale locale, boolean print,
                                                  String printer) {
        ReportEngine engine = new ReportEngine();
        engine.preloadFonts();
        T received = ReportJson.read(data, type.dataType());
        // Counter-rules §5: a name character no font can draw prints as 〓, and the operator is told.
        GaijiSubstitution.Result<T> printable = engine.printable(received, data.getFileName().toString());
        for (SyncReport.GaijiFlag flag : printable.flags()) {
            System.err.println("report: 外字要確認 / handwritten correction needed: " + flag.field() + " " + flag.codePoint()
                    + " is printed as 〓");
        }
        T record = printable.data();
        if (out != null) {
            engine.writePdf(type, record, locale, out);
            System.out.println("report: wrote " + out);
        }
        if (print) {
            engine.print(engine.fill(type, record, locale), printer);
            System.out.println("report: sent to " + (printer == null ? "the default printer" : printer));
        }
    }

    private static void list() {
        for (ReportType<?> type : ReportCatalogue.ALL) {
            System.out.println("## " + type.name() + " — " + type.title() + " (languages: " + String.join(", ", type.languages()) + ")");
            System.out.println(ReportJson.write(type.example().get()));
            System.out.println();
        }
    }

    private static void usage() {
        System.err.println("""
                usage: ./mado report list
                       ./mado report example NAME      (the example JSON alone, to edit and render)
                       ./mado report NAME --data FILE.json --out FILE.pdf [--lang ja|en] [--print [--printer NAME]]
                  list     names every report and prints an example JSON for each
                  NAME     one of the names list prints; --lang en exists for the forms residents take home""");
    }
}
