package dev.montazz.stack;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * An embedded SMTP server (GreenMail) that keeps what it receives: the local stack's services send their e-mail here,
 * and each message is also written to a folder as an {@code .eml} file a person can open with any mail program. Tests
 * read the messages directly.
 */
public final class LocalMail implements AutoCloseable {

    private final GreenMail server;
    private final int port;
    private final ScheduledExecutorService keeper;
    private int written;

    private LocalMail(int port, Path folder) {
        this.port = port;
        this.server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        this.server.start();
        this.keeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "local-mail");
            thread.setDaemon(true);
            return thread;
        });
        if (folder != null) {
            keeper.scheduleWithFixedDelay(() -> keep(folder), 1, 1, TimeUnit.SECONDS);
        }
    }

    /** Listens on {@code port} (0 for any free one); writes messages to {@code folder} unless it is null. */
    public static LocalMail start(Path folder, int port) {
        return new LocalMail(port == 0 ? freePort() : port, folder);
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return port;
    }

    /** One message as received: its recipients, subject and plain-text body. */
    public record Mail(List<String> to, String subject, String text) {
    }

    /** Every message received so far, oldest first. */
    public List<Mail> received() {
        List<Mail> mails = new ArrayList<>();
        for (MimeMessage message : server.getReceivedMessages()) {
            try {
                List<String> to = new ArrayList<>();
                for (Address address : message.getAllRecipients()) {
                    to.add(address.toString());
                }
                Object content = message.getContent();
                mails.add(new Mail(to, message.getSubject(), content instanceof String text ? text : ""));
            } catch (MessagingException | IOException e) {
                throw new IllegalStateException("A received message cannot be read", e);
            }
        }
        return mails;
    }

    private synchronized void keep(Path folder) {
        MimeMessage[] messages = server.getReceivedMessages();
        try {
            Files.createDirectories(folder);
            for (; written < messages.length; written++) {
                String subject = String.valueOf(messages[written].getSubject()).replaceAll("[^A-Za-z0-9]+", "-");
                Path file = folder.resolve(String.format("%04d-%s.eml", written + 1,
                        subject.substring(0, Math.min(60, subject.length()))));
                try (OutputStream out = Files.newOutputStream(file)) {
                    messages[written].writeTo(out);
                }
            }
        } catch (IOException | MessagingException e) {
            System.err.println("Could not keep a received e-mail in " + folder + ": " + e.getMessage());
        }
    }

    private static int freePort() {
        try {
            return Platform.freePort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        keeper.shutdownNow();
        server.stop();
    }
}
