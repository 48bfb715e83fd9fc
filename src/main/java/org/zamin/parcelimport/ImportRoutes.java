package org.zamin.parcelimport;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.zamin.account.Auth;
import org.zamin.account.CurrentUser;
import org.zamin.account.Role;
import org.zamin.account.Visibility;
import org.zamin.decision.Actor;
import org.zamin.domain.Text;
import org.zamin.http.ApiException;
import org.zamin.io.FileFormat;
import org.zamin.io.FileRefusedException;

/**
 * {@code POST /api/imports} (admins, and officers for the estates they manage; multipart upload, {@code dryRun=true}
 * for a preview with the features as GeoJSON) and {@code GET /api/exports/parcels} (anyone; public fields only).
 */
public final class ImportRoutes {

    private final ImportService imports;
    private final ExportService exports;
    private final Auth auth;

    public ImportRoutes(ImportService imports, ExportService exports, Auth auth) {
        this.imports = imports;
        this.exports = exports;
        this.auth = auth;
    }

    /** Registers {@code GET /api/exports/parcels} and {@code POST /api/imports}. */
    public void register(RoutesConfig routes) {
        routes.get("/api/exports/parcels", this::export);
        routes.post("/api/imports", this::upload);
    }

    /** {@code POST /api/imports}: 201 applied, 200 dry run, 422 {@code import_invalid} with the report if refused. */
    public void upload(Context ctx) {
        CurrentUser user = auth.require(ctx);
        ImportOptions allowed = allowed(ctx, user);
        UploadedFile upload = ctx.uploadedFile("file");
        if (upload == null) {
            throw ApiException.invalidParameter("file", "is required (multipart upload)");
        }
        String name = fileName(upload.filename());
        FileFormat format = Optional.ofNullable(ctx.formParam("format")).flatMap(FileFormat::byLabel)
                .or(() -> FileFormat.byFileName(name))
                .orElseThrow(() -> new ApiException(422, "unsupported_format",
                        "only .geojson/.json, .gpkg, .zip (Shapefile) and .csv files are imported"));
        ImportOptions options = withForm(ctx, allowed);
        if (upload.size() > options.limits().maxFileBytes()) {
            throw new ApiException(413, "file_too_large", "the file is larger than the import limit");
        }
        ImportReport report = importUpload(upload, name, format, options);
        if ("refused".equals(report.outcome())) {
            ctx.status(422).json(Map.of("code", "import_invalid", "message", report.invalid()
                    + " feature(s) have problems; nothing was imported", "report", report));
        } else {
            ctx.status(report.applied() ? 201 : 200).json(report);
        }
    }

    /** The upload's own name without any folders; refused (422) when it is not a plain one-line name. */
    private static String fileName(String given) {
        String name = Text.required(given, Text.Kind.LINE, Text.FILE_NAME_MAX, "invalid_file_name", "the file's name");
        return name.substring(name.replace('\\', '/').lastIndexOf('/') + 1);
    }

    /** The estate and re-survey asked for, if allowed: officers import into their estates only, admins re-survey. */
    private static ImportOptions allowed(Context ctx, CurrentUser user) {
        String estate = text(ctx, "estate").orElseThrow(() -> ApiException.invalidParameter("estate", "is required"));
        if (!Visibility.of(user).seesEstate(estate)) {
            throw new ApiException(403, "forbidden", "officers import only into the estates they manage");
        }
        boolean force = flag(ctx, "forceResurvey");
        if (force && user.role() != Role.ADMIN) {
            throw new ApiException(403, "forbidden", "only an admin may re-survey taken plots");
        }
        return ImportOptions.of(estate, Actor.user(user.id(), user.role())).withForceResurvey(force);
    }

    /** The rest of the form: CRS override, switches and attribute columns. */
    private static ImportOptions withForm(Context ctx, ImportOptions allowed) {
        int srid;
        try {
            srid = Optional.ofNullable(ctx.formParam("srid")).filter(s -> !s.isBlank()).map(Integer::parseInt).orElse(0);
        } catch (NumberFormatException e) {
            throw ApiException.invalidParameter("srid", "must be an EPSG code");
        }
        boolean dryRun = flag(ctx, "dryRun");
        return allowed.withDryRun(dryRun).withSrid(srid).withSkipInvalid(flag(ctx, "skipInvalid"))
                .withFields(text(ctx, "plotNumberField"), text(ctx, "landUseField"), text(ctx, "priceField"))
                .withPreview(dryRun);
    }

    /** Saves the upload to a temporary file and imports it; a refused file becomes its status and code. */
    private ImportReport importUpload(UploadedFile upload, String name, FileFormat format, ImportOptions options) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("zamin-upload-");
            Path file = dir.resolve("upload" + format.extension());
            try (InputStream in = upload.content()) {
                Files.copy(in, file);
            }
            return imports.importFile(file, name, format, options);
        } catch (FileRefusedException e) {
            throw new ApiException(e.tooLarge() ? 413 : 422, e.code(), e.getMessage());
        } catch (ImportRefused e) {
            throw new ApiException(422, e.code(), e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (dir != null) {
                ImportService.deleteTree(dir);
            }
        }
    }

    /** {@code GET /api/exports/parcels}: one estate's plots or all of them, streamed ({@link ExportDownload}). */
    public void export(Context ctx) {
        FileFormat format = FileFormat.byLabel(Optional.ofNullable(ctx.queryParam("format")).orElse("geojson"))
                .orElseThrow(() -> ApiException.invalidParameter("format", "must be geojson, gpkg, csv, shp or fgb"));
        Optional<String> estate = text(ctx, "estate");
        Optional<Actor> actor = auth.find(ctx).map(u -> Actor.user(u.id(), u.role()));
        try {
            exports.requireEstate(estate);
        } catch (ImportRefused e) {
            throw new ApiException(422, e.code(), e.getMessage());
        }
        String name = "parcels" + estate.map(c -> "-" + c).orElse("") + format.extension();
        ExportDownload.send(ctx, exports, format, ExportService.Selection.plots(estate), name,
                exported -> exports.recordExport(exported, format, estate, actor, name, "parcel export", Map.of()));
    }

    private static boolean flag(Context ctx, String name) {
        return "true".equalsIgnoreCase(ctx.formParam(name)) || "on".equalsIgnoreCase(ctx.formParam(name));
    }

    /** A form (or query) field as one line of text; a control character in it is a 400 naming the field. */
    private static Optional<String> text(Context ctx, String name) {
        String v = ctx.formParam(name);
        if (v == null) {
            v = ctx.queryParam(name);
        }
        Optional<String> value = Optional.ofNullable(v).map(String::trim).filter(s -> !s.isEmpty());
        value.flatMap(t -> Text.problem(t, Text.Kind.LINE, Text.NAME_MAX)).ifPresent(problem -> {
            throw ApiException.invalidParameter(name, problem);
        });
        return value;
    }
}
