package dev.voiceplugin.impl.web;

import dev.voiceplugin.impl.db.Database;
import dev.voiceplugin.impl.db.DatabaseStatus;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /api/v1/health}: 200 when the database is reachable and migrated, else a 503 problem saying why. */
@Path("health")
public final class HealthResource {
  private final Database database;

  public HealthResource(Database database) {
    this.database = database;
  }

  /** Liveness: the plugin is running (restart it if this fails); never touches the database. */
  @GET
  @Path("live")
  @Produces(MediaType.APPLICATION_JSON)
  public Response live() {
    return Response.ok(Map.of("status", "UP")).header("Cache-Control", "no-store").build();
  }

  /** Readiness: the same answer as {@code GET /health}; route traffic here only while it is 200. */
  @GET
  @Path("ready")
  @Produces(MediaType.APPLICATION_JSON)
  public Response ready() {
    return health();
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Response health() {
    DatabaseStatus status = database.status();
    Map<String, Object> db = new LinkedHashMap<>();
    db.put("reachable", status.reachable());
    db.put("ready", status.ready());
    status.schemaVersion().ifPresent(v -> db.put("schemaVersion", v));
    status.reason().ifPresent(r -> db.put("reason", r));
    if (status.up()) {
      return Response.ok(Map.of("status", "UP", "database", db)).header("Cache-Control", "no-store").build();
    }
    if (status.busy()) {
      Problem busy = Problem.of(503, "database_busy", "The database is busy: every connection is in use.",
          "Try again in a moment; the platform team can raise VOICE_DB_POOL_SIZE if this persists.", null,
          Map.of("health", "DOWN", "database", db));
      return Response.status(503).type(Problem.MEDIA_TYPE).header("Cache-Control", "no-store").header("Retry-After", "1")
          .entity(busy).build();
    }
    Problem problem = Problem.of(503, "database_unavailable",
        "The database is not available: " + status.reason().orElse("unknown reason"),
        "Check that PostgreSQL is running and reachable with the configured URL and credentials; "
            + "the plugin reconnects by itself once it is.",
        null, Map.of("health", "DOWN", "database", db));
    return Response.status(503).type(Problem.MEDIA_TYPE).header("Cache-Control", "no-store").entity(problem).build();
  }
}
