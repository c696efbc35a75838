package dev.corvid.cli.demo;

import dev.corvid.cli.demo.SampleWords.Category;
import dev.corvid.cli.demo.SampleWords.City;
import dev.corvid.cli.demo.SampleWords.JobTitle;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static dev.corvid.cli.demo.SampleWords.CATEGORIES;
import static dev.corvid.cli.demo.SampleWords.CITIES;
import static dev.corvid.cli.demo.SampleWords.COMPANY_TRADES;
import static dev.corvid.cli.demo.SampleWords.COMPANY_WORDS;
import static dev.corvid.cli.demo.SampleWords.CONTACT_TITLES;
import static dev.corvid.cli.demo.SampleWords.DISCOUNTS;
import static dev.corvid.cli.demo.SampleWords.FIRST_NAMES;
import static dev.corvid.cli.demo.SampleWords.LAST_NAMES;
import static dev.corvid.cli.demo.SampleWords.NOTES_EDUCATION;
import static dev.corvid.cli.demo.SampleWords.NOTES_LANGUAGES;
import static dev.corvid.cli.demo.SampleWords.NOTES_OTHER;
import static dev.corvid.cli.demo.SampleWords.PRODUCT_ADJECTIVES;
import static dev.corvid.cli.demo.SampleWords.SALES_MANAGER;
import static dev.corvid.cli.demo.SampleWords.STAFF_TITLES;
import static dev.corvid.cli.demo.SampleWords.SUPPLIERS;
import static dev.corvid.cli.demo.SampleWords.VICE_PRESIDENT;

/**
 * Generates the demo shop (companies, employees, products and orders) as RavenDB documents.
 *
 * <p>Guarantees:
 * <ul>
 *   <li>Deterministic: the same seed and counts give the same documents, on any JDK. Each entity is
 *       drawn from its own {@link Random} (whose algorithm the JDK specifies), seeded from the
 *       generator's seed, the collection and the entity's number. So any entity can be produced on
 *       its own, in any order, and nothing needs to be held in memory.</li>
 *   <li>Ids are {@code companies/1-A} … {@code companies/N-A}, likewise for the other collections.</li>
 *   <li>Every order refers only to companies, employees and products this generator produces.</li>
 *   <li>{@link #documents()} ends with one {@code Raven/Hilo/<tag>} document per collection, so ids
 *       that the official client later generates for new entities do not collide with these.</li>
 * </ul>
 * Thread-safe: instances hold no mutable state.
 */
public final class ShopDataGenerator {
    public static final long DEFAULT_SEED = 1996_07_04L;

    private static final DateTimeFormatter RAVEN_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSS'Z'");
    private static final LocalDate FIRST_HIRE = LocalDate.of(2012, 1, 1);
    private static final LocalDate LAST_HIRE = LocalDate.of(2024, 12, 31);
    private static final LocalDate FIRST_ORDER = LocalDate.of(2023, 1, 2);
    private static final LocalDate LAST_ORDER = LocalDate.of(2025, 12, 30);
    private static final int MAX_LINES_PER_ORDER = 5;

    /**
     * How many entities of each kind to generate.
     *
     * @param companies at least 1
     * @param employees at least 1
     * @param products  at least 1; an order never lists a product twice, so a tiny catalogue gives short orders
     * @param orders    at least 1
     */
    public record Counts(int companies, int employees, int products, int orders) {
        public static final int HILO_DOCUMENTS = 4;

        public Counts {
            if (companies < 1 || employees < 1 || products < 1 || orders < 1) {
                throw new IllegalArgumentException("every count must be at least 1: " + companies + " companies, "
                        + employees + " employees, " + products + " products, " + orders + " orders");
            }
        }

        /** The demo's standard shop times {@code scale}: 800 companies, 60 employees, 400 products, 5,000 orders. */
        public static Counts forScale(int scale) {
            if (scale < 1) {
                throw new IllegalArgumentException("scale must be at least 1, was " + scale);
            }
            return new Counts(800 * scale, 60 * scale, 400 * scale, 5_000 * scale);
        }

        /** Every document {@link #documents()} yields, the HiLo documents included. */
        public long totalDocuments() {
            return (long) companies + employees + products + orders + HILO_DOCUMENTS;
        }
    }

    private final long seed;
    private final Counts counts;

    public ShopDataGenerator(long seed, Counts counts) {
        this.seed = seed;
        this.counts = counts;
    }

    public Counts counts() {
        return counts;
    }

