package org.zamin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.time.Clock;
import java.util.List;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zamin.account.AccountRoutes;
import org.zamin.account.AccountService;
import org.zamin.account.Auth;
import org.zamin.account.DemoAccounts;
import org.zamin.account.LoginLimiter;
import org.zamin.account.Role;
import org.zamin.allocation.AllocationRoutes;
import org.zamin.allocation.ContractRoutes;
import org.zamin.allocation.ContractService;
import org.zamin.config.Settings;
import org.zamin.db.Database;
import org.zamin.decision.DecisionLog;
import org.zamin.decision.DecisionRoutes;
import org.zamin.decision.DecisionSealer;
import org.zamin.estate.EstateRepository;
import org.zamin.estate.EstateRoutes;
import org.zamin.http.ApiException;
import org.zamin.http.ErrorMapper;
import org.zamin.idle.DailyScan;
import org.zamin.idle.IdleCaseService;
import org.zamin.idle.IdleRoutes;
import org.zamin.idle.IdleScan;
import org.zamin.idle.ReadingsImport;
import org.zamin.inbox.InboxRoutes;
import org.zamin.inbox.Mailer;
import org.zamin.inbox.Notifier;
import org.zamin.infrastructure.InfrastructureRepository;
import org.zamin.infrastructure.InfrastructureRoutes;
import org.zamin.ogc.OgcRepository;
import org.zamin.ogc.OgcRoutes;
import org.zamin.parcel.ParcelRepository;
import org.zamin.parcel.ParcelRoutes;
import org.zamin.parcel.Vocabulary;
import org.zamin.parcelimport.ExportService;
import org.zamin.parcelimport.ImportRoutes;
import org.zamin.parcelimport.ImportService;
import org.zamin.planning.PlanningRepository;
import org.zamin.planning.PlanningRoutes;
import org.zamin.reservation.HoldSweeper;
import org.zamin.reservation.ReservationRoutes;
import org.zamin.reservation.ReservationService;
import org.zamin.reservation.SandboxGateway;
import org.zamin.sample.SampleAllocations;
import org.zamin.site.SiteRoutes;
import org.zamin.tiles.TileRepository;
import org.zamin.tiles.TileRoutes;

