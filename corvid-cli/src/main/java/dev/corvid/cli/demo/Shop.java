package dev.corvid.cli.demo;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * The document shapes of the demo {@code shop} database, modelled on RavenDB's Northwind sample.
 *
 * <p>Each entity carries its document id (ignored when serialized, because RavenDB keeps the id
 * outside the body) and serializes with PascalCase property names, as RavenDB's own samples do.
 * Dates are strings in RavenDB's format ({@code 2024-05-01T10:00:00.0000000Z}). Orders refer to
 * other documents by id. All records are immutable.
 */
public final class Shop {
    public static final String COMPANIES = "Companies";
    public static final String EMPLOYEES = "Employees";
    public static final String PRODUCTS = "Products";
    public static final String ORDERS = "Orders";

    private Shop() {
    }

    public record Address(String line1, String city, String postalCode, String country) {
        public Address {
            Objects.requireNonNull(line1, "line1");
            Objects.requireNonNull(city, "city");
            Objects.requireNonNull(postalCode, "postalCode");
            Objects.requireNonNull(country, "country");
        }
    }

    public record Contact(String name, String title) {
        public Contact {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(title, "title");
        }
    }

    public record Company(@JsonIgnore String id, String name, Contact contact, Address address, String phone) {
        public Company {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(contact, "contact");
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(phone, "phone");
        }
    }

    public record Employee(@JsonIgnore String id, String firstName, String lastName, String title,
                           BigDecimal salary, Address homeAddress, String hiredAt, String notes) {
        public Employee {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(firstName, "firstName");
            Objects.requireNonNull(lastName, "lastName");
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(salary, "salary");
            Objects.requireNonNull(homeAddress, "homeAddress");
            Objects.requireNonNull(hiredAt, "hiredAt");
            Objects.requireNonNull(notes, "notes");
        }
    }

    public record Product(@JsonIgnore String id, String name, String supplier, String category,
                          BigDecimal pricePerUnit, int unitsInStock) {
        public Product {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(supplier, "supplier");
            Objects.requireNonNull(category, "category");
            Objects.requireNonNull(pricePerUnit, "pricePerUnit");
        }
    }

    /** One line of an order; {@code product} is a product document id. */
    public record OrderLine(String product, String productName, BigDecimal pricePerUnit, int quantity,
                            BigDecimal discount) {
        public OrderLine {
            Objects.requireNonNull(product, "product");
            Objects.requireNonNull(productName, "productName");
            Objects.requireNonNull(pricePerUnit, "pricePerUnit");
            Objects.requireNonNull(discount, "discount");
        }
    }

    /** An order; {@code company} and {@code employee} are document ids. */
    public record Order(@JsonIgnore String id, String company, String employee, String orderedAt,
                        Address shipTo, List<OrderLine> lines, BigDecimal freight) {
        public Order {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(company, "company");
            Objects.requireNonNull(employee, "employee");
            Objects.requireNonNull(orderedAt, "orderedAt");
            Objects.requireNonNull(shipTo, "shipTo");
            lines = List.copyOf(lines);
            Objects.requireNonNull(freight, "freight");
        }
    }
}