    /** All documents in load order: companies, employees, products, orders, then the HiLo documents. */
    public Stream<DemoDocument> documents() {
        return Stream.of(
                        numbered(counts.companies(), number -> {
                            Shop.Company company = company(number);
                            return DemoDocument.of(company.id(), Shop.COMPANIES, company);
                        }),
                        numbered(counts.employees(), number -> {
                            Shop.Employee employee = employee(number);
                            return DemoDocument.of(employee.id(), Shop.EMPLOYEES, employee);
                        }),
                        numbered(counts.products(), number -> {
                            Shop.Product product = product(number);
                            return DemoDocument.of(product.id(), Shop.PRODUCTS, product);
                        }),
                        numbered(counts.orders(), number -> {
                            Shop.Order order = order(number);
                            return DemoDocument.of(order.id(), Shop.ORDERS, order);
                        }),
                        hiloDocuments())
                .flatMap(documents -> documents);
    }

    public Shop.Company company(int number) {
        Random random = randomFor(Shop.COMPANIES, number, counts.companies());
        City city = pick(random, CITIES);
        String name = companyName(random, city);
        Shop.Contact contact = new Shop.Contact(personName(random), pick(random, CONTACT_TITLES));
        return new Shop.Company(id("companies", number), name, contact, address(random, city), phone(random, city));
    }

    public Shop.Employee employee(int number) {
        Random random = randomFor(Shop.EMPLOYEES, number, counts.employees());
        JobTitle title = jobTitle(random, number);
        int salarySteps = (title.maximumSalary() - title.minimumSalary()) / 500;
        BigDecimal salary = BigDecimal.valueOf(title.minimumSalary() + 500L * random.nextInt(salarySteps + 1));
        String notes = pick(random, NOTES_EDUCATION) + " " + pick(random, NOTES_LANGUAGES) + " " + pick(random, NOTES_OTHER);
        LocalDate hiredAt = FIRST_HIRE.plusDays(random.nextInt((int) ChronoUnit.DAYS.between(FIRST_HIRE, LAST_HIRE) + 1));
        return new Shop.Employee(id("employees", number), pick(random, FIRST_NAMES), pick(random, LAST_NAMES),
                title.name(), salary, address(random, pick(random, CITIES)), RAVEN_DATE.format(hiredAt.atStartOfDay()),
                notes);
    }

    public Shop.Product product(int number) {
        Random random = randomFor(Shop.PRODUCTS, number, counts.products());
        Category category = pick(random, CATEGORIES);
        String name = pick(random, PRODUCT_ADJECTIVES) + " " + pick(random, category.items());
        BigDecimal price = roundedToFiveCents(between(random, category.minimumPrice(), category.maximumPrice()));
        int unitsInStock = random.nextInt(10) == 0 ? 0 : 1 + random.nextInt(250);
        return new Shop.Product(id("products", number), name, pick(random, SUPPLIERS), category.name(), price,
                unitsInStock);
    }

    public Shop.Order order(int number) {
        Random random = randomFor(Shop.ORDERS, number, counts.orders());
        // Squaring skews the choice towards low numbers: a few regular customers order most.
        int companyNumber = 1 + (int) (counts.companies() * square(random.nextDouble()));
        int employeeNumber = 1 + random.nextInt(counts.employees());
        String orderedAt = RAVEN_DATE.format(orderDate(random, number));
        List<Shop.OrderLine> lines = new ArrayList<>();
        for (int productNumber : distinctProductNumbers(random)) {
            Shop.Product product = product(productNumber);
            int quantity = 1 + (int) (40 * square(random.nextDouble()));
            BigDecimal discount = random.nextInt(4) == 0 ? pick(random, DISCOUNTS) : BigDecimal.ZERO;
            lines.add(new Shop.OrderLine(product.id(), product.name(), product.pricePerUnit(), quantity, discount));
        }
        BigDecimal freight = between(random, new BigDecimal("1.50"), new BigDecimal("250.00"));
        return new Shop.Order(id("orders", number), id("companies", companyNumber), id("employees", employeeNumber),
                orderedAt, company(companyNumber).address(), lines, freight);
    }

    private Stream<DemoDocument> hiloDocuments() {
        // What RavenDB keeps per id prefix for HiLo id generation: the highest number handed out.
        return Map.of("companies", counts.companies(), "employees", counts.employees(),
                        "products", counts.products(), "orders", counts.orders())
                .entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(entry -> DemoDocument.of("Raven/Hilo/" + entry.getKey(), "@hilo",
                        Map.of("Max", entry.getValue())));
    }

