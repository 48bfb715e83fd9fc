package org.zamin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.config.RoutesConfig;
import io.javalin.config.SizeUnit;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import jakarta.servlet.DispatcherType;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zamin.account.AccountRoutes;
import org.zamin.account.AccountService;
import org.zamin.account.Auth;
import org.zamin.account.DemoAccounts;
import org.zamin.account.LoginLimiter;
import org.zamin.account.RequestLimits;
import org.zamin.account.Role;
import org.zamin.account.RouteAccess;
import org.zamin.allocation.AllocationRoutes;
import org.zamin.allocation.ContractRoutes;
import org.zamin.allocation.ContractService;
import org.zamin.config.Settings;
import org.zamin.db.Database;
import org.zamin.decision.Checkpoint;
import org.zamin.decision.DecisionCheckpoints;
import org.zamin.decision.DecisionLog;
import org.zamin.decision.DecisionRoutes;
import org.zamin.decision.DecisionSealer;
import org.zamin.decision.LogSigningKey;
import org.zamin.demand.DemandRoutes;
import org.zamin.demand.DemandService;
import org.zamin.demand.SupplyRecorder;
import org.zamin.estate.EstateRepository;
import org.zamin.estate.EstateRoutes;
import org.zamin.http.BodyLimits;
import org.zamin.http.ClientAddress;
import org.zamin.http.Cors;
import org.zamin.http.CrossSite;
import org.zamin.http.ErrorMapper;
import org.zamin.http.HeadAsGet;
import org.zamin.http.InFlightLimit;
import org.zamin.http.JettyErrors;
import org.zamin.http.RequestLog;
import org.zamin.http.SecurityHeaders;
import org.zamin.idle.DailyScan;
import org.zamin.idle.IdleCaseService;
import org.zamin.idle.IdleRoutes;
import org.zamin.idle.IdleScan;
import org.zamin.idle.ReadingsImport;
import org.zamin.idle.ReplyReminders;
import org.zamin.inbox.InboxRoutes;
import org.zamin.inbox.KeyedMailOutbox;
import org.zamin.inbox.Mailer;
import org.zamin.investor.InvestorRoutes;
import org.zamin.investor.InvestorService;
import org.zamin.inbox.Notifier;
import org.zamin.infrastructure.InfrastructureRepository;
import org.zamin.infrastructure.InfrastructureRoutes;
import org.zamin.metrics.Metrics;
import org.zamin.metrics.MetricsRoutes;
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
import org.zamin.payment.PaymentRoutes;
import org.zamin.payment.PaymentService;
import org.zamin.payment.SandboxRoutes;
import org.zamin.register.IdleRegisterStore;
import org.zamin.register.RegisterRoutes;
import org.zamin.reservation.HoldSweeper;
import org.zamin.reservation.ReservationRoutes;
import org.zamin.reservation.ReservationService;
import org.zamin.reservation.SandboxGateway;
import org.zamin.revival.RevivalRoutes;
import org.zamin.revival.RevivalService;
import org.zamin.round.AwardService;
import org.zamin.round.ObjectionService;
import org.zamin.round.RoundRoutes;
import org.zamin.round.RoundService;
import org.zamin.sample.SampleAllocations;
import org.zamin.site.SiteRoutes;
import org.zamin.tiles.TileRepository;
import org.zamin.tiles.TileRoutes;

