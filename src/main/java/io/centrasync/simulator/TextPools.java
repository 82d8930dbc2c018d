package io.centrasync.simulator;

import java.util.SplittableRandom;

/**
 * Word lists for generated data. Deliberately awkward: non-ASCII letters, CJK, emoji,
 * quotes, double quotes and backslashes, so a connector's escaping and encoding get exercised.
 */
final class TextPools {
    private TextPools() {
    }

    static final String[] FIRST_NAMES = {
        "Anna", "Åsa", "Björn", "Chloé", "David", "Émile", "Fredrik", "Gülşen", "Hanna", "Ingrid",
        "Jürgen", "Karin", "Lars", "María José", "Nils", "Olivia", "Pär", "Quentin", "Renée", "Sofia",
        "Tomás", "Ulla", "Viktor", "Wei", "Xiù", "Yuki", "Zoë", "D'Arcy", "小明", "Ørjan"
    };

    static final String[] LAST_NAMES = {
        "Andersson", "Öberg", "Müller", "O'Brien", "Nilsson", "Ström", "Dubois", "García Márquez",
        "Johansson", "Lindqvist", "Bäckström", "Kowalski", "王", "田中", "Smith-Jones", "Åkesson",
        "Ødegaard", "Nguyễn", "Yılmaz", "Berg \"Junior\"", "Van der Berg", "Ekström"
    };

    static final String[] EMAIL_DOMAINS = {"example.com", "example.se", "example.de", "mail.example.org"};

    static final String[] PRODUCT_ADJECTIVES = {
        "Åre", "Crème", "Über", "Oversized", "Slim 32\"", "O'Neil", "🔥 Limited", "Back\\slash", "Söder",
        "Relaxed", "Vintage", "北欧", "Naïve", "Café", "Classic", "Boxy", "Linen", "Merino"
    };

    static final String[] PRODUCT_NOUNS = {
        "Shirt", "T-shirt", "Hoodie", "Jeans", "Skjorta", "Tröja", "Jacke", "Blouse", "连衣裙", "Sneaker",
        "Coat", "Dress", "Beanie", "Scarf", "Chinos", "Parka", "Cardigan", "Tote bag"
    };

    static final String[][] SIZE_CHARTS = {
        {"XS", "S", "M", "L", "XL"},
        {"S", "M", "L"},
        {"36", "37", "38", "39", "40", "41", "42", "43", "44", "45"},
        {"28/32", "30/32", "32/32", "32/34", "34/34", "36/34"},
        {"ONE SIZE"},
    };

    static final String[][] COLOURS = {
        {"BLK", "Black"}, {"OWH", "Off-white"}, {"RED", "Röd"}, {"BLU", "Blå"}, {"GRN", "Grön"},
        {"SND", "Sand"}, {"NVY", "Navy"}
    };

    static final String[] SEASONS = {"SS24", "AW24", "SS25", "AW25", "CORE"};

    static final String[] PRICES_SEK = {
        "99.95", "149", "199", "249.50", "299", "399", "499", "599", "799", "999", "1234.50", "1499",
        "1999", "2499", "3999", "12999"
    };

    static final String[] COMMENTS = {
        "Please leave at the door", "Ring twice – \"the bell is broken\"", "Gåva till mamma 🎁",
        "Kein Keller, bitte ins 3. OG", "C:\\Users\\test\\path", "It's a gift, don't include the receipt",
        "送货前请打电话", "Deliver after 17:00", "Använd inte \\n som radbrytning", "😀😀😀"
    };

    static final String[] INTERNAL_COMMENTS = {
        "Customer called about delivery", "VIP – handle with care", "Fraud check OK", "Kontrollerad av Åsa",
        "Split shipment agreed with \"buyer\"", "Refund issued manually\\partly", "再次确认地址"
    };

    static final String[] ACCOUNTS = {
        "Åhléns City", "Müller & Söhne GmbH", "O'Reilly Fashion Ltd", "北京时装有限公司", "\"Quoted\" Boutique",
        "Back\\slash AB", "NK Stockholm", "Galeries Lafayette", "Nordic Retail Oy", "Côte d'Azur Mode"
    };

    static final String[] WAREHOUSES = {
        "Stockholm Central", "Göteborg Outlet", "Berlin Lager", "London 3PL", "Tokyo 倉庫", "Oslo \"Nord\""
    };

    static final String[] SUPPLIERS = {
        "Tekstil AB", "Fábrica Portuguesa Lda", "Shanghai 纺织 Co.", "O'Brien Knitwear", "Müller Garne GmbH",
        "Istanbul Denim A.Ş.", "Hanoi Garment JSC", "Atelier \"Lumière\""
    };

    static String pick(SplittableRandom r, String[] pool) {
        return pool[r.nextInt(pool.length)];
    }

    /** A comment of 500+ characters mixing all the awkward characters. */
    static String longText(SplittableRandom r) {
        StringBuilder sb = new StringBuilder();
        while (sb.length() < 520 + r.nextInt(400)) {
            sb.append(pick(r, COMMENTS)).append(" | ");
        }
        return sb.toString();
    }
}
