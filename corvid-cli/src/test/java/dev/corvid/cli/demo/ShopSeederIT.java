package dev.corvid.cli.demo;

import dev.corvid.cli.Progress;
import dev.corvid.server.CorvidServer;
import dev.corvid.server.ServerOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.InstantSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo's protocol calls against a real Corvid server on loopback. */
class ShopSeederIT {
    @Test
    void seedsTheShopOnceAndFindsItAgainAfterARestart(@TempDir Path dataDir) {
        ShopDataGenerator generator = new ShopDataGenerator(ShopDataGenerator.DEFAULT_SEED, ShopDataGenerator.Counts.forScale(1));
        long total = generator.counts().totalDocuments();
        StringWriter progressOutput = new StringWriter();

        try (CorvidServer server = CorvidServer.start(ServerOptions.of("127.0.0.1", 0, dataDir))) {
            ShopSeeder seeder = new ShopSeeder(new DemoClient(URI.create(server.url())));
            assertThat(seeder.existingDocuments("shop")).isZero();

            Progress progress = new Progress("Loading shop", total, "documents", new PrintWriter(progressOutput), false,
                    InstantSource.system());
            seeder.load("shop", generator.documents(), progress);
            progress.finish();
        }

        try (CorvidServer restarted = CorvidServer.start(ServerOptions.of("127.0.0.1", 0, dataDir))) {
            DemoClient client = new DemoClient(URI.create(restarted.url()));
            assertThat(new ShopSeeder(client).existingDocuments("shop")).isEqualTo(total);
        }
        assertThat(progressOutput.toString()).contains("6,264/6,264 documents (100%)");
    }
}
