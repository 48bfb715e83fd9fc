package org.zamin.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens a parcel file of a known format, after checking its size; only the expected formats are opened. */
public final class SourceReader {

    private SourceReader() {}

    /**
     * Reads {@code file} as {@code format}. {@code workDir} is a private scratch directory the caller deletes
     * (archives are unpacked there).
     */
    public static SourceFile read(Path file, FileFormat format, Path workDir, Limits limits) {
        try {
            long size = Files.size(file);
            if (size > limits.maxFileBytes()) {
                throw FileRefusedException.tooLarge("the file is " + (size >> 20) + " MB; at most "
                        + (limits.maxFileBytes() >> 20) + " MB are accepted");
            }
        } catch (IOException e) {
            throw new FileRefusedException("unreadable_file", "cannot read the file", false, e);
        }
        return switch (format) {
            case GEOJSON -> GeoJsonReader.read(file, limits);
            case GPKG -> GeoPackageReader.read(file, limits);
            case SHP -> ShapefileFormat.read(file, workDir, limits);
            case CSV -> CsvFormat.read(file, limits);
            case FGB -> throw new FileRefusedException("unsupported_format",
                    "FlatGeobuf is an export format; import GeoJSON, GeoPackage, a zipped Shapefile or CSV");
        };
    }
}
