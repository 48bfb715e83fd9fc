package org.zamin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.Javalin;
import java.time.Clock;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zamin.account.AccountRoutes;
import org.zamin.account.AccountService;
import org.zamin.account.Auth;
import org.zamin.account.DemoAccounts;
import org.zamin.account.LoginLimiter;
import org.zamin.config.Settings;
import org.zamin.db.Database;
import org.zamin.decision.DecisionLog;
import org.zamin.decision.DecisionRoutes;
import org.zamin.estate.EstateRepository;
import org.zamin.estate.EstateRoutes;
import org.zamin.http.ErrorMapper;
import org.zamin.infrastructure.InfrastructureRepository;
import org.zamin.infrastructure.InfrastructureRoutes;
import org.zamin.parcel.ParcelRepository;
import org.zamin.parcel.ParcelRoutes;
import org.zamin.site.SiteRoutes;

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
        return start(settings, database, ownsDatabase, Clock.systemUTC());
    }

    /** As {@link #start(Settings, Database, boolean)}, with the clock every feature reads (tests control it). */
    public static App start(Settings settings, Database database, boolean ownsDatabase, Clock clock) {
        var estates = new EstateRepository(database.readJdbi());
        var estateRoutes = new EstateRoutes(estates);
        var parcelRoutes = new ParcelRoutes(new ParcelRepository(database.readJdbi()), estates);
        var infrastructureRoutes = new InfrastructureRoutes(new InfrastructureRepository(database.readJdbi()));
        var site = new SiteRoutes(settings, database);
        var decisionRoutes = new DecisionRoutes(new DecisionLog(database.jdbi(), clock));
        var accounts = new AccountService(database.jdbi(), clock);
        var auth = new Auth(accounts);
        var accountRoutes = new AccountRoutes(accounts, auth, new LoginLimiter(clock));
        if (settings.demoMode()) {
            DemoAccounts.ensure(database.jdbi(), accounts);
        }

        Javalin server = Javalin.create(config -> {
            config.jsonMapper(new JavalinJackson(objectMapper(), false));
            config.http.maxRequestSize = MAX_REQUEST_BYTES;
            // Javalin's automatic ETags hash every response body: 80 ms on a 2,000-plot answer. Off; tiles set their own.
            config.http.generateEtags = false;
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
            routes.get("/api/decisions", decisionRoutes::list);
            routes.get("/api/decisions/verify", decisionRoutes::verify);
            routes.post("/api/auth/register", accountRoutes::register);
            routes.post("/api/auth/login", accountRoutes::login);
            routes.post("/api/auth/logout", accountRoutes::logout);
            routes.get("/api/me", accountRoutes::me);
            routes.post("/api/tokens", accountRoutes::createToken);
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
                .registerModule(new Jdk8Module())
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }
}
