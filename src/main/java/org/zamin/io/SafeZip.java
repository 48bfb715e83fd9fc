package org.zamin.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * Unpacks the expected members of a zip archive into a private directory, refusing the archive as a whole when
 * it has too many entries, expands beyond the limit (counted while inflating, not trusted from the header), or
 * holds an entry whose name climbs out ({@code ..}), is absolute, or is a link. Other members are not opened.
 */
public final class SafeZip {

    private SafeZip() {}

    /** Extracts members whose extension is in {@code wanted} into {@code dir}; returns them by lower-case extension. */
    public static Map<String, Path> extract(Path zip, Path dir, Limits limits, Set<String> wanted) {
        Map<String, Path> found = new HashMap<>();
        try (ZipFile zf = ZipFile.builder().setPath(zip).get()) {
            List<ZipArchiveEntry> entries = Collections.list(zf.getEntries());
            if (entries.size() > limits.maxZipEntries()) {
                throw FileRefusedException.tooLarge("the archive has " + entries.size() + " entries; at most "
                        + limits.maxZipEntries() + " are accepted");
            }
            for (ZipArchiveEntry e : entries) {
                String name = e.getName();
                if (name.contains("..") || name.startsWith("/") || name.startsWith("\\") || name.matches("^[A-Za-z]:.*")
                        || name.indexOf('\0') >= 0) {
                    throw new FileRefusedException("zip_unsafe", "the archive entry '" + name
                            + "' points outside the archive (absolute path or '..')");
                }
                if (e.isUnixSymlink()) {
                    throw new FileRefusedException("zip_unsafe", "the archive entry '" + name + "' is a link");
                }
            }
            long total = 0;
            for (ZipArchiveEntry e : entries) {
                if (e.isDirectory()) {
                    continue;
                }
                String base = e.getName().replace('\\', '/');
                base = base.substring(base.lastIndexOf('/') + 1);
                int dot = base.lastIndexOf('.');
                String ext = dot < 0 ? "" : base.substring(dot + 1).toLowerCase(Locale.ROOT);
                if (!wanted.contains(ext) || base.startsWith(".") || base.startsWith("__MACOSX")) {
                    continue;
                }
                if (found.containsKey(ext)) {
                    throw new FileRefusedException("ambiguous_layer", "the archive holds more than one ." + ext
                            + " file; zip one Shapefile at a time");
                }
                if (e.getSize() > 0 && total + e.getSize() > limits.maxUncompressedBytes()) {
                    throw tooLargeUncompressed(limits);
                }
                Path target = dir.resolve("layer." + ext).normalize();
                if (!target.startsWith(dir)) {
                    throw new FileRefusedException("zip_unsafe", "the archive entry '" + e.getName() + "' is unsafe");
                }
                try (InputStream in = zf.getInputStream(e);
                        OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW,
                                LinkOption.NOFOLLOW_LINKS)) {
                    byte[] buffer = new byte[64 * 1024];
                    int n;
                    while ((n = in.read(buffer)) > 0) {
                        total += n;
                        if (total > limits.maxUncompressedBytes()) {
                            throw tooLargeUncompressed(limits);
                        }
                        out.write(buffer, 0, n);
                    }
                }
                found.put(ext, target);
            }
        } catch (IOException e) {
            throw new FileRefusedException("unreadable_file", "not a readable zip archive", false, e);
        }
        return found;
    }

    private static FileRefusedException tooLargeUncompressed(Limits limits) {
        return FileRefusedException.tooLarge("the archive expands to more than "
                + (limits.maxUncompressedBytes() >> 20) + " MB");
    }
}
