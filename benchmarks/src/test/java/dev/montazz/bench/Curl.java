package dev.montazz.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Downloads with curl, the one client for the portal and its references alike: a Java client would measure itself
 * as much as the server.
 */
final class Curl {

    /** What one download brought, and how fast. */
    record Download(long bytes, double bytesPerSecond) {
    }

    private Curl() {
    }

    /** GETs {@code url} into nothing, with curl's extra {@code arguments} (headers as "-H", "Name: value"). */
    static Download get(String url, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "--fail", "-o", "/dev/null", "-w",
                "%{size_download} %{speed_download}"));
        command.addAll(List.of(arguments));
        command.add(url);
        Process curl = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(curl.getInputStream().readAllBytes()).strip();
        if (curl.waitFor() != 0) {
            throw new IOException("curl " + url + " failed: " + out);
        }
        String[] figures = out.split(" ");
        return new Download(Long.parseLong(figures[0]), Double.parseDouble(figures[1]));
    }

    /** The fastest of several downloads: the machine is shared, slower runs measure the neighbours. */
    static double best(List<Download> downloads) {
        return downloads.stream().mapToDouble(Download::bytesPerSecond).max().orElseThrow();
    }
}
