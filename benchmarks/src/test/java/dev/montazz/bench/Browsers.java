package dev.montazz.bench;

import java.time.Duration;
import java.util.List;

import dev.montazz.e2e.Chromium;
import dev.montazz.stack.Platform;
import dev.montazz.stack.Platform.Service;

/**
 * The live benchmark's two browsers (e2e-tests' Chromium, at a lower CPU priority than the platform): a studio whose
 * camera writes its capture time into every frame, and a watch page that reads it back from every frame it shows.
 */
final class Browsers implements AutoCloseable {

    private final Chromium studio;
    private final Chromium watch;

    private Browsers(Chromium studio, Chromium watch) {
        this.studio = studio;
        this.watch = watch;
    }

    static Browsers open(Platform platform, BenchApi.Person camera, BenchApi.Person viewer, String montage)
            throws Exception {
        Chromium studio = Chromium.start(null, null);
        Chromium watch = Chromium.start(null, null);
        studio.onEveryPage(Chromium.clockCamera("rgb(220, 0, 0)"));
        watch.onEveryPage(Chromium.frameClock());
        watch.open(platform.url(Service.PORTAL) + "/montages/" + montage);
        watch.signIn(viewer.username(), BenchApi.PASSWORD);
        watch.waitForText("#waiting", "No film yet", Duration.ofSeconds(30));
        studio.enterStudio(platform.url(Service.INGEST) + "/montages/" + montage + "/studio", camera.username(),
                BenchApi.PASSWORD);
        return new Browsers(studio, watch);
    }

    /**
     * What the browsers measured of one shot, in ms: how long after its capture each frame was shown, how long after
     * the recorder handed each chunk over the page received it, and each chunk's round trip from the studio.
     */
    record Shot(double[] glass, double[] delivered, double[] roundTrips) {
    }

    /** Records a shot of so many seconds, watched. */
    Shot record(int seconds) throws Exception {
        studio.click("#join");
        studio.waitForText("#status", "You are on air", Duration.ofSeconds(15));
        Thread.sleep(seconds * 1000L);
        // Read before the shot ends: once its film is ready, the watch page reloads to show it.
        double[] glass = numbers(watch.script(
                "return window.montazzFrames.shown.filter(f => f.delay !== null).map(f => f.delay)"));
        double[] delivered = numbers(watch.script("return window.montazzFrames.delivered"));
        studio.click("#finish");
        studio.waitForText("#status", "Your shot is in the montage", Duration.ofSeconds(30));
        return new Shot(glass, delivered, numbers(studio.script("return window.montazzUploads.map(u => u.ms)")));
    }

    private static double[] numbers(Object list) {
        return ((List<?>) list).stream().mapToDouble(n -> ((Number) n).doubleValue()).toArray();
    }

    @Override
    public void close() {
        studio.close();
        watch.close();
    }

}
