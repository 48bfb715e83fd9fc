package org.zamin.io;

import java.util.List;

/**
 * What a reader found: the format, the source CRS as an EPSG code (0 when the file does not say), how that CRS was
 * determined, the attribute columns, and the features.
 */
public record SourceFile(FileFormat format, int srid, String crsSource, List<String> fields,
        List<SourceFeature> features) {}
