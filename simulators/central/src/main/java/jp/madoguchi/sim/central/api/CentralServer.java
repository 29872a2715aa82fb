package jp.madoguchi.sim.central.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.security.cert.X509Certificate;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import jp.madoguchi.sim.central.CentralSystem;
import jp.madoguchi.sim.central.Json;
import jp.madoguchi.sim.central.domain.CentralEvents;
import jp.madoguchi.sim.central.domain.IngestAnswer;
import jp.madoguchi.sim.central.domain.OperationIngest;
import jp.madoguchi.sim.central.faults.FaultInjector;
import jp.madoguchi.sim.central.faults.FaultSettings;
import jp.madoguchi.sim.central.pki.CertKind;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTPS + mutual TLS API of sync-protocol.md (Javalin on Jetty, TLS 1.3 only, client
 * certificates of the simulator's CA required in the handshake) and the plain-HTTP admin port on
 * loopback for fault switches and central-side drills. Handlers are stateless; all state is in
 * {@link CentralSystem}.
 */
public final class CentralServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CentralServer.class);
    private static final String REQUEST_ID = "X-Request-Id";

    private final CentralSystem system;
    private final FaultInjector faults;
    private final CentralEvents events;
    private final AtomicReference<ServerConnector> connector = new AtomicReference<>();
    private Javalin api;
    private Javalin admin;
    private java.util.concurrent.ScheduledExecutorService sweeper;
    private int port;

    private CentralServer(CentralSystem system, FaultInjector faults) {
        this.system = system;
        this.faults = faults;
        this.events = new CentralEvents(system.database(), system.clock());
    }

    /**
     * Starts the API on {@code host:port} (0 = any free port) and, when {@code adminPort} ≥ 0, the
     * admin port on 127.0.0.1 (0 = any free port).
     */
    public static CentralServer start(CentralSystem system, FaultInjector faults, String host, int port, int adminPort) {
        CentralServer server = new CentralServer(system, faults);
        server.startApi(host, port);
        if (adminPort >= 0) {
            server.startAdmin(adminPort);
        }
        faults.onPartitionChange(server::partition);
        if (faults.settings().partition()) {
            server.partition(faults.settings());
        }
        server.startExpirySweep();
        return server;
    }

    public int port() {
        return port;
    }

    public int adminPort() {
        return admin == null ? -1 : admin.port();
    }

    private void startApi(String host, int requestedPort) {
        char[] password = UUID.randomUUID().toString().toCharArray();
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStore(system.keys().tls().serverKeyStore(password, host));
        ssl.setKeyStorePassword(new String(password));
        ssl.setTrustStore(system.keys().tls().trustStore());
        ssl.setNeedClientAuth(true);
        ssl.setIncludeProtocols("TLSv1.3");
        ssl.setSniRequired(false);
        api = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.http.maxRequestSize = 16L * 1024 * 1024;
            cfg.jetty.addConnector((server, httpConfig) -> {
                HttpConfiguration https = new HttpConfiguration(httpConfig);
                SecureRequestCustomizer secure = new SecureRequestCustomizer();
                secure.setSniHostCheck(false);
                https.addCustomizer(secure);
                ServerConnector c = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"),
                        new HttpConnectionFactory(https));
                c.setHost(host);
                c.setPort(requestedPort);
                c.setReuseAddress(true);
                connector.set(c);
                return c;
            });
            cfg.routes.before(this::beforeApi);
            cfg.routes.get("/v1/health", ctx -> send(ctx, new IngestAnswer(200,
                    Json.object().put("status", "UP").put("time", Json.instant(system.clock().instant())))));
            cfg.routes.post("/v1/operations", this::operations);
            cfg.routes.get("/v1/offices/{officeCode}/feed", ctx -> {
                if (officeMatches(ctx)) {
                    send(ctx, system.queries().feed(ctx.pathParam("officeCode"), ctx.queryParam("after"), ctx.queryParam("limit")));
                }
            });
            cfg.routes.get("/v1/offices/{officeCode}/cases", ctx -> {
                if (officeMatches(ctx)) {
                    send(ctx, system.queries().cases(ctx.pathParam("officeCode")));
                }
            });
            cfg.routes.post("/v1/offices/{officeCode}/cases/{caseId}/close", ctx -> {
                JsonNode body = jsonBody(ctx);
                if (body != null && officeMatches(ctx)) {
                    send(ctx, system.queries().closeCase(ctx.pathParam("officeCode"), ctx.pathParam("caseId"),
                            body.path("supervisorId").asText(null), body.path("resolution").asText(null)));
                }
            });
            cfg.routes.post("/v1/offices/{officeCode}/cases/{caseId}/notes", ctx -> {
                JsonNode body = jsonBody(ctx);
                if (body != null && officeMatches(ctx)) {
                    send(ctx, system.queries().noteCase(ctx.pathParam("officeCode"), ctx.pathParam("caseId"),
                            body.path("staffId").asText(null), body.path("text").asText(null)));
                }
            });
            cfg.routes.post("/v1/certificates", ctx -> {
                JsonNode body = jsonBody(ctx);
                if (body != null) {
                    WorkstationIdentity who = identity(ctx);
                    send(ctx, system.certificates().request(body, who.officeType(), who.windowId()));
                }
            });
            cfg.routes.get("/v1/crl/{kind}", ctx -> {
                CertKind kind;
                try {
                    kind = CertKind.valueOf(ctx.pathParam("kind").toUpperCase(java.util.Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    send(ctx, IngestAnswer.error(404, "UNKNOWN_KIND", "CRL kinds are sign and auth"));
                    return;
                }
                ctx.contentType("application/pkix-crl");
                ctx.result(system.certificates().crl(kind));
            });
            cfg.routes.error(404, ctx -> {
                if (ctx.result() == null || ctx.result().isEmpty()) {
                    send(ctx, IngestAnswer.error(404, "NOT_FOUND", "no such resource: " + ctx.path()));
                }
            });
            cfg.routes.exception(InjectedFault.class, (e, ctx) -> { });
            cfg.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("request {} failed", ctx.header(REQUEST_ID), e);
                send(ctx, IngestAnswer.error(500, "INTERNAL", "internal error"));
            });
        });
        api.start();
        port = connector.get().getLocalPort();
        LOG.info("central API listening on https://{}:{} (TLS 1.3, client certificates required)", host, port);
    }

    /** Thrown by the fault gate once it has answered (or dropped) the request itself. */
    private static final class InjectedFault extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InjectedFault() {
            super(null, null, false, false);
        }
    }

    private void beforeApi(Context ctx) throws Exception {
        String id = ctx.header(REQUEST_ID);
        if (id == null || id.isBlank()) {
            id = UUID.randomUUID().toString();
        }
        ctx.attribute(REQUEST_ID, id);
        ctx.header(REQUEST_ID, id);
        FaultSettings s = faults.settings();
        if (!s.any()) {
            return;
        }
        if (s.latencyMillis() > 0) {
            Thread.sleep(s.latencyMillis());
        }
        switch (faults.decide(ctx.method() + " " + ctx.path())) {
            case RESET -> {
                reset(ctx);
                throw new InjectedFault();
            }
            case HANG -> {
                long generation = faults.generation();
                long until = System.nanoTime() + 30L * 60 * 1_000_000_000L;
                while (faults.generation() == generation && System.nanoTime() < until) {
                    Thread.sleep(50);
                }
                reset(ctx);
                throw new InjectedFault();
            }
            case UNAVAILABLE -> {
                ctx.header("Retry-After", Integer.toString(s.retryAfterSeconds()));
                send(ctx, IngestAnswer.error(503, "UNAVAILABLE", "injected: service unavailable"));
                throw new InjectedFault();
            }
            case THROTTLED -> {
                ctx.header("Retry-After", Integer.toString(s.retryAfterSeconds()));
                send(ctx, IngestAnswer.error(429, "TOO_MANY_REQUESTS", "injected: too many requests"));
                throw new InjectedFault();
            }
            case ERROR -> {
                send(ctx, IngestAnswer.error(500, "INJECTED_ERROR", "injected: internal error"));
                throw new InjectedFault();
            }
            default -> { }
        }
    }

    /** Drops the TCP connection with an RST (SO_LINGER 0), without a TLS close or an HTTP answer. */
    private static void reset(Context ctx) {
        try {
            EndPoint ep = ServletContextRequest.getServletContextRequest(ctx.req()).getConnectionMetaData().getConnection().getEndPoint();
            while (ep instanceof EndPoint.Wrapper w) {
                ep = w.unwrap();
            }
            if (ep instanceof org.eclipse.jetty.io.ssl.SslConnection.SslEndPoint ssl) {
                ep = ssl.getSslConnection().getEndPoint();
            }
            if (ep instanceof SocketChannelEndPoint sc) {
                SocketChannel ch = (SocketChannel) sc.getChannel();
                ch.setOption(StandardSocketOptions.SO_LINGER, 0);
                ch.close();
            }
            ep.close();
        } catch (java.io.IOException e) {
            LOG.debug("reset of a connection failed", e);
        }
    }

    private void partition(FaultSettings s) {
        ServerConnector c = connector.get();
        try {
            if (s.partition()) {
                c.setPort(port);
                c.stop();
                LOG.info("fault: partition on, port {} refuses connections", port);
            } else if (!c.isStarted()) {
                c.start();
                LOG.info("fault: partition off, port {} accepts connections again", port);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot switch the partition fault", e);
        }
    }

    private static WorkstationIdentity identity(Context ctx) {
        X509Certificate[] chain = (X509Certificate[]) ctx.req().getAttribute("jakarta.servlet.request.X509Certificate");
        if (chain == null || chain.length == 0) {
            // The handshake requires a client certificate, so this only happens if the connector is misconfigured.
            throw new IllegalStateException("no client certificate on a mutual-TLS connection");
        }
        return WorkstationIdentity.of(chain[0]);
    }

    private static boolean officeMatches(Context ctx) {
        WorkstationIdentity who = identity(ctx);
        if (!who.officeCode().equals(ctx.pathParam("officeCode"))) {
            send(ctx, IngestAnswer.error(403, "CERT_MISMATCH", "the certificate is for office " + who.officeCode()));
            return false;
        }
        return true;
    }

    private static JsonNode jsonBody(Context ctx) {
        try {
            // From the bytes: Jackson's UTF-8 parser, without first decoding a large batch into a String.
            JsonNode body = Json.parse(ctx.bodyAsBytes());
            if (body != null && body.isObject()) {
                return body;
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // answered below
        }
        send(ctx, IngestAnswer.error(400, "MALFORMED", "the body is not a JSON object"));
        return null;
    }

    private void operations(Context ctx) throws Exception {
        JsonNode body = jsonBody(ctx);
        if (body == null) {
            return;
        }
        WorkstationIdentity who = identity(ctx);
        OperationIngest.Batch batch = OperationIngest.read(body, who.officeType());
        if (batch.refusal() != null) {
            send(ctx, batch.refusal());
            return;
        }
        if (!who.terminalId().equals(batch.terminalId())) {
            send(ctx, IngestAnswer.error(403, "CERT_MISMATCH", "terminalId does not match the certificate"));
            return;
        }
        send(ctx, system.ingest().ingest(who.officeCode(), who.officeType(), who.terminalId(), batch));
    }

    private static void send(Context ctx, IngestAnswer answer) {
        if (answer.text() != null) {
            ctx.status(answer.status());
            ctx.contentType("application/json; charset=utf-8");
            ctx.result(answer.text());
            return;
        }
        ObjectNode body = answer.body();
        String id = ctx.attribute(REQUEST_ID);
        if (answer.status() >= 300 && id != null) {
            body.put("requestId", id);
        }
        ctx.status(answer.status());
        ctx.contentType("application/json; charset=utf-8");
        ctx.result(Json.write(body));
    }

    /**
     * Certificates and cards reach their end of validity by the clock alone (counter-rules §4.2/§4.3): a
     * sweep every minute moves them (see {@link CentralEvents#expire()}) on one daemon thread; the first
     * runs a minute after start.
     */
    private void startExpirySweep() {
        sweeper = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "central-expiry");
            t.setDaemon(true);
            return t;
        });
        sweeper.scheduleWithFixedDelay(() -> {
            try {
                IngestAnswer a = events.expire();
                if (a.body().path("certificatesExpired").asInt() + a.body().path("cardsExpired").asInt() > 0) {
                    LOG.info("end of validity: {}", a.body());
                }
            } catch (Exception e) {
                LOG.warn("expiry sweep failed; it runs again in a minute", e);
            }
        }, 60, 60, java.util.concurrent.TimeUnit.SECONDS);
    }

    private void startAdmin(int adminPort) {
        admin = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.jetty.host = "127.0.0.1";
            cfg.jetty.port = adminPort;
            cfg.routes.get("/admin/faults", ctx -> send(ctx, new IngestAnswer(200, faults.settings().toJson())));
            cfg.routes.put("/admin/faults", ctx -> {
                JsonNode body = jsonBody(ctx);
                if (body == null) {
                    return;
                }
                try {
                    faults.set(faults.settings().with(body));
                } catch (IllegalArgumentException e) {
                    send(ctx, IngestAnswer.error(400, "BAD_FAULT", e.getMessage()));
                    return;
                }
                LOG.info("fault settings now {}", faults.settings());
                send(ctx, new IngestAnswer(200, faults.settings().toJson()));
            });
            cfg.routes.delete("/admin/faults", ctx -> {
                faults.set(FaultSettings.NONE);
                send(ctx, new IngestAnswer(200, faults.settings().toJson()));
            });
            cfg.routes.post("/admin/cards/{cardSerial}/suspend", ctx -> send(ctx, events.suspend(ctx.pathParam("cardSerial"))));
            cfg.routes.post("/admin/cards/{cardSerial}/expiry-notice", ctx -> send(ctx, events.expiryNotice(ctx.pathParam("cardSerial"))));
            cfg.routes.post("/admin/offices/{officeCode}/config", ctx -> {
                JsonNode body = jsonBody(ctx);
                if (body != null) {
                    send(ctx, events.officeConfig(ctx.pathParam("officeCode"), body));
                }
            });
            cfg.routes.post("/admin/expire", ctx -> send(ctx, events.expire()));
            cfg.routes.post("/admin/applications/{applicationId}/status", ctx -> {
                JsonNode body = jsonBody(ctx);
                if (body != null) {
                    send(ctx, events.moveApplication(ctx.pathParam("applicationId"), body.path("status").asText(null),
                            body.path("reason").asText(null)));
                }
            });
            cfg.routes.post("/admin/cards/{cardSerial}/revoke", ctx -> {
                String reason = ctx.queryParam("reason");
                send(ctx, events.revoke(ctx.pathParam("cardSerial"), reason == null ? "OFFICIAL_CORRECTION" : reason));
            });
        });
        admin.start();
        LOG.info("central admin port on http://127.0.0.1:{}/admin/faults", admin.port());
    }

    @Override
    public void close() {
        if (sweeper != null) {
            sweeper.shutdownNow();
        }
        if (admin != null) {
            admin.stop();
        }
        if (api != null) {
            api.stop();
        }
    }
}
