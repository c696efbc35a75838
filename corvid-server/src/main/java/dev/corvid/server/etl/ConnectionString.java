package dev.corvid.server.etl;

import java.util.List;
import java.util.Objects;

/** A named destination, stored in the database record and referred to by ETL tasks. */
public sealed interface ConnectionString {
    String name();

    /** {@code Raven} or {@code Sql}, RavenDB's {@code ConnectionStringType}. */
    String type();

    /** Validation errors in RavenDB's wording; empty when valid. */
    List<String> validate();

    /** Another Corvid or RavenDB database, reachable through any of several URLs. */
    record Raven(String name, String database, List<String> topologyDiscoveryUrls) implements ConnectionString {
        public Raven {
            topologyDiscoveryUrls = topologyDiscoveryUrls == null ? List.of()
                    : topologyDiscoveryUrls.stream().map(u -> u == null ? "" : u.trim()).map(Raven::stripSlash).toList();
        }

        private static String stripSlash(String url) {
            return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        }

        @Override
        public String type() {
            return "Raven";
        }

        @Override
        public List<String> validate() {
            List<String> errors = new java.util.ArrayList<>();
            if (name == null || name.isBlank()) {
                errors.add("Name cannot be empty");
            }
            if (database == null || database.isBlank()) {
                errors.add("Database cannot be empty");
            }
            if (topologyDiscoveryUrls.isEmpty()) {
                errors.add("TopologyDiscoveryUrls cannot be empty");
            }
            for (int i = 0; i < topologyDiscoveryUrls.size(); i++) {
                String url = topologyDiscoveryUrls.get(i);
                if (url.isEmpty()) {
                    errors.add("Url number " + (i + 1) + " in TopologyDiscoveryUrls cannot be empty");
                } else if (!url.startsWith("http://") && !url.startsWith("https://")) {
                    errors.add("Url number " + (i + 1) + " in TopologyDiscoveryUrls ('" + url + "') must start with http:// or https://");
                }
            }
            return errors;
        }

        /** {@code database@url1,url2}, as RavenDB describes a destination. */
        public String destination() {
            return database + "@" + String.join(",", topologyDiscoveryUrls);
        }
    }

    /** A relational database: a provider name and that provider's connection string (or a JDBC URL). */
    record Sql(String name, String connectionString, String factoryName) implements ConnectionString {
        @Override
        public String type() {
            return "Sql";
        }

        /** Without the password, should it ever reach a log. */
        @Override
        public String toString() {
            return "Sql[name=" + name + ", factoryName=" + factoryName + ", connectionString="
                    + dev.corvid.server.etl.load.sql.SqlConnectionSettings.mask(connectionString) + "]";
        }

        @Override
        public List<String> validate() {
            List<String> errors = new java.util.ArrayList<>();
            if (name == null || name.isBlank()) {
                errors.add("Name cannot be empty");
            }
            if (connectionString == null || connectionString.isBlank()) {
                errors.add("ConnectionString cannot be empty");
            }
            return errors;
        }
    }

    static boolean sameName(ConnectionString a, String name) {
        return Objects.equals(a.name().toLowerCase(java.util.Locale.ROOT), name.toLowerCase(java.util.Locale.ROOT));
    }
}
