package org.zamin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zamin.config.Settings;
import org.zamin.db.Database;
import org.zamin.estate.EstateRepository;
import org.zamin.estate.EstateRoutes;
import org.zamin.http.ErrorMapper;
import org.zamin.infrastructure.InfrastructureRepository;
import org.zamin.infrastructure.InfrastructureRoutes;
import org.zamin.ogc.OgcRepository;
import org.zamin.ogc.OgcRoutes;
import org.zamin.parcel.ParcelRepository;
import org.zamin.parcel.ParcelRoutes;
import org.zamin.planning.PlanningRepository;
import org.zamin.planning.PlanningRoutes;
import org.zamin.site.SiteRoutes;
import org.zamin.tiles.TileRepository;
import org.zamin.tiles.TileRoutes;

/** The wiring: settings → database → feature services → HTTP routes, all declared here. */
public final class App implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(App.class);

    /** Largest request body accepted (uploads included); larger ones get 413. */
    static final long MAX_REQUEST_BYTES = 50L * 1024 * 1024;

    private final Javalin server;
    private final Database database;
    private final boolean ownsDatabase;

    private App(Javalin server, Database database, boolean ownsDatabase) {
        this.server = server;
        this.database = database;
        this.ownsDatabase = ownsDatabase;
    }

    /** Starts the HTTP server on {@code settings.port()} (0 = any free port) over an open database. */
    public static App start(Settings settings, Database database, boolean ownsDatabase) {
        var estates = new EstateRepository(database.readJdbi());
        var estateRoutes = new EstateRoutes(estates);
        var parcelRoutes = new ParcelRoutes(new ParcelRepository(database.readJdbi()), estates);
        var infrastructureRoutes = new InfrastructureRoutes(new InfrastructureRepository(database.readJdbi()));
        var site = new SiteRoutes(settings, database);
        var ogcRoutes = new OgcRoutes(new OgcRepository(database.readJdbi()));
        var tileRoutes = new TileRoutes(new TileRepository(database.readJdbi()));
        var planningRoutes = new PlanningRoutes(new PlanningRepository(database.readJdbi()), estates);

        Javalin server = Javalin.create(config -> {
            config.jsonMapper(new JavalinJackson(objectMapper(), false));
            config.http.maxRequestSize = MAX_REQUEST_BYTES;
            config.http.generateEtags = true;
            config.staticFiles.enableWebjars();
            config.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = "/web";
                files.location = Location.CLASSPATH;
            });
            config.startup.showJavalinBanner = false;

            var routes = config.routes;
            ErrorMapper.register(routes);
            routes.get("/health", site::health);
            routes.get("/api/config", site::config);
            routes.get("/api/estates", estateRoutes::list);
            routes.get("/api/estates/{code}", estateRoutes::get);
            routes.get("/api/parcels", parcelRoutes::search);
            routes.get("/api/parcels/{id}", parcelRoutes::get);
            routes.get("/api/infrastructure", infrastructureRoutes::search);
            routes.get("/api/availability", planningRoutes::availability);
            routes.get("/api/stats", planningRoutes::stats);
            routes.get("/api/stats/what-if", planningRoutes::whatIf);
            ogcRoutes.register(routes);
            routes.get("/tiles/{layer}/{z}/{x}/{y}", tileRoutes::tile);
        });
        server.start("0.0.0.0", settings.port());
        log.info("Zamin is serving on http://localhost:{}", server.port());
        return new App(server, database, ownsDatabase);
    }

    public int port() {
        return server.port();
    }

    public Database database() {
        return database;
    }

    @Override
    public void close() {
        server.stop();
        if (ownsDatabase) {
            database.close();
        }
    }

    static ObjectMapper objectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }
}
