package org.zamin.parcelimport;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.zamin.io.SourceFile;

/**
 * One import as the report describes it: the file read, its name, size and digest, the options, the CRS it is read
 * in (and where that came from), and the attribute mapping as shown to the surveyor.
 */
record ImportRun(SourceFile source, String fileName, long sizeBytes, String sha256, ImportOptions options, int srid,
        String crsSource, AttributeMapping mapping) {

    /** The CRS of the file: the --srid override, else what the file says; refused when neither is known. */
    static ImportRun of(SourceFile source, String fileName, long sizeBytes, String sha256, ImportOptions options) {
        int srid = options.srid() > 0 ? options.srid() : source.srid();
        String crsSource = options.srid() > 0 ? "--srid " + options.srid() + " (file: " + source.crsSource() + ")"
                : source.crsSource();
        if (srid <= 0) {
            throw new ImportRefused("unknown_crs", "the coordinate system is unknown (" + source.crsSource()
                    + "); give it with --srid, e.g. --srid 32639 for UTM zone 39N");
        }
        AttributeMapping mapping = AttributeMapping.resolve(source.fields(), options.plotNumberField(),
                options.landUseField(), options.priceField());
        return new ImportRun(source, fileName, sizeBytes, sha256, options, srid, crsSource, mapping);
    }

    /** The counts of a report. */
    record Counts(int created, int updated, int unchanged, int resurveyed, int invalid, int skipped) {}

    /** The report of this run with {@code outcome}. */
    ImportReport report(String outcome, Counts c, List<ImportReport.Problem> problems, List<String> notes,
            String preview) {
        return new ImportReport(outcome, options.estateCode(), fileName, sizeBytes, sha256, source.format().label(),
                srid, crsSource, mappingShown(), source.features().size(), c.created(), c.updated(), c.unchanged(),
                c.resurveyed(), c.invalid(), c.skipped(), List.copyOf(problems), List.copyOf(notes), preview);
    }

    /** Which column feeds each attribute, and what happens when none does. */
    Map<String, String> mappingShown() {
        Map<String, String> shown = new LinkedHashMap<>();
        shown.put("plotNumber", column(mapping.plotNumber(), mapping.guessed().contains("plotNumber")));
        shown.put("landUse", mapping.landUse().map(c -> column(c, mapping.guessed().contains("landUse")))
                .orElse("(no column: new plots get 'industrial', existing plots keep theirs)"));
        shown.put("price", mapping.price().map(c -> column(c, mapping.guessed().contains("price")))
                .orElse("(no column: new plots get the estate's land price, existing plots keep theirs)"));
        shown.put("utilities", mapping.utilities().map(c -> column(c, true))
                .orElse("(no column: new plots get none, existing plots keep theirs)"));
        return shown;
    }

    private static String column(String name, boolean guessed) {
        return name + (guessed ? " (guessed from the column name)" : " (given)");
    }
}
