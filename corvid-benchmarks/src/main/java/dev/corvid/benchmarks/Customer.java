package dev.corvid.benchmarks;

import java.util.List;

/** A ~1 KB benchmark document, serialized by the official client like any entity. */
public class Customer {
    private String name;
    private String email;
    private String company;
    private String street;
    private String city;
    private String country;
    private int score;
    private List<String> tags;
    private String notes;

    public Customer() {
    }

    static Customer number(int n) {
        Customer c = new Customer();
        c.name = "Customer " + n;
        c.email = "customer" + n + "@example.com";
        c.company = "Company " + (n % 5000);
        c.street = (n % 300) + " Long Example Street";
        c.city = "City " + (n % 1000);
        c.country = n % 2 == 0 ? "Germany" : "France";
        c.score = n % 1000;
        c.tags = List.of("tag" + (n % 7), "tag" + (n % 11), "tag" + (n % 13));
        StringBuilder notes = new StringBuilder();
        while (notes.length() < 700) {
            notes.append("Lorem ipsum dolor sit amet, consectetur adipiscing elit ").append(n).append(". ");
        }
        c.notes = notes.toString();
        return c;
    }

    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getEmail() { return email; }
    public void setEmail(String email) { this.email = email; }
    public String getCompany() { return company; }
    public void setCompany(String company) { this.company = company; }
    public String getStreet() { return street; }
    public void setStreet(String street) { this.street = street; }
    public String getCity() { return city; }
    public void setCity(String city) { this.city = city; }
    public String getCountry() { return country; }
    public void setCountry(String country) { this.country = country; }
    public int getScore() { return score; }
    public void setScore(int score) { this.score = score; }
    public List<String> getTags() { return tags; }
    public void setTags(List<String> tags) { this.tags = tags; }
    public String getNotes() { return notes; }
    public void setNotes(String notes) { this.notes = notes; }
}
