package dev.corvid.cli.demo;

import java.math.BigDecimal;
import java.util.List;

/**
 * The word lists the demo data is drawn from: names, places, products. Plain constants, so the
 * generator reads as "pick a city, pick a street" rather than as a wall of strings.
 */
final class SampleWords {
    private SampleWords() {
    }

    /** How addresses are written in a region: street names, and whether the number comes first. */
    record StreetStyle(List<String> streets, boolean numberFirst) {
    }

    static final StreetStyle ENGLISH = new StreetStyle(List.of(
            "Maple Street", "High Street", "Harbour Road", "Church Lane", "Park Avenue", "Mill Road",
            "Station Road", "King Street", "Queen's Road", "Elm Avenue", "Market Square", "Bridge Street",
            "Victoria Road", "Oak Drive", "Lakeview Boulevard"), true);
    static final StreetStyle GERMANIC = new StreetStyle(List.of(
            "Hauptstraße", "Bahnhofstraße", "Lindenstraße", "Gartenweg", "Schillerstraße", "Bergstraße",
            "Kerkstraat", "Dorpsstraat", "Storgatan", "Drottninggatan", "Nørrebrogade", "Mannerheimintie",
            "Karl Johans gate", "Marktplatz", "Am Hafen"), false);
    static final StreetStyle ROMANCE = new StreetStyle(List.of(
            "Rue de la Paix", "Rue Victor Hugo", "Boulevard Voltaire", "Rue du Moulin", "Avenue Jean Jaurès",
            "Calle Mayor", "Calle del Sol", "Avenida de la Constitución", "Via Roma", "Via Garibaldi",
            "Corso Vittorio Emanuele", "Rua Augusta", "Avenida da Liberdade", "Rua das Flores", "Plaza Mayor"), true);

    /**
     * A city and how its addresses, postal codes, phones and company names look.
     * In {@code postalPattern}, {@code #} stands for a digit and {@code @} for a capital letter.
     */
    record City(String name, String country, String postalPattern, String dialCode, StreetStyle style,
                List<String> companySuffixes) {
    }

    static final List<City> CITIES = List.of(
            new City("Berlin", "Germany", "1####", "+49 30", GERMANIC, List.of("GmbH", "KG", "AG")),
            new City("Hamburg", "Germany", "2####", "+49 40", GERMANIC, List.of("GmbH", "KG")),
            new City("Munich", "Germany", "8####", "+49 89", GERMANIC, List.of("GmbH", "AG")),
            new City("Vienna", "Austria", "1###", "+43 1", GERMANIC, List.of("GmbH")),
            new City("Zürich", "Switzerland", "80##", "+41 44", GERMANIC, List.of("AG", "GmbH")),
            new City("Amsterdam", "Netherlands", "10## @@", "+31 20", GERMANIC, List.of("B.V.")),
            new City("Stockholm", "Sweden", "1## ##", "+46 8", GERMANIC, List.of("AB")),
            new City("Oslo", "Norway", "0###", "+47 22", GERMANIC, List.of("AS")),
            new City("Copenhagen", "Denmark", "1###", "+45 33", GERMANIC, List.of("ApS", "A/S")),
            new City("Helsinki", "Finland", "00###", "+358 9", GERMANIC, List.of("Oy")),
            new City("Paris", "France", "750##", "+33 1", ROMANCE, List.of("SARL", "S.A.")),
            new City("Lyon", "France", "690##", "+33 4", ROMANCE, List.of("SARL", "S.A.")),
            new City("Brussels", "Belgium", "1###", "+32 2", ROMANCE, List.of("SPRL", "S.A.")),
            new City("Madrid", "Spain", "280##", "+34 91", ROMANCE, List.of("S.L.", "S.A.")),
            new City("Barcelona", "Spain", "080##", "+34 93", ROMANCE, List.of("S.L.", "S.A.")),
            new City("Lisbon", "Portugal", "1###-###", "+351 21", ROMANCE, List.of("Lda.", "S.A.")),
            new City("Rome", "Italy", "001##", "+39 06", ROMANCE, List.of("S.r.l.", "S.p.A.")),
            new City("Milan", "Italy", "201##", "+39 02", ROMANCE, List.of("S.r.l.", "S.p.A.")),
            new City("São Paulo", "Brazil", "0####-###", "+55 11", ROMANCE, List.of("Ltda.")),
            new City("Buenos Aires", "Argentina", "C1###@@@", "+54 11", ROMANCE, List.of("S.R.L.", "S.A.")),
            new City("Mexico City", "Mexico", "06###", "+52 55", ROMANCE, List.of("S.A. de C.V.")),
            new City("London", "UK", "@@# #@@", "+44 20", ENGLISH, List.of("Ltd", "PLC")),
            new City("Manchester", "UK", "M# #@@", "+44 161", ENGLISH, List.of("Ltd")),
            new City("Dublin", "Ireland", "D0# @#@#", "+353 1", ENGLISH, List.of("Ltd")),
            new City("New York", "USA", "100##", "+1 212", ENGLISH, List.of("Inc.", "LLC")),
            new City("Seattle", "USA", "981##", "+1 206", ENGLISH, List.of("Inc.", "LLC")),
            new City("Chicago", "USA", "606##", "+1 312", ENGLISH, List.of("Inc.", "LLC")),
            new City("San Francisco", "USA", "941##", "+1 415", ENGLISH, List.of("Inc.", "LLC")),
            new City("Toronto", "Canada", "M#@ #@#", "+1 416", ENGLISH, List.of("Inc.", "Ltd")),
            new City("Sydney", "Australia", "2###", "+61 2", ENGLISH, List.of("Pty Ltd")),
            new City("Melbourne", "Australia", "3###", "+61 3", ENGLISH, List.of("Pty Ltd")),
            new City("Auckland", "New Zealand", "10##", "+64 9", ENGLISH, List.of("Ltd")));

