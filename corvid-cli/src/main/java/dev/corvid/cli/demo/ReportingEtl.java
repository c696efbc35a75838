package dev.corvid.cli.demo;

import java.util.List;

/**
 * The demo's SQL ETL task: it keeps a relational reporting database, an embedded SQLite file, filled
 * with one row per order and one row per order line, for reports written in SQL. Its script is meant
 * to be read as an example of a RavenDB SQL ETL script.
 *
 * <p>The tables belong to the reporting database, not to the task: the demo creates them (as a DBA
 * would) before adding the task. Each table names the column that holds the source document's id;
 * the task fills that column itself and, when an order changes or is deleted, first deletes the rows
 * it wrote for that order, so the tables never hold a row twice.
 */
public final class ReportingEtl {
    public static final String TASK_NAME = "shop to reporting";
    public static final String CONNECTION_STRING = "reporting";
    /** The SQLite file, in the server's data folder. */
    public static final String FILE_NAME = "reporting.sqlite";
    public static final String ORDERS_TABLE = "Orders";
    public static final String ORDER_LINES_TABLE = "OrderLines";

    /** The reporting schema, created when missing. */
    static final List<String> CREATE_TABLES = List.of("""
            CREATE TABLE IF NOT EXISTS Orders (
                Id          TEXT PRIMARY KEY,  -- the order's document id, e.g. orders/1-A
                Company     TEXT NOT NULL,     -- the company's document id
                CompanyName TEXT,
                Employee    TEXT,
                OrderedAt   TEXT,              -- ISO 8601, as in the document
                ShipToCountry TEXT,
                Freight     NUMERIC
            )""", """
            CREATE TABLE IF NOT EXISTS OrderLines (
                OrderId      TEXT NOT NULL,    -- the order's document id
                Product      TEXT NOT NULL,    -- the product's document id
                ProductName  TEXT,
                Quantity     INTEGER NOT NULL,
                PricePerUnit NUMERIC NOT NULL,
                Discount     NUMERIC NOT NULL,
                LineTotal    NUMERIC NOT NULL  -- rounded to cents
            )""",
            "CREATE INDEX IF NOT EXISTS OrderLines_OrderId ON OrderLines (OrderId)");

    /** Each order as a row of Orders, and each of its lines as a row of OrderLines. */
    static final String ORDERS_SCRIPT = """
            // One row in Orders per order, and one row in OrderLines per order line.
            // The task fills Orders.Id and OrderLines.OrderId with the order's id itself.

            // JavaScript numbers are binary fractions (0.1 + 0.2 is not 0.3), so a line's
            // total is computed in whole hundredths of a cent and rounded to cents.
            function lineTotal(line) {
                var cents = Math.round(line.PricePerUnit * 100);
                var percentPaid = 100 - Math.round(line.Discount * 100);
                return Math.round(cents * line.Quantity * percentPaid / 100) / 100;
            }

            for (var i = 0; i < this.Lines.length; i++) {
                var line = this.Lines[i];
                loadToOrderLines({
                    Product: line.Product,
                    ProductName: line.ProductName,
                    Quantity: line.Quantity,
                    PricePerUnit: line.PricePerUnit,
                    Discount: line.Discount,
                    LineTotal: lineTotal(line)
                });
            }

            // load() reads another document of 'shop' (null when there is none).
            var company = load(this.Company);

            loadToOrders({
                Company: this.Company,
                CompanyName: company === null ? null : company.Name,
                Employee: this.Employee,
                OrderedAt: this.OrderedAt,
                ShipToCountry: this.ShipTo.Country,
                Freight: this.Freight
            });
            """;

    /** The report the demo prints: the companies that spent most, from both tables. */
    public static final String REVENUE_BY_COMPANY = """
            SELECT o.CompanyName,
                   COUNT(DISTINCT o.Id)     AS Orders,
                   SUM(l.Quantity)          AS Units,
                   ROUND(SUM(l.LineTotal), 2) AS Revenue
              FROM Orders o
              JOIN OrderLines l ON l.OrderId = o.Id
             GROUP BY o.Company, o.CompanyName
             ORDER BY Revenue DESC, o.CompanyName
             LIMIT ?""";

    private ReportingEtl() {
    }

    /** The task, with the script {@code Orders}, writing through {@link #CONNECTION_STRING}. */
    public static SqlEtlTask task() {
        return new SqlEtlTask(TASK_NAME, CONNECTION_STRING,
                List.of(new SqlEtlTask.Table(ORDERS_TABLE, "Id"), new SqlEtlTask.Table(ORDER_LINES_TABLE, "OrderId")),
                List.of(new EtlTransform("Orders", Shop.ORDERS, ORDERS_SCRIPT)));
    }
}
