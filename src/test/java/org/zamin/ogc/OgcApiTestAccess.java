package org.zamin.ogc;

/** Lets tests in other packages run a command line tool (GDAL) the way the OGC test does. */
public final class OgcApiTestAccess {

    private OgcApiTestAccess() {}

    public static String run(String... command) throws Exception {
        return OgcApiTest.run(command);
    }
}