    static final List<String> FIRST_NAMES = List.of(
            "Anna", "Lukas", "Sofia", "Mateo", "Emma", "Noah", "Olivia", "Liam", "Mia", "Elias",
            "Chloé", "Louis", "Lucía", "Hugo", "Giulia", "Leonardo", "Maja", "Oskar", "Ingrid", "Lars",
            "Aoife", "Sean", "Camila", "Diego", "Beatriz", "João", "Hannah", "Felix", "Charlotte", "James",
            "Amelia", "Oliver", "Ava", "Ethan", "Nora", "Henrik", "Elena", "Marco", "Zoe", "Daniel",
            "Margaret", "Robert", "Laura", "Thomas", "Isabel", "Pedro", "Julia", "Andrew", "Sarah", "Michael");

    static final List<String> LAST_NAMES = List.of(
            "Müller", "Schmidt", "Fischer", "Weber", "Becker", "Dubois", "Moreau", "Laurent", "Girard", "Fontaine",
            "García", "Fernández", "López", "Martínez", "Rossi", "Bianchi", "Romano", "Colombo", "Silva", "Santos",
            "Andersson", "Johansson", "Nielsen", "Hansen", "Virtanen", "de Vries", "Jansen", "Bakker", "Murphy", "Kelly",
            "Smith", "Johnson", "Brown", "Taylor", "Wilson", "Davies", "Evans", "Thompson", "Walker", "White",
            "Nowak", "Kowalski", "Novák", "Horvath", "Costa", "Ferreira", "Kaiser", "Brennan", "Lindqvist", "Peeters");

    static final List<String> COMPANY_WORDS = List.of(
            "Blue Harbor", "Northwind", "Silver Oak", "Red Maple", "Golden Field", "Green Valley", "Old Mill",
            "Eastgate", "Westbrook", "Sunrise", "Riverside", "Stonebridge", "Lighthouse", "Three Rivers",
            "Alpine", "Bayside", "Crown", "Evergreen", "Harvest", "Meridian");

    static final List<String> COMPANY_TRADES = List.of(
            "Trading", "Imports", "Foods", "Delicatessen", "Provisions", "Market", "Grocers", "Wholesale",
            "Supplies", "Gourmet", "Traders", "Distribution", "Épicerie", "Emporium", "Pantry");

    static final List<String> CONTACT_TITLES = List.of(
            "Owner", "Sales Manager", "Purchasing Manager", "Accounting Manager", "Marketing Manager",
            "Sales Representative", "Order Administrator", "Operations Director", "Sales Associate",
            "Purchasing Agent");

    /** A job title for employees with its yearly salary range. */
    record JobTitle(String name, int minimumSalary, int maximumSalary) {
    }

    static final JobTitle VICE_PRESIDENT = new JobTitle("Vice President, Sales", 130_000, 160_000);
    static final JobTitle SALES_MANAGER = new JobTitle("Sales Manager", 75_000, 95_000);
    /** Titles of everyone else; a title listed more than once is that much more common. */
    static final List<JobTitle> STAFF_TITLES = List.of(
            new JobTitle("Sales Representative", 42_000, 58_000),
            new JobTitle("Sales Representative", 42_000, 58_000),
            new JobTitle("Sales Representative", 42_000, 58_000),
            new JobTitle("Inside Sales Coordinator", 38_000, 48_000),
            new JobTitle("Account Executive", 55_000, 72_000),
            new JobTitle("Key Account Manager", 65_000, 85_000));

    static final List<String> NOTES_EDUCATION = List.of(
            "Holds a BA in economics from the University of Lyon.",
            "Studied business administration in Vienna.",
            "Has an MBA from a part-time programme in Madrid.",
            "Trained as a chef before moving into sales.",
            "Graduated in food science from Wageningen.",
            "Studied international trade in Hamburg.",
            "Has a degree in marketing from the University of Toronto.",
            "Completed an apprenticeship in wholesale trade.");