    private static Stream<DemoDocument> numbered(int count, IntFunction<DemoDocument> document) {
        return IntStream.rangeClosed(1, count).mapToObj(document);
    }

    private Random randomFor(String collection, int number, int count) {
        if (number < 1 || number > count) {
            throw new IllegalArgumentException(collection + " are numbered 1 to " + count + ", not " + number);
        }
        return new Random(mix(seed ^ mix(collection.hashCode() * 0x9E3779B97F4A7C15L + number)));
    }

    /** SplitMix64's finalizer: neighbouring inputs give unrelated seeds. */
    private static long mix(long value) {
        long z = (value ^ (value >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static String id(String prefix, int number) {
        return prefix + "/" + number + "-A";
    }

    private JobTitle jobTitle(Random random, int employeeNumber) {
        int managers = Math.max(1, counts.employees() / 20);
        if (employeeNumber == 1) {
            return VICE_PRESIDENT;
        }
        return employeeNumber <= 1 + managers ? SALES_MANAGER : pick(random, STAFF_TITLES);
    }

    private static String companyName(Random random, City city) {
        String name = switch (random.nextInt(3)) {
            case 0 -> {
                int first = random.nextInt(LAST_NAMES.size());
                int second = (first + 1 + random.nextInt(LAST_NAMES.size() - 1)) % LAST_NAMES.size();
                yield LAST_NAMES.get(first) + " & " + LAST_NAMES.get(second);
            }
            case 1 -> pick(random, LAST_NAMES) + " " + pick(random, COMPANY_TRADES);
            default -> pick(random, COMPANY_WORDS) + " " + pick(random, COMPANY_TRADES);
        };
        return random.nextInt(10) < 7 ? name + " " + pick(random, city.companySuffixes()) : name;
    }

    private static String personName(Random random) {
        return pick(random, FIRST_NAMES) + " " + pick(random, LAST_NAMES);
    }

    private static Shop.Address address(Random random, City city) {
        String street = pick(random, city.style().streets());
        int houseNumber = 1 + (int) (180 * square(random.nextDouble()));
        String line1 = city.style().numberFirst() ? houseNumber + " " + street : street + " " + houseNumber;
        return new Shop.Address(line1, city.name(), fillPattern(random, city.postalPattern()), city.country());
    }

    private static String phone(Random random, City city) {
        return city.dialCode() + " " + fillPattern(random, "### ####");
    }

    /** Replaces each {@code #} with a digit and each {@code @} with a capital letter. */
    private static String fillPattern(Random random, String pattern) {
        StringBuilder result = new StringBuilder(pattern.length());
        for (char c : pattern.toCharArray()) {
            switch (c) {
                case '#' -> result.append((char) ('0' + random.nextInt(10)));
                case '@' -> result.append((char) ('A' + random.nextInt(26)));
                default -> result.append(c);
            }
        }
        return result.toString();
    }

    /** Orders are spread evenly over the sales period in number order, at office hours. */
    private LocalDateTime orderDate(Random random, int number) {
        long periodDays = ChronoUnit.DAYS.between(FIRST_ORDER, LAST_ORDER);
        long day = (number - 1L) * periodDays / counts.orders();
        int minuteOfDay = 8 * 60 + random.nextInt(10 * 60);
        return FIRST_ORDER.plusDays(day).atStartOfDay().plusMinutes(minuteOfDay);
    }

    private Set<Integer> distinctProductNumbers(Random random) {
        int wanted = Math.min(counts.products(), 1 + (int) (MAX_LINES_PER_ORDER * square(random.nextDouble())));
        Set<Integer> numbers = new LinkedHashSet<>();
        while (numbers.size() < wanted) {
            numbers.add(1 + random.nextInt(counts.products()));
        }
        return numbers;
    }

    private static BigDecimal between(Random random, BigDecimal minimum, BigDecimal maximum) {
        long minimumCents = minimum.movePointRight(2).longValueExact();
        long maximumCents = maximum.movePointRight(2).longValueExact();
        long cents = minimumCents + (long) (random.nextDouble() * (maximumCents - minimumCents + 1));
        return BigDecimal.valueOf(cents, 2);
    }

    private static BigDecimal roundedToFiveCents(BigDecimal price) {
        long cents = price.movePointRight(2).longValueExact();
        return BigDecimal.valueOf(Math.max(5, cents - cents % 5), 2);
    }

    private static double square(double value) {
        return value * value;
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
