package org.zamin.parcelimport;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.zamin.http.Download;
import org.zamin.io.FileFormat;

/**
 * An export sent as a download ({@code GET /api/exports/parcels}, {@code GET /api/availability?format=…}): streamed
 * from the cursor to the client for GeoJSON, CSV and FlatGeobuf; written to a temporary file (deleted afterwards,
 * whatever happens) and sent from it for GeoPackage and Shapefile, and for any request with a {@code Range} (a range
 * needs the whole file's length and ETag). {@code done} is told what was written once the whole file is made.
 */
public final class ExportDownload {

    private ExportDownload() {}

    /** Sends {@code selection} in {@code format} as {@code fileName}. */
    public static void send(Context ctx, ExportService exports, FileFormat format, ExportService.Selection selection,
            String fileName, Consumer<ExportService.Exported> done) {
        ctx.header("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
        if (ExportService.streams(format) && ctx.header("Range") == null) {
            Download.stream(ctx, format.mediaType(), format.compressible(),
                    out -> done.accept(exports.toStream(format, selection, out)));
            return;
        }
        Path dir = null;
        try {
            dir = Files.createTempDirectory("zamin-export-");
            Path file = dir.resolve(fileName);
            ExportService.Exported exported = exports.toFile(format, selection, file);
            done.accept(exported);
            Download.file(ctx, file, format.mediaType(), format.compressible(), exported.sha256());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Error e) {
            // out of memory while writing the file: a 500 like any failure (the file is deleted below)
            throw new IllegalStateException("the export failed: " + e, e);
        } finally {
            if (dir != null) {
                ImportService.deleteTree(dir);
            }
        }
    }
}
