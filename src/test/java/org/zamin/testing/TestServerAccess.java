package org.zamin.testing;

import java.nio.file.Path;

/** Lets tests in other packages clear a throwaway cluster directory the way the shared server does. */
public final class TestServerAccess {

    private TestServerAccess() {}

    public static void delete(Path dir) {
        TestServer.deleteRecursively(dir);
    }
}
