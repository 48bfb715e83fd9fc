package org.zamin.allocation;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.apache.commons.imaging.formats.jpeg.exif.ExifRewriter;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputSet;

/** Small test photos: a JPEG with EXIF GPS tags (written by Apache Commons Imaging) and a PNG without any. */
public final class InspectionPhotoFiles {

    private InspectionPhotoFiles() {}

    /** A small JPEG whose EXIF GPS tags say it was taken at (lon, lat). */
    public static byte[] jpegAt(double lon, double lat) throws IOException {
        var plain = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(32, 24, BufferedImage.TYPE_INT_RGB), "jpg", plain);
        TiffOutputSet exif = new TiffOutputSet();
        try {
            exif.setGpsInDegrees(lon, lat);
            var tagged = new ByteArrayOutputStream();
            new ExifRewriter().updateExifMetadataLossless(plain.toByteArray(), tagged, exif);
            return tagged.toByteArray();
        } catch (org.apache.commons.imaging.ImagingException e) {
            throw new IOException(e);
        }
    }

    public static byte[] png() throws IOException {
        var out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(32, 24, BufferedImage.TYPE_INT_RGB), "png", out);
        return out.toByteArray();
    }

}