/** The wiring: settings → database → feature services ({@code Features.wire}) → the route table. */
public final class App implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(App.class);

    /** Connections the kernel may queue before the server accepts them (capped by net.core.somaxconn). */
    static final int ACCEPT_QUEUE = 1024;
    /** While the server stops, a connection with no traffic for this long is closed. */
    static final long SHUTDOWN_IDLE_TIMEOUT_MS = 5_000;

    /** The routes that take files; every other route takes a JSON body of at most {@link BodyLimits#JSON_BYTES}. */
    static final BodyLimits BODY_LIMITS = new BodyLimits("/api/imports", "/api/utility-readings",
            "/api/allocations/{id}/reports", "/api/allocations/{id}/inspections");

    private final Javalin server;
    private final Database database;
    private final boolean ownsDatabase;
    private final HoldSweeper holdSweeper;
    private final IdleScan idleScan;
    private final DecisionCheckpoints checkpoints;
    private final List<AutoCloseable> background;
    private final GracefulHandler inFlight;

    private App(Javalin server, Database database, boolean ownsDatabase, Features f, GracefulHandler inFlight) {
        this.server = server;
        this.database = database;
        this.ownsDatabase = ownsDatabase;
        this.holdSweeper = f.holdSweeper();
        this.idleScan = f.idleScan();
        this.checkpoints = f.checkpoints();
        this.background = f.background();
        this.inFlight = inFlight;
    }

    /** Starts the HTTP server on {@code settings.port()} (0 = any free port) over an open database. */
    public static App start(Settings settings, Database database, boolean ownsDatabase) {
        return start(settings, database, ownsDatabase, Clock.systemUTC());
    }

    /** As {@link #start(Settings, Database, boolean)}, with the clock every feature reads (tests control it). */
    public static App start(Settings settings, Database database, boolean ownsDatabase, Clock clock) {
        Features f = Features.wire(settings, database, clock);
        GracefulHandler inFlight = new GracefulHandler();
        Javalin server = Javalin.create(config -> {
            // first of all: every request gets its id (and every failure after this carries it), and one log line
            var requestLog = new RequestLog(ctx -> f.auth().accountId(ctx), f.metrics()::answered);
            config.routes.before(requestLog::begin);
            config.requestLogger.http(requestLog::answered);
            configureServer(config, settings, inFlight);
            registerRoutes(config.routes, f);
        });
        server.start();
        log.info("Zamin is serving on http://localhost:{}", server.port());
        return new App(server, database, ownsDatabase, f, inFlight);
    }

    /** Every feature's routes and the jobs that run beside them, wired from the settings, database and clock. */
    private record Features(SiteRoutes site, EstateRoutes estates, ParcelRoutes parcels,
            InfrastructureRoutes infrastructure, DecisionRoutes decisions, ImportRoutes imports,
            AccountRoutes accounts, Auth auth, ReservationRoutes reservations, AllocationRoutes allocations,
            ContractRoutes contracts, RoundRoutes rounds, PlanningRoutes planning, IdleRoutes idle, InboxRoutes inbox,
            OgcRoutes ogc, TileRoutes tiles, MetricsRoutes metrics, InvestorRoutes investors, ClientAddress clients,
            HoldSweeper holdSweeper, IdleScan idleScan, DecisionCheckpoints checkpoints, DemandRoutes demand,
            PaymentRoutes payments, SandboxRoutes sandbox,
            List<AutoCloseable> background, RegisterRoutes register, RevivalRoutes revival) {

        static Features wire(Settings settings, Database database, Clock clock) {
            // public map: read-only pool
            var read = database.readJdbi();
            var vocabulary = Vocabulary.load(read);
            var estates = new EstateRepository(read);
            // accounts and the decision log
            var decisionLog = new DecisionLog(database.jdbi());
            var checkpoints = new DecisionCheckpoints(database.jdbi(), decisionLog,
                    LogSigningKey.load(settings.logSigningKey(), settings.dataDir()),
                    DecisionCheckpoints.fileIn(settings.dataDir()));
            var mailer = Mailer.fromUrl(settings.smtpUrl());
            var notifier = new Notifier(mailer, clock);
            var accounts = new AccountService(database.jdbi(), clock, notifier,
                    settings.publicUrl().map(java.net.URI::toString).orElse(""));
            var auth = new Auth(accounts);
            var clients = new ClientAddress(settings.trustedProxies());
            var requestLimits = new RequestLimits(clock, settings.requestRates().holdsPerMinute(),
                    settings.requestRates().applicationsPerMinute());
            if (settings.demoMode()) {
                DemoAccounts.ensure(accounts);
            }
            // reservations, imports and exports
            var gateway = new SandboxGateway(clock, database.jdbi());
            var reservations = new ReservationService(database.jdbi(), decisionLog, gateway, notifier, clock,
                    settings.openOffers().holdCooldown());
            var investors = new InvestorService(database.jdbi(), decisionLog, gateway,
                    settings.openOffers().deposit(), clock);
            if (settings.demoMode()) {
                investors.readyDemoInvestors(DemoAccounts.ACCOUNTS.stream()
                        .filter(a -> a.role() == org.zamin.account.Role.INVESTOR).map(DemoAccounts.Account::email)
                        .toList());
            }
            var metrics = new Metrics();
            var exportService = new ExportService(read, decisionLog, metrics);
            // holds that lapsed while the server was down expire before the first request (and before demo seeding)
            // allocation rounds' award deposits: their unpaid holds lapse with the reservations' in the same sweep
            var roundAwards = new AwardService(database.jdbi(), decisionLog, gateway, notifier, clock);
            // payments on the gateway's page; the sweep also sends the time-based reminders (each once)
            var payments = new PaymentService(database.jdbi(), decisionLog, gateway, reservations, notifier, clock);
            var replyReminders = new ReplyReminders(database.jdbi(), notifier, clock);
            // rounds close and publish themselves at their closing time, in the same sweep, before award lapses
            var roundService = new RoundService(database.jdbi(), decisionLog, clock, roundAwards);
            var holdSweeper = HoldSweeper.start(reservations, roundService::closeDue, roundAwards::lapseDue,
                    roundAwards::allocateDue,
                    reservations::remindEndingHolds, payments::remindInstalments, replyReminders::remind);
            var decisionSealer = DecisionSealer.start(decisionLog, checkpoints, 1000);
            // contracts, notices and idle land
            var contracts = new ContractService(database.jdbi(), decisionLog, notifier, clock);
            var idleScan = new IdleScan(database.jdbi(), decisionLog, clock);
            var idleCases = new IdleCaseService(database.jdbi(), decisionLog, contracts, notifier, clock);
            if (settings.demoMode()) {
                SampleAllocations.seedOnce(database.jdbi(), decisionLog, clock);
                org.zamin.sample.SampleRevival.seedOnce(database.jdbi(), decisionLog, clock);
            }
            var dailyScan = DailyScan.start(idleScan, clock, 5);
            // the waitlist: requests, the daily supply record and the e-mails of keyed notifications
            var demand = new DemandService(database.jdbi(), clock);
            var supplyRecorder = SupplyRecorder.start(demand);
            var keyedMail = KeyedMailOutbox.start(database.jdbi(), mailer);
            // what operators watch: the pools, the disk, the hold desk, the sealer's lag, the idle scan
            metrics.bindDatabase(database);
            metrics.bindDisk(settings.dataDir());
            metrics.bindHoldDesk(reservations);
            metrics.bindSealer(decisionLog);
            metrics.bindIdleScan(idleScan);
            List<AutoCloseable> background = List.of(holdSweeper, reservations, decisionSealer, dailyScan,
                    supplyRecorder, keyedMail, () -> mailer.ifPresent(Mailer::close));
            return new Features(
                    new SiteRoutes(settings, database, vocabulary),
                    new EstateRoutes(estates),
                    new ParcelRoutes(new ParcelRepository(read), estates, vocabulary),
                    new InfrastructureRoutes(new InfrastructureRepository(read)),
                    new DecisionRoutes(decisionLog, checkpoints),
                    new ImportRoutes(new ImportService(database.jdbi(), decisionLog), exportService, auth),
                    new AccountRoutes(accounts, auth,
                            new LoginLimiter(clock, settings.requestRates().signInAttemptsPerMinute()), clients),
                    auth,
                    new ReservationRoutes(reservations, auth, requestLimits),
                    new AllocationRoutes(database.jdbi(), auth),
                    new ContractRoutes(contracts, auth),
                    new RoundRoutes(roundService,
                            new ObjectionService(database.jdbi(), decisionLog, clock, roundAwards), roundAwards, auth,
                            requestLimits),
                    new PlanningRoutes(new PlanningRepository(read), estates, exportService, auth, clock, vocabulary),
                    new IdleRoutes(idleScan, idleCases, new ReadingsImport(database.jdbi(), clock), auth, clock,
                            settings.demoMode()),
                    new InboxRoutes(database.jdbi(), auth, clock),
                    new OgcRoutes(new OgcRepository(read), vocabulary, metrics),
                    new TileRoutes(new TileRepository(read), vocabulary),
                    new MetricsRoutes(metrics),
                    new InvestorRoutes(investors, auth),
                    clients, holdSweeper, idleScan, checkpoints, new DemandRoutes(demand, auth),
                    new PaymentRoutes(payments, auth), new SandboxRoutes(gateway, payments), background,
                    new RegisterRoutes(new IdleRegisterStore(database.jdbi()), auth, clock),
                    new RevivalRoutes(new RevivalService(database.jdbi(), decisionLog, idleCases, notifier, clock),
                            auth));
        }
    }

    /**
     * JSON, request size limits, security headers and Jetty's own errors, static files and the connector with its
     * timeouts.
     */
    private static void configureServer(JavalinConfig config, Settings settings, GracefulHandler inFlight) {
        config.jsonMapper(new JavalinJackson(objectMapper(), false));
        // Jetty adds the headers to every request it parsed, before any handler; what it could not parse (a URI or
        // header fields over its limits) it answers through JettyErrors, which adds them too.
        SecurityHeaders securityHeaders = SecurityHeaders.from(settings);
        JettyErrors jettyErrors = new JettyErrors(securityHeaders);
        config.jetty.modifyHttpConfiguration(http -> {
            http.addCustomizer(securityHeaders);
            http.setMinRequestDataRate(settings.serverLimits().minRequestBytesPerSecond());
        });
        config.jetty.modifyServer(jetty -> {
            jetty.setErrorHandler(jettyErrors);
            // one cap on open connections for the whole server: past it, Jetty stops accepting until one closes
            jetty.addBean(new org.eclipse.jetty.server.NetworkConnectionLimit(
                    settings.serverLimits().maxConnections(), jetty));
        });
        // Stopping: no new connections, requests in flight finish (new ones on open connections get 503) for up to
        // the grace time, then the rest is cut. Javalin puts its handler inside this one.
        config.jetty.modifyServer(jetty -> {
            jetty.setHandler(inFlight);
            jetty.setStopTimeout(settings.shutdownGrace().toMillis());
        });
        config.jetty.modifyServletContextHandler(context -> context.setErrorHandler(jettyErrors));
        // CORS on the public read routes, and HEAD as GET without the body, before Javalin sees the request
        Cors cors = new Cors(settings.corsOrigins(), RouteAccess.publicReads());
        config.jetty.modifyServletContextHandler(context -> {
            context.addFilter(new FilterHolder(cors), "/*", EnumSet.of(DispatcherType.REQUEST));
            context.addFilter(new FilterHolder(new HeadAsGet()), "/*", EnumSet.of(DispatcherType.REQUEST));
        });
        // Bodies Javalin reads itself (JSON), with or without a declared length, stop at the JSON limit; file forms
        // are streamed by Jetty up to the upload limit.
        config.http.maxRequestSize = BodyLimits.JSON_BYTES;
        config.jetty.multipartConfig.maxTotalRequestSize(BodyLimits.UPLOAD_BYTES, SizeUnit.BYTES);
        // Javalin's automatic ETags hash every response body: 80 ms on a 2,000-plot answer. Off; tiles set their own.
        config.http.generateEtags = false;
        // a method a path does not take is 405 method_not_allowed, not a misleading 404
        config.http.prefer405over404 = true;
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
            connector.setIdleTimeout(settings.serverLimits().idleTimeoutMs());
            // while stopping, a connection that moves nothing for this long is closed (an idle kept-alive one too, so
            // the stop does not wait for it); Jetty's default, 1 s, would also cut a slow client's upload that pauses
            connector.setShutdownIdleTimeout(SHUTDOWN_IDLE_TIMEOUT_MS);
            return connector;
        });
    }

    /**
     * The routes, feature by feature: path, method, handler. Who may call each is declared in
     * {@link RouteAccess#TABLE} and checked before the handler runs; a route missing there is refused to everyone.
     */
    private static void registerRoutes(RoutesConfig routes, Features f) {
        ErrorMapper.register(routes);
        // before any handler reads a body: its declared size, then its client's requests in flight
        routes.before(BODY_LIMITS::refuseDeclaredOversize);
        var inFlight = new InFlightLimit(ctx -> f.auth().accountId(ctx).map(InFlightLimit.Client::account)
                .orElseGet(() -> InFlightLimit.Client.address(f.clients().of(ctx))));
        routes.before(inFlight::admit);
        routes.after(inFlight::leave);
        routes.beforeMatched(new RouteAccess(f.auth())::check);
        // site and public map
        routes.get("/health", f.site()::health);
        routes.get("/metrics", f.metrics()::scrape);
        routes.get("/api/config", f.site()::config);
        routes.get("/api/estates", f.estates()::list);
        routes.get("/api/estates/{code}", f.estates()::get);
        routes.get("/api/parcels", f.parcels()::search);
        routes.get("/api/parcels/{id}", f.parcels()::get);
        routes.get("/api/infrastructure", f.infrastructure()::search);
        routes.get("/api/decisions", f.decisions()::list);
        routes.get("/api/decisions/verify", f.decisions()::verify);
        routes.get("/api/decisions/checkpoints", f.decisions()::checkpoints);
        // parcel files
        f.imports().register(routes);
        // accounts: the sign-in endpoints take only JSON, and only from this site; token requests only JSON
        routes.before("/api/auth/*", CrossSite::authEndpoint);
        routes.before("/api/tokens", CrossSite::jsonOnly);
        routes.before("/api/tokens/*", CrossSite::jsonOnly);
        routes.post("/api/auth/register", f.accounts()::register);
        routes.post("/api/auth/login", f.accounts()::login);
        routes.post("/api/auth/logout", f.accounts()::logout);
        routes.post("/api/auth/confirm", f.accounts()::confirm);
        routes.get("/api/me", f.accounts()::me);
        routes.post("/api/tokens", f.accounts()::createToken);
        routes.get("/api/tokens", f.accounts()::listTokens);
        routes.delete("/api/tokens/{id}", f.accounts()::revokeToken);
        // investors fit to hold in OPEN offers: identity, documents verified by staff, the open-offer deposit
        routes.before("/api/me/*", CrossSite::jsonOnly);
        routes.get("/api/me/standing", f.investors()::standing);
        routes.post("/api/me/identity", f.investors()::setIdentity);
        routes.post("/api/me/deposit", f.investors()::payDeposit);
        routes.post("/api/investors/{id}/verify", f.investors()::verifyDocuments);
        // reservations
        routes.post("/api/reservations", f.reservations()::create);
        routes.get("/api/reservations", f.reservations()::list);
        routes.get("/api/reservations/{id}", f.reservations()::get);
        routes.post("/api/reservations/{id}/pay", f.reservations()::pay);
        routes.post("/api/reservations/{id}/payment", f.payments()::payDeposit);
        routes.post("/api/reservations/{id}/withdraw", f.reservations()::withdraw);
        routes.post("/api/reservations/{id}/approve", f.reservations()::approve);
        routes.post("/api/reservations/{id}/reject", f.reservations()::reject);
        // allocations and contracts
        routes.get("/api/allocations", f.allocations()::list);
        routes.get("/api/allocations/{id}", f.allocations()::get);
        routes.get("/api/allocations/{id}/contract", f.contracts()::contract);
        routes.post("/api/allocations/{id}/milestones", f.contracts()::milestone);
        routes.post("/api/allocations/{id}/reports", f.contracts()::report);
        routes.post("/api/allocations/{id}/inspections", f.contracts()::inspection);
        routes.post("/api/allocations/{id}/extensions", f.contracts()::requestExtension);
        routes.post("/api/allocations/{id}/extensions/{request}/{decision}", f.contracts()::decideExtension);
        // payments on the gateway's page, receipts, overdue instalments; the sandbox gateway's page
        routes.get("/api/allocations/{id}/instalments", f.payments()::instalments);
        routes.post("/api/allocations/{id}/instalments/{number}/payment", f.payments()::payInstalment);
        routes.get("/api/payments/{token}", f.payments()::receipt);
        routes.get("/api/instalments/overdue", f.payments()::overdue);
        routes.get("/api/sandbox/{token}", f.sandbox()::show);
        routes.post("/api/sandbox/{token}/{action}", f.sandbox()::decide);
        // offers and allocation rounds
        routes.get("/api/offers", f.rounds()::list);
        routes.post("/api/offers", f.rounds()::create);
        routes.get("/api/offers/{id}", f.rounds()::get);
        routes.post("/api/offers/{id}/publish", f.rounds()::publish);
        routes.post("/api/offers/{id}/close", f.rounds()::close);
        routes.post("/api/offers/{id}/applications", f.rounds()::apply);
        routes.get("/api/offers/{id}/applications", f.rounds()::applications);
        routes.get("/api/offers/{id}/result", f.rounds()::result);
        routes.get("/api/offers/{id}/result/document", f.rounds()::document);
        routes.get("/api/offers/{id}/objections", f.rounds()::objections);
        routes.post("/api/offers/{id}/objections", f.rounds()::object);
        routes.post("/api/offers/{id}/objections/{objection}/answer", f.rounds()::answerObjection);
        routes.get("/api/offers/{id}/awards", f.rounds()::awards);
        routes.post("/api/offers/{id}/award/pay", f.rounds()::payAward);
        // planning (planners and admins)
        routes.get("/api/availability", f.planning()::availability);
        routes.get("/api/stats", f.planning()::stats);
        routes.get("/api/stats/what-if", f.planning()::whatIf);
        // idle land (the revival desk's idle-case routes before the idle package's generic action route)
        f.revival().register(routes);
        f.idle().register(routes);
        f.register().register(routes);
        // inbox
        routes.get("/api/inbox", f.inbox()::list);
        routes.post("/api/inbox/{id}/read", f.inbox()::markRead);
        routes.post("/api/inbox/language", f.inbox()::language);
        // waitlist and demand
        routes.post("/api/demand", f.demand()::register);
        routes.get("/api/demand", f.demand()::mine);
        routes.post("/api/demand/{id}/withdraw", f.demand()::withdraw);
        routes.get("/api/stats/demand", f.demand()::unmet);
        // protocol adapters
        f.ogc().register(routes);
        routes.get("/tiles/{layer}/{z}/{x}/{y}", f.tiles()::tile);
        routes.get("/tiles/{layer}.json", f.tiles()::tileJson);
    }

    public int port() {
        return server.port();
    }

    public Database database() {
        return database;
    }

    /** Every HTTP route the server registered (method and path pattern), for checking them against the access table. */
    public List<RouteAccess.Route> routes() {
        return server.unsafe.internalRouter.allHttpHandlers().stream()
                .map(parsed -> parsed.endpoint)
                .filter(endpoint -> endpoint.method.isHttpMethod())
                .map(endpoint -> new RouteAccess.Route(endpoint.method.name(), endpoint.path))
                .toList();
    }

    /** Runs the hold-expiry sweep now (tests move the clock, then call this); returns how many holds expired and
     * reminders were sent. */
    public int sweepHolds() {
        return holdSweeper.sweep();
    }

    /** Signs a checkpoint of the decision log's head now (the server does every few minutes; tests call this). */
    public Optional<Checkpoint> checkpointLog() {
        return checkpoints.checkpointNow();
    }

    /** The idle scan this server runs daily (tests and the CLI call it directly). */
    public IdleScan idleScan() {
        return idleScan;
    }

    /**
     * Stops gracefully: first the HTTP server (no new connections; requests in flight finish within the grace time),
     * then the jobs beside it (the hold desk and the sealer finish what they hold), then the pool and the cluster.
     */
    @Override
    public void close() {
        log.info("stopping: no new connections; {} requests in flight get up to {} s to finish",
                inFlight.getCurrentRequestCount(), inFlight.getServer().getStopTimeout() / 1000);
        server.stop();
        for (AutoCloseable job : background) {
            try {
                job.close();
            } catch (Exception e) {
                log.warn("stopping a background job failed: {}", e.getMessage());
            }
        }
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
