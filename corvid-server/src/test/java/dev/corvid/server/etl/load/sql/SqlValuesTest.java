package dev.corvid.server.etl.load.sql;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import dev.corvid.server.json.Json;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SqlValuesTest {
    @Test
    void numbersFromFlatRowsAreTheValuesTheirJsonGives() throws IOException {
        for (String text : new String[] {"3", "-5", "0", "2.5", "-0.125", "1e+21", "1e-7", "0.30000000000000004",
                "9223372036854775807", "-9223372036854775808", "9223372036854775808", "12345678901234567000",
                "999999999999999999", "-999999999999999999", "1000000000000000000"}) {
            Object fromJson;
            try (JsonParser parser = Json.MAPPER.createParser("[" + text + "]")) {
                parser.nextToken();
                parser.nextToken();
                fromJson = SqlValues.of(parser, name -> Optional.empty());
            }
            assertThat(SqlValues.number(text)).as(text).isEqualTo(fromJson);
            String among = "a\u0001" + text + "\u0001b"; // read in place from the middle of a result
            assertThat(SqlValues.number(among, 2, 2 + text.length())).as(text + " in place").isEqualTo(fromJson);
        }
        assertThat(SqlValues.number("9223372036854775808")).isEqualTo(new BigDecimal("9223372036854775808"));
        assertThat(SqlValues.number("3")).isEqualTo(3L);
    }
}