/** The wiring: settings → database → feature services → HTTP routes, all declared here. */
public final class App implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(App.class);

    /** Largest request body accepted (uploads included); larger ones get 413. */
    static final long MAX_REQUEST_BYTES = 50L * 1024 * 1024;
    /** Connections the kernel may queue before the server accepts them (capped by net.core.somaxconn). */
    static final int ACCEPT_QUEUE = 1024;

    private final Javalin server;
    private final Database database;
    private final boolean ownsDatabase;
    private final HoldSweeper holdSweeper;
    private final IdleScan idleScan;
    private final List<AutoCloseable> background;

    private App(Javalin server, Database database, boolean ownsDatabase, HoldSweeper holdSweeper, IdleScan idleScan,
            List<AutoCloseable> background) {
        this.server = server;
        this.database = database;
        this.ownsDatabase = ownsDatabase;
        this.holdSweeper = holdSweeper;
        this.idleScan = idleScan;
        this.background = background;
    }

    /** Starts the HTTP server on {@code settings.port()} (0 = any free port) over an open database. */
    public static App start(Settings settings, Database database, boolean ownsDatabase) {
        return start(settings, database, ownsDatabase, Clock.systemUTC());
    }

    /** As {@link #start(Settings, Database, boolean)}, with the clock every feature reads (tests control it). */
    public static App start(Settings settings, Database database, boolean ownsDatabase, Clock clock) {
        var vocabulary = Vocabulary.load(database.readJdbi());
        var estates = new EstateRepository(database.readJdbi());
        var estateRoutes = new EstateRoutes(estates);
        var parcelRoutes = new ParcelRoutes(new ParcelRepository(database.readJdbi()), estates, vocabulary);
        var infrastructureRoutes = new InfrastructureRoutes(new InfrastructureRepository(database.readJdbi()));
        var site = new SiteRoutes(settings, database, vocabulary);
        var decisionLog = new DecisionLog(database.jdbi(), clock);
        var decisionRoutes = new DecisionRoutes(decisionLog);
        var accounts = new AccountService(database.jdbi(), clock);
        var auth = new Auth(accounts);
        var accountRoutes = new AccountRoutes(accounts, auth, new LoginLimiter(clock));
        if (settings.demoMode()) {
            DemoAccounts.ensure(database.jdbi(), accounts);
        }
        var reservations = new ReservationService(database.jdbi(), decisionLog, new SandboxGateway(clock), clock);
        var reservationRoutes = new ReservationRoutes(reservations, auth);
        var allocationRoutes = new AllocationRoutes(database.jdbi(), auth);
        var exportService = new ExportService(database.readJdbi(), decisionLog);
        var importRoutes = new ImportRoutes(
                new ImportService(database.jdbi(), decisionLog), exportService, auth);
        // Holds that lapsed while the server was down are expired before the first request is answered.
        var holdSweeper = HoldSweeper.start(reservations);
        var decisionSealer = DecisionSealer.start(decisionLog, 1000);
        var ogcRoutes = new OgcRoutes(new OgcRepository(database.readJdbi()), vocabulary);
        var tileRoutes = new TileRoutes(new TileRepository(database.readJdbi()));
        var planningRoutes = new PlanningRoutes(new PlanningRepository(database.readJdbi()), estates, exportService,
                auth, clock, vocabulary);
        var mailer = Mailer.fromUrl(settings.smtpUrl());
        var notifier = new Notifier(mailer, clock);
        var contracts = new ContractService(database.jdbi(), decisionLog, notifier, clock);
        var contractRoutes = new ContractRoutes(contracts, auth);
        var idleScan = new IdleScan(database.jdbi(), decisionLog, clock);
        var idleRoutes = new IdleRoutes(idleScan, new IdleCaseService(database.jdbi(), decisionLog, contracts, notifier,
                clock), new ReadingsImport(database.jdbi(), clock), auth, clock);
        var inboxRoutes = new InboxRoutes(database.jdbi(), auth, clock);
        if (settings.demoMode()) {
            SampleAllocations.seedOnce(database.jdbi(), decisionLog, clock);
        }
        var dailyScan = DailyScan.start(idleScan, clock, 5);

        Javalin server = Javalin.create(config -> {
            config.jsonMapper(new JavalinJackson(objectMapper(), false));
            config.http.maxRequestSize = MAX_REQUEST_BYTES;
            config.jetty.multipartConfig.maxTotalRequestSize(MAX_REQUEST_BYTES, SizeUnit.BYTES);
            // Javalin's automatic ETags hash every response body: 80 ms on a 2,000-plot answer. Off; tiles set their own.
            config.http.generateEtags = false;
            config.staticFiles.enableWebjars();
            config.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = "/web";
                files.location = Location.CLASSPATH;
            });
            config.startup.showJavalinBanner = false;
            // Java's default queue of not-yet-accepted connections holds 50: a crowd opening connections at one moment
            // (200 investors pressing "reserve" together) would overflow it and wait a second for SYN retries.
            config.jetty.addConnector((jetty, http) -> {
                var connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
                connector.setHost("0.0.0.0");
                connector.setPort(settings.port());
                connector.setAcceptQueueSize(ACCEPT_QUEUE);
                return connector;
            });

            var routes = config.routes;
            ErrorMapper.register(routes);
            // maxRequestSize guards bodies Javalin reads itself; multipart uploads are streamed by Jetty past it, so
            // a declared length over the limit is refused here, before any part is read or anything written.
            routes.before(ctx -> {
                if (ctx.contentLength() > MAX_REQUEST_BYTES) {
                    throw new ApiException(413, "payload_too_large", "the request is larger than "
                            + (MAX_REQUEST_BYTES >> 20) + " MB");
                }
            });
            routes.get("/health", site::health);
            routes.get("/api/config", site::config);
            routes.get("/api/estates", estateRoutes::list);
            routes.get("/api/estates/{code}", estateRoutes::get);
            routes.get("/api/parcels", parcelRoutes::search);
            routes.get("/api/parcels/{id}", parcelRoutes::get);
            routes.get("/api/infrastructure", infrastructureRoutes::search);
            routes.get("/api/decisions", decisionRoutes::list);
            routes.get("/api/decisions/verify", decisionRoutes::verify);
            routes.get("/api/exports/parcels", importRoutes::export);
            routes.post("/api/imports", importRoutes::upload);
            routes.post("/api/auth/register", accountRoutes::register);
            routes.post("/api/auth/login", accountRoutes::login);
            routes.post("/api/auth/logout", accountRoutes::logout);
            routes.get("/api/me", accountRoutes::me);
            routes.post("/api/tokens", accountRoutes::createToken);
            routes.post("/api/reservations", reservationRoutes::create);
            routes.get("/api/reservations", reservationRoutes::list);
            routes.get("/api/reservations/{id}", reservationRoutes::get);
            routes.post("/api/reservations/{id}/pay", reservationRoutes::pay);
            routes.post("/api/reservations/{id}/withdraw", reservationRoutes::withdraw);
            routes.post("/api/reservations/{id}/approve", reservationRoutes::approve);
            routes.post("/api/reservations/{id}/reject", reservationRoutes::reject);
            routes.get("/api/allocations", allocationRoutes::list);
            routes.get("/api/allocations/{id}", allocationRoutes::get);
            routes.get("/api/allocations/{id}/contract", contractRoutes::contract);
            routes.post("/api/allocations/{id}/milestones", contractRoutes::milestone);
            routes.post("/api/allocations/{id}/reports", contractRoutes::report);
            routes.post("/api/allocations/{id}/inspections", contractRoutes::inspection);
            routes.post("/api/allocations/{id}/extensions", contractRoutes::requestExtension);
            routes.post("/api/allocations/{id}/extensions/{request}/{decision}", contractRoutes::decideExtension);
            routes.get("/api/availability", auth.only(planningRoutes::availability, Role.PLANNER, Role.ADMIN));
            routes.get("/api/stats", auth.only(planningRoutes::stats, Role.PLANNER, Role.ADMIN));
            routes.get("/api/stats/what-if", auth.only(planningRoutes::whatIf, Role.PLANNER, Role.ADMIN));
            routes.post("/api/utility-readings", idleRoutes::importReadings);
            routes.post("/api/idle-scan", idleRoutes::scan);
            routes.get("/api/idle-cases", idleRoutes::list);
            routes.post("/api/idle-cases/{id}/reply", idleRoutes::reply);
            routes.post("/api/idle-cases/{id}/plan-items/{item}/met", idleRoutes::planItemMet);
            routes.post("/api/idle-cases/{id}/{action}", idleRoutes::act);
            routes.get("/api/inbox", inboxRoutes::list);
            routes.post("/api/inbox/{id}/read", inboxRoutes::markRead);
            ogcRoutes.register(routes);
            routes.get("/tiles/{layer}/{z}/{x}/{y}", tileRoutes::tile);
        });
        server.start();
        log.info("Zamin is serving on http://localhost:{}", server.port());
        return new App(server, database, ownsDatabase, holdSweeper, idleScan,
                List.of(holdSweeper, reservations, decisionSealer, dailyScan, () -> mailer.ifPresent(Mailer::close)));
    }

    public int port() {
        return server.port();
    }

    public Database database() {
        return database;
    }

    /** Runs the hold-expiry sweep now (tests move the clock, then call this); returns how many holds expired. */
    public int sweepHolds() {
        return holdSweeper.sweep();
    }

    /** The idle scan this server runs daily (tests and the CLI call it directly). */
    public IdleScan idleScan() {
        return idleScan;
    }

    @Override
    public void close() {
        for (AutoCloseable job : background) {
            try {
                job.close();
            } catch (Exception e) {
                log.warn("stopping a background job failed: {}", e.getMessage());
            }
        }
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
