package org.zamin.allocation;

import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.lang.GeoLocation;
import com.drew.metadata.exif.GpsDirectory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Optional;
import org.zamin.domain.Invalid;

/**
 * Where an inspection photo was taken (WGS 84 longitude and latitude) and how that is known: the photo's own EXIF GPS
 * position, or else the inspector's device position sent with the inspection. The database measures its distance
 * from the inspected plots; one farther than {@link #FAR_METRES} is flagged for a second look.
 */
public record PhotoPosition(double lon, double lat, Source source) {

    /** Farther than this from every inspected plot, a photo is flagged as taken elsewhere. */
    public static final int FAR_METRES = 250;

    /** How the position is known. */
    public enum Source { EXIF, DEVICE }

    public PhotoPosition {
        if (!(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90)) {
            throw new Invalid("invalid_position", "a position is a longitude from -180 to 180 and a latitude from -90 "
                    + "to 90");
        }
    }

    /** The position the photo's EXIF GPS tags give; empty for a photo without them (or not an image at all). */
    public static Optional<PhotoPosition> fromExif(byte[] photo) {
        try {
            var metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(photo));
            for (GpsDirectory gps : metadata.getDirectoriesOfType(GpsDirectory.class)) {
                GeoLocation at = gps.getGeoLocation();
                if (at != null && !at.isZero() && Math.abs(at.getLongitude()) <= 180 && Math.abs(at.getLatitude()) <= 90) {
                    return Optional.of(new PhotoPosition(at.getLongitude(), at.getLatitude(), Source.EXIF));
                }
            }
            return Optional.empty();
        } catch (ImageProcessingException | IOException | RuntimeException e) {
            return Optional.empty(); // unreadable metadata is no position, not a refused upload
        }
    }

    /** Each photo's position: its own EXIF position, else the device's (when given), else none. */
    public static Optional<PhotoPosition> of(byte[] photo, Optional<PhotoPosition> device) {
        return fromExif(photo).or(() -> device);
    }
}
