package io.lrtyield.rebalancer.execution.it;

import io.lrtyield.common.codec.EventCodec;
import io.lrtyield.devnet.deploy.DevnetCatalogue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

/** Throwaway: deploys a devnet on 28941, writes its catalogue, keeps it up for a manual smoke run. Not committed. */
class SmokeDevnetHoldIT {
    @TempDir
    static Path dir;

    @Test
    void hold() throws Exception {
        try (DevnetFixture f = new DevnetFixture(210, dir)) {
            Files.writeString(Path.of("/tmp/smoke-catalogue.json"), EventCodec.toJson(DevnetCatalogue.of(f.d)));
            Files.writeString(Path.of("/tmp/smoke-ready"), f.vault);
            Thread.sleep(240_000);
        }
    }
}
