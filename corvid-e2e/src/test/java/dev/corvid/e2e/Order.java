package dev.corvid.e2e;

import java.util.ArrayList;
import java.util.List;

/** An order with lines, the shape the reshaping scripts work on. */
public class Order {
    private String customer;
    private List<Line> lines = new ArrayList<>();

    public String getCustomer() { return customer; }
    public void setCustomer(String customer) { this.customer = customer; }
    public List<Line> getLines() { return lines; }
    public void setLines(List<Line> lines) { this.lines = lines; }

    /** One order line. */
    public static class Line {
        private String product;
        private int quantity;

        public Line() {
        }

        public Line(String product, int quantity) {
            this.product = product;
            this.quantity = quantity;
        }

        public String getProduct() { return product; }
        public void setProduct(String product) { this.product = product; }
        public int getQuantity() { return quantity; }
        public void setQuantity(int quantity) { this.quantity = quantity; }
    }
}
