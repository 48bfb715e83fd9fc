package org.zamin.io;

import com.google.flatbuffers.FlatBufferBuilder;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.wololo.flatgeobuf.ColumnMeta;
import org.wololo.flatgeobuf.Constants;
import org.wololo.flatgeobuf.GeometryConversions;
import org.wololo.flatgeobuf.HeaderMeta;
import org.wololo.flatgeobuf.generated.ColumnType;
import org.wololo.flatgeobuf.generated.Feature;
import org.wololo.flatgeobuf.generated.GeometryType;

/**
 * Writes plots as FlatGeobuf (org.wololo:flatgeobuf): a streamed binary format that GDAL and QGIS read fast, for
 * whole-country exports. One layer {@code parcels} of polygons in EPSG:4326, the columns of {@link ExportRow},
 * without a spatial index (GDAL reads it in one pass), so it is written as the rows come.
 */
public final class FlatGeobufWriter {

    private FlatGeobufWriter() {}

    /**
     * A writer of a FlatGeobuf to {@code out} whose header declares {@code summary} (the count and extent of the rows
     * that will be written); {@link FeatureWriter#finish()} flushes {@code out}.
     */
    public static FeatureWriter open(OutputStream out, FeatureWriter.Summary summary) throws IOException {
        HeaderMeta header = new HeaderMeta();
        header.name = "parcels";
        header.geometryType = (byte) GeometryType.Polygon;
        header.srid = 4326;
        header.featuresCount = summary.count();
        header.indexNodeSize = 0;
        header.columns = columns();
        header.envelope = summary.extent() == null || summary.extent().isNull() ? null : summary.extent();
        out.write(Constants.MAGIC_BYTES);
        FlatBufferBuilder builder = new FlatBufferBuilder(16 * 1024);
        HeaderMeta.write(header, out, builder);
        var channel = Channels.newChannel(out);
        return new FeatureWriter() {
            @Override
            public void write(ExportRow r) throws IOException {
                builder.clear();
                int geometry = GeometryConversions.serialize(builder, r.geometry(), (byte) GeometryType.Polygon);
                int properties = Feature.createPropertiesVector(builder, properties(r));
                Feature.startFeature(builder);
                Feature.addGeometry(builder, geometry);
                Feature.addProperties(builder, properties);
                Feature.finishSizePrefixedFeatureBuffer(builder, Feature.endFeature(builder));
                ByteBuffer data = builder.dataBuffer();
                while (data.hasRemaining()) {
                    channel.write(data);
                }
            }

            @Override
            public void finish() throws IOException {
                out.flush();
            }
        };
    }

    private static List<ColumnMeta> columns() {
        List<ColumnMeta> columns = new ArrayList<>();
        for (String name : ExportRow.COLUMNS) {
            ColumnMeta c = new ColumnMeta();
            c.name = name;
            c.type = (byte) switch (name) {
                case "price_m2" -> ColumnType.Long;
                case "area_m2" -> ColumnType.Double;
                default -> ColumnType.String;
            };
            c.nullable = true;
            columns.add(c);
        }
        return columns;
    }

    /** FlatGeobuf's property encoding: per value its column index (uint16), then the value, little-endian. */
    private static byte[] properties(ExportRow r) {
        Object[] values = {r.plotNumber(), r.estate(), r.landUse(), r.pricePerM2(),
            Math.round(r.areaM2() * 100) / 100.0, r.status(), r.utilitiesJson()};
        ByteBuffer b = ByteBuffer.allocate(1024).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            if (v == null) {
                continue;
            }
            byte[] text = v instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : null;
            if (b.remaining() < 2 + 8 + (text == null ? 0 : text.length + 4)) {
                b = ByteBuffer.allocate(b.capacity() * 2 + (text == null ? 0 : text.length)).order(ByteOrder.LITTLE_ENDIAN)
                        .put(b.flip());
            }
            b.putShort((short) i);
            if (v instanceof Long l) {
                b.putLong(l);
            } else if (v instanceof Double d) {
                b.putDouble(d);
            } else {
                b.putInt(text.length).put(text);
            }
        }
        byte[] bytes = new byte[b.position()];
        b.flip().get(bytes);
        return bytes;
    }
}
