package dev.corvid.cli.demo;

import java.util.List;

/**
 * The demo's ETL task: it keeps a {@code helpdesk} database filled with what support staff may see
 * of the {@code shop}. Its two scripts are meant to be read as examples of RavenDB ETL scripts.
 *
 * <p>In a script, {@code this} is the source document, {@code id(this)} its id, {@code load(id)} reads
 * another source document, and each {@code loadTo<Collection>(object)} call writes one document to the
 * destination. A document loaded to its own collection keeps its id; one loaded to another collection
 * gets an id that starts with the source document's id, so the destination replaces those documents
 * when the source document changes and deletes them with it.
 */
public final class HelpdeskEtl {
    public static final String DESTINATION_DATABASE = "helpdesk";
    public static final String CONNECTION_STRING = "helpdesk";
    public static final String TASK_NAME = "shop to helpdesk";
    /** What the scripts write to {@link #DESTINATION_DATABASE}, in the order to report it. */
    public static final List<String> DESTINATION_COLLECTIONS = List.of(Shop.EMPLOYEES, Shop.ORDERS, "OrderLines");

    /** Employees with who they are and what they do; never their salary, home address or notes. */
    static final String EMPLOYEES_SCRIPT = """
            // The help desk sees who works here and in which role, and nothing else.
            // Copying the fields it may see one by one (rather than deleting the secret
            // ones) keeps Salary, HomeAddress and Notes in 'shop', and also any field
            // that employees get later, until someone adds it here.
            loadToEmployees({
                FirstName: this.FirstName,
                LastName: this.LastName,
                Title: this.Title,
                HiredAt: this.HiredAt
            });
            """;

    /** Each order as a summary for support staff, plus one OrderLines document per line. */
    static final String ORDERS_SCRIPT = """
            // For support staff: one summary per order (who, when, how much, shipped
            // where) in Orders, and one document per order line in OrderLines.

            // JavaScript numbers are binary fractions (0.1 + 0.2 is not 0.3), so amounts
            // are added up in whole hundredths of a cent and rounded to cents at the end.
            function hundredthsOfACent(line) {
                var cents = Math.round(line.PricePerUnit * 100);
                var percentPaid = 100 - Math.round(line.Discount * 100);
                return cents * line.Quantity * percentPaid;
            }

            function toMoney(hundredths) {
                return Math.round(hundredths / 100) / 100;
            }

            var total = 0;
            for (var i = 0; i < this.Lines.length; i++) {
                var line = this.Lines[i];
                var lineTotal = hundredthsOfACent(line);
                total += lineTotal;
                // Loaded to another collection than the order's own, so the id starts
                // with the order's: orders/1-A/OrderLines/...
                loadToOrderLines({
                    Order: id(this),
                    Product: line.ProductName,
                    Quantity: line.Quantity,
                    LineTotal: toMoney(lineTotal)
                });
            }

            // load() reads another document of 'shop' (null when there is none). The
            // name is copied as it is now: when a company is renamed, its orders here
            // show the new name once they change themselves.
            var company = load(this.Company);

            loadToOrders({
                Company: company === null ? this.Company : company.Name,
                OrderedAt: this.OrderedAt,
                Total: toMoney(total),
                LineCount: this.Lines.length,
                ShipToCity: this.ShipTo.City,
                ShipToCountry: this.ShipTo.Country
            });
            """;

    private HelpdeskEtl() {
    }

    /** The task, with the scripts {@code Employees} and {@code Orders}, writing through {@link #CONNECTION_STRING}. */
    public static RavenEtlTask task() {
        return new RavenEtlTask(TASK_NAME, CONNECTION_STRING, List.of(
                new EtlTransform("Employees", Shop.EMPLOYEES, EMPLOYEES_SCRIPT),
                new EtlTransform("Orders", Shop.ORDERS, ORDERS_SCRIPT)));
    }
}
