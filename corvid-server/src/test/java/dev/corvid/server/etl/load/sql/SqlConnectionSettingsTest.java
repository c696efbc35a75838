package dev.corvid.server.etl.load.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corvid.server.CorvidException;
import dev.corvid.server.etl.load.sql.dialect.DuckDbDialect;
import dev.corvid.server.etl.load.sql.dialect.H2Dialect;
import dev.corvid.server.etl.load.sql.dialect.MariaDbDialect;
import dev.corvid.server.etl.load.sql.dialect.MySqlDialect;
import dev.corvid.server.etl.load.sql.dialect.OracleDialect;
import dev.corvid.server.etl.load.sql.dialect.PostgresDialect;
import dev.corvid.server.etl.load.sql.dialect.SqlServerDialect;
import dev.corvid.server.etl.load.sql.dialect.SqliteDialect;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** .NET connection strings as RavenDB users have them, translated to JDBC; passwords kept out of sight. */
class SqlConnectionSettingsTest {
    @Test
    void npgsql() {
        SqlConnectionSettings s = SqlConnectionSettings.parse("Npgsql",
                "Host=db.example;Port=5433;Database=shop;Username=etl;Password=s3cr;et=x;SslMode=VerifyFull;Timeout=7");
        assertThat(s.dialect()).isSameAs(PostgresDialect.INSTANCE);
        assertThat(s.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:5433/shop");
        assertThat(s.properties()).containsEntry("user", "etl").containsEntry("sslmode", "verify-full")
                .containsEntry("connectTimeout", "7");
        assertThat(s.server()).isEqualTo("db.example:5433");
        assertThat(s.database()).isEqualTo("shop");
    }

    @Test
    void quotedValuesKeepSemicolonsAndQuotes() {
        SqlConnectionSettings s = SqlConnectionSettings.parse("npgsql", "Server = h ; Database=d; User Id=u; Password='a;b''c'");
        assertThat(s.properties()).containsEntry("password", "a;b'c").containsEntry("user", "u");
        assertThat(s.jdbcUrl()).isEqualTo("jdbc:postgresql://h:5432/d");
    }

    @Test
    void mySqlProvidersUseTheMariaDbDriver() {
        for (String factory : new String[] {"MySql.Data.MySqlClient", "MySqlConnector", "MySqlConnector.MySqlConnectorFactory"}) {
            SqlConnectionSettings s = SqlConnectionSettings.parse(factory, "Server=m1;Port=3307;Database=shop;Uid=root;Pwd=pw;SslMode=Required");
            assertThat(s.dialect()).isSameAs(MariaDbDialect.INSTANCE);
            assertThat(s.jdbcUrl()).isEqualTo("jdbc:mariadb://m1:3307/shop");
            assertThat(s.properties()).containsEntry("user", "root").containsEntry("password", "pw").containsEntry("sslMode", "trust");
        }
    }

    @Test
    void sqlClient() {
        SqlConnectionSettings s = SqlConnectionSettings.parse("System.Data.SqlClient",
                "Data Source=tcp:sql1\\EXPRESS,1444;Initial Catalog=Northwind;User ID=sa;Password=pw;Encrypt=True;TrustServerCertificate=True");
        assertThat(s.dialect()).isSameAs(SqlServerDialect.INSTANCE);
        assertThat(s.jdbcUrl()).isEqualTo("jdbc:sqlserver://sql1:1444;databaseName=Northwind;instanceName=EXPRESS");
        assertThat(s.properties()).containsAllEntriesOf(Map.of("user", "sa", "password", "pw", "encrypt", "true",
                "trustServerCertificate", "true"));
        assertThat(SqlConnectionSettings.parse("Microsoft.Data.SqlClient", "Server=.;Database=d;Integrated Security=SSPI").jdbcUrl())
                .isEqualTo("jdbc:sqlserver://localhost;databaseName=d");
    }

    @Test
    void oracleEasyConnectAndDescriptor() {
        SqlConnectionSettings easy = SqlConnectionSettings.parse("Oracle.ManagedDataAccess.Client",
                "Data Source=ora:1521/ORCLPDB1;User Id=hr;Password=pw");
        assertThat(easy.dialect()).isSameAs(OracleDialect.INSTANCE);
        assertThat(easy.jdbcUrl()).isEqualTo("jdbc:oracle:thin:@//ora:1521/ORCLPDB1");
        assertThat(easy.database()).isEqualTo("ORCLPDB1");
        SqlConnectionSettings tns = SqlConnectionSettings.parse("Oracle.ManagedDataAccess.Client",
                "Data Source=(DESCRIPTION=(ADDRESS=(PROTOCOL=TCP)(HOST=ora)(PORT=1521))(CONNECT_DATA=(SERVICE_NAME=XE)));User Id=hr;Password=pw");
        assertThat(tns.jdbcUrl()).isEqualTo("jdbc:oracle:thin:@(DESCRIPTION=(ADDRESS=(PROTOCOL=TCP)(HOST=ora)(PORT=1521))(CONNECT_DATA=(SERVICE_NAME=XE)))");
        assertThat(tns.server()).isEqualTo("ora");
        assertThat(tns.database()).isEqualTo("XE");
    }

    @Test
    void jdbcUrlsPickTheDialectThemselves() {
        assertThat(SqlConnectionSettings.parse("", "jdbc:postgresql://h:5432/db?user=u&password=p").dialect()).isSameAs(PostgresDialect.INSTANCE);
        assertThat(SqlConnectionSettings.parse(null, "jdbc:mariadb://h/db").dialect()).isSameAs(MariaDbDialect.INSTANCE);
        assertThat(SqlConnectionSettings.parse("MySql.Data.MySqlClient", "jdbc:mysql://h/db").dialect()).isSameAs(MySqlDialect.INSTANCE);
        assertThat(SqlConnectionSettings.parse("", "jdbc:sqlserver://h:1433;databaseName=x").database()).isEqualTo("x");
        assertThat(SqlConnectionSettings.parse("", "jdbc:oracle:thin:@//h:1521/svc").dialect()).isSameAs(OracleDialect.INSTANCE);
        SqlConnectionSettings sqlite = SqlConnectionSettings.parse("", "jdbc:sqlite:/data/shop.db");
        assertThat(sqlite.dialect()).isSameAs(SqliteDialect.INSTANCE);
        assertThat(sqlite.server()).isEqualTo("embedded");
        assertThat(sqlite.database()).isEqualTo("/data/shop.db");
        assertThat(SqlConnectionSettings.parse("", "jdbc:duckdb:/data/a.duckdb").dialect()).isSameAs(DuckDbDialect.INSTANCE);
        assertThat(SqlConnectionSettings.parse("", "jdbc:h2:/data/a;MODE=PostgreSQL").database()).isEqualTo("/data/a");
        assertThat(SqlConnectionSettings.parse("", "jdbc:h2:/data/a").dialect()).isSameAs(H2Dialect.INSTANCE);
    }

    @Test
    void unsupportedProvidersAreNamedWithTheAlternatives() {
        assertThatThrownBy(() -> SqlConnectionSettings.parse("Foo.Client", "Server=x"))
                .isInstanceOf(CorvidException.class).hasMessageStartingWith("Factory 'Foo.Client' is not supported")
                .hasMessageContaining("Npgsql").hasMessageContaining("jdbc:sqlite:");
        assertThatThrownBy(() -> SqlConnectionSettings.parse("System.Data.OleDb", "Server=x"))
                .hasMessage("Factory 'System.Data.OleDb' is not implemented yet");
        assertThatThrownBy(() -> SqlConnectionSettings.parse("Npgsql", "jdbc:mariadb://h/db"))
                .hasMessageContaining("is for PostgreSQL but the JDBC URL is for MariaDB");
        assertThatThrownBy(() -> SqlConnectionSettings.parse("", "jdbc:db2://h/x;password=secret"))
                .hasMessageContaining("is not supported").hasMessageNotContaining("secret");
        assertThatThrownBy(() -> SqlConnectionSettings.parse("Npgsql", "Database=d;Password=secret"))
                .hasMessage("The Npgsql connection string needs Host (or Server).");
        assertThatThrownBy(() -> SqlConnectionSettings.parse("Npgsql", " "))
                .hasMessage("ConnectionString cannot be empty");
    }

    @Test
    void passwordsAreMaskedEverywhere() {
        assertThat(SqlConnectionSettings.mask("Host=h;Username=u;Password=secret;Database=d"))
                .isEqualTo("Host=h;Username=u;Password=*****;Database=d");
        assertThat(SqlConnectionSettings.mask("Server=h; pwd = 'se;cret' ;Uid=u")).isEqualTo("Server=h; pwd = ***** ;Uid=u");
        assertThat(SqlConnectionSettings.mask("jdbc:postgresql://h/db?user=u&password=secret&ssl=true"))
                .isEqualTo("jdbc:postgresql://h/db?user=u&password=*****&ssl=true");
        assertThat(SqlConnectionSettings.mask("jdbc:mysql://u:secret@h/db")).isEqualTo("jdbc:mysql://u:*****@h/db");
        assertThat(SqlConnectionSettings.mask("jdbc:sqlserver://h;user=sa;password=secret")).isEqualTo("jdbc:sqlserver://h;user=sa;password=*****");
        assertThat(SqlConnectionSettings.mask("jdbc:oracle:thin:hr/secret@//h:1521/x")).isEqualTo("jdbc:oracle:thin:hr/*****@//h:1521/x");
        SqlConnectionSettings s = SqlConnectionSettings.parse("Npgsql", "Host=h;Password=secret");
        assertThat(s.toString()).doesNotContain("secret");
        assertThat(s.describe()).doesNotContain("secret");
    }

    @Test
    void aConnectionStringSentBackMaskedKeepsItsPassword() {
        String stored = "Host=h;Username=u;Password=secret;Database=d";
        assertThat(SqlConnectionSettings.restoreMaskedPassword(SqlConnectionSettings.mask(stored), stored)).isEqualTo(stored);
        assertThat(SqlConnectionSettings.restoreMaskedPassword("Host=other;Username=u;Password=*****;Database=d", stored))
                .isEqualTo("Host=other;Username=u;Password=secret;Database=d");
        assertThat(SqlConnectionSettings.restoreMaskedPassword("Host=h;Password=new", stored)).isEqualTo("Host=h;Password=new");
    }
}
