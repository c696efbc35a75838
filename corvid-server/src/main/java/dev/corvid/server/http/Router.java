package dev.corvid.server.http;

import dev.corvid.server.CorvidException;
import dev.corvid.server.ErrorCode;
import dev.corvid.server.documents.Database;
import dev.corvid.server.documents.DatabaseRegistry;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Maps method and path to a handler. Server routes match the whole path; database routes match
 * what follows {@code /databases/{name}} and receive the opened database.
 */
public final class Router {
    /** A route that is not about one database. */
    @FunctionalInterface
    public interface ServerRoute {
        void handle(Exchange exchange) throws Exception;
    }

    /** A route under {@code /databases/{name}}. */
    @FunctionalInterface
    public interface DatabaseRoute {
        void handle(Exchange exchange, Database database) throws Exception;
    }

    private static final String DATABASES = "/databases/";

    private final DatabaseRegistry registry;
    private final Map<String, ServerRoute> serverRoutes = new HashMap<>();
    private final Map<String, DatabaseRoute> databaseRoutes = new HashMap<>();
    private final Map<String, ServerRoute> prefixRoutes = new LinkedHashMap<>();
    private final Set<String> knownPaths = new TreeSet<>();

    public Router(DatabaseRegistry registry) {
        this.registry = registry;
    }

    public Router server(String method, String path, ServerRoute route) {
        register(serverRoutes, method, path, route);
        return this;
    }

    public Router database(String method, String path, DatabaseRoute route) {
        register(databaseRoutes, method, path, route);
        return this;
    }

    /**
     * A server route for {@code prefix} and every path below it (static files such as the Studio),
     * tried only after no exact route matched.
     */
    public Router serverPrefix(String method, String prefix, ServerRoute route) {
        register(prefixRoutes, method, prefix, route);
        return this;
    }

    private <R> void register(Map<String, R> routes, String method, String path, R route) {
        if (routes.putIfAbsent(method + " " + path, route) != null) {
            throw new IllegalStateException("duplicate route " + method + " " + path);
        }
        knownPaths.add(path);
    }

    void dispatch(Exchange exchange) throws Exception {
        String path = trimSlash(exchange.path());
        String method = exchange.method();
        ServerRoute serverRoute = serverRoutes.get(method + " " + path);
        if (serverRoute != null) {
            serverRoute.handle(exchange);
            return;
        }
        if (path.startsWith(DATABASES)) {
            int slash = path.indexOf('/', DATABASES.length());
            if (slash > DATABASES.length()) {
                String name = path.substring(DATABASES.length(), slash);
                DatabaseRoute route = databaseRoutes.get(method + " " + path.substring(slash));
                if (route != null) {
                    route.handle(exchange, registry.get(name));
                    return;
                }
            }
        }
        for (Map.Entry<String, ServerRoute> prefixRoute : prefixRoutes.entrySet()) {
            String key = prefixRoute.getKey();
            if (key.startsWith(method + " ")) {
                String prefix = key.substring(method.length() + 1);
                if (path.equals(prefix) || path.startsWith(prefix + "/")) {
                    prefixRoute.getValue().handle(exchange);
                    return;
                }
            }
        }
        throw new CorvidException(ErrorCode.ROUTE_NOT_FOUND,
                "There is no handler for " + method + " " + exchange.path() + ".");
    }

    private static String trimSlash(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