    static final List<String> NOTES_LANGUAGES = List.of(
            "Fluent in French and German.",
            "Speaks Spanish and Portuguese.",
            "Speaks English, Swedish and some Finnish.",
            "Fluent in Italian; learning Japanese.",
            "Speaks Dutch, English and German.",
            "Fluent in English and Polish.");

    static final List<String> NOTES_OTHER = List.of(
            "Handles the key accounts in the north.",
            "Joined from a competitor in the beverage trade.",
            "Runs the yearly customer tasting event.",
            "Mentors new sales representatives.",
            "Prefers visiting customers in person.",
            "Member of the company's sustainability group.",
            "Known for a very low rate of returned orders.",
            "Coordinates the seasonal catalogue.");

    /** A product category, the items sold in it and their price range per unit. */
    record Category(String name, List<String> items, BigDecimal minimumPrice, BigDecimal maximumPrice) {
    }

    static final List<Category> CATEGORIES = List.of(
            new Category("Beverages", List.of("Coffee Beans", "Green Tea", "Black Tea", "Lemonade", "Sparkling Water",
                    "Apple Juice", "Lager", "Stout", "Ginger Ale", "Espresso Blend", "Orange Juice", "Cola"),
                    new BigDecimal("2.50"), new BigDecimal("46.00")),
            new Category("Condiments", List.of("Mustard", "Ketchup", "Chili Sauce", "Soy Sauce", "Balsamic Vinegar",
                    "Olive Oil", "Pesto", "Mayonnaise", "Curry Paste", "Sea Salt", "Honey"),
                    new BigDecimal("3.00"), new BigDecimal("42.00")),
            new Category("Confections", List.of("Dark Chocolate", "Milk Chocolate", "Marzipan", "Shortbread",
                    "Gingerbread", "Licorice", "Nougat", "Toffee", "Fruit Jellies", "Almond Biscuits"),
                    new BigDecimal("2.00"), new BigDecimal("48.00")),
            new Category("Dairy Products", List.of("Cheddar", "Gouda", "Camembert", "Mozzarella", "Parmesan", "Butter",
                    "Greek Yogurt", "Feta", "Brie", "Mascarpone"),
                    new BigDecimal("2.50"), new BigDecimal("55.00")),
            new Category("Grains/Cereals", List.of("Basmati Rice", "Rolled Oats", "Spaghetti", "Penne", "Rye Bread",
                    "Granola", "Couscous", "Quinoa", "Crackers"),
                    new BigDecimal("1.50"), new BigDecimal("24.00")),
            new Category("Meat/Poultry", List.of("Smoked Ham", "Salami", "Chicken Breast", "Beef Jerky", "Chorizo",
                    "Prosciutto", "Pâté", "Turkey Sausages"),
                    new BigDecimal("6.00"), new BigDecimal("98.00")),
            new Category("Produce", List.of("Dried Apricots", "Sun-Dried Tomatoes", "Tofu", "Mushrooms",
                    "Pickled Cucumbers", "Dried Figs", "Chickpeas"),
                    new BigDecimal("2.00"), new BigDecimal("36.00")),
            new Category("Seafood", List.of("Smoked Salmon", "Tuna", "Anchovies", "Sardines", "Pickled Herring",
                    "Crab Meat", "Shrimp", "Caviar"),
                    new BigDecimal("4.00"), new BigDecimal("180.00")));

    static final List<String> PRODUCT_ADJECTIVES = List.of(
            "Alpine", "Golden", "Organic", "Nordic", "Royal", "Classic", "Rustic", "Premium", "Highland",
            "Coastal", "Mediterranean", "Old Country", "Sunny", "Wild", "Farmhouse", "Artisan");

    static final List<String> SUPPLIERS = List.of(
            "Nordic Provisions AB", "Bavaria Feinkost GmbH", "Maison Dupont SARL", "Cascade Coffee Roasters Inc.",
            "Mediterraneo S.r.l.", "Pacific Seafoods Ltd", "Highland Dairies Ltd", "Golden Grain Mills LLC",
            "La Huerta Conservas S.L.", "Tokyo Trading Co.", "Blue Ridge Farms LLC", "Hanse Kontor KG",
            "Van der Berg Foods B.V.", "Fjord Fisk AS", "Andes Imports S.A.", "Sweet Valley Confectionery Ltd",
            "Old Mill Bakery Supplies", "Côte d'Azur Épicerie", "Lisboa Sabores Lda.", "Great Lakes Provisions Inc.");

    static final List<BigDecimal> DISCOUNTS = List.of(
            new BigDecimal("0.05"), new BigDecimal("0.10"), new BigDecimal("0.15"),
            new BigDecimal("0.20"), new BigDecimal("0.25"));
}
