package dev.montazz.live;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One person watching a montage live. Events wait in a queue of their own, sent by a thread of their own, so a slow
 * connection holds up nobody else: not other viewers, not the contributor, not the chunk's acknowledgement. When more
 * than the limit waits, the viewer has fallen behind: what waits is dropped and they start again from the take's
 * latest segment start (the latest keyframe), as a viewer arriving now would.
 */
final class Viewer {

    private final Consumer<LiveEvent> send;
    private final Supplier<List<LiveEvent>> catchUp;
    private final int maxQueuedBytes;
    private final Deque<LiveEvent> queue = new ArrayDeque<>();
    private final Runnable onEnd;
    private final Thread sender;
    private int queuedBytes;
    private boolean closed;
    private int skipped;

    Viewer(String name, Consumer<LiveEvent> send, Supplier<List<LiveEvent>> catchUp, int maxQueuedBytes,
            Runnable onEnd) {
        this.send = send;
        this.onEnd = onEnd;
        this.catchUp = catchUp;
        this.maxQueuedBytes = maxQueuedBytes;
        this.sender = new Thread(this::run, name);
        this.sender.setDaemon(true);
    }

    void start(List<LiveEvent> first) {
        offer(first);
        sender.start();
    }

    synchronized void offer(List<LiveEvent> events) {
        if (closed) {
            return;
        }
        for (LiveEvent event : events) {
            queue.addLast(event);
            queuedBytes += event.bytes();
        }
        if (queuedBytes > maxQueuedBytes) {
            queue.clear();
            queuedBytes = 0;
            skipped++;
            for (LiveEvent event : catchUp.get()) {
                queue.addLast(event);
                queuedBytes += event.bytes();
            }
        }
        notifyAll();
    }

    /** How often this viewer fell behind and was moved to the latest keyframe. */
    synchronized int skipped() {
        return skipped;
    }

    /** The viewer went: nothing more is sent. */
    synchronized void close() {
        closed = true;
        queue.clear();
        notifyAll();
    }

    /** There is nothing more to watch (the montage was deleted): the viewer's stream ends. */
    void end() {
        close();
        onEnd.run();
    }

    private void run() {
        try {
            for (;;) {
                LiveEvent next;
                synchronized (this) {
                    while (queue.isEmpty() && !closed) {
                        wait();
                    }
                    if (closed) {
                        return;
                    }
                    next = queue.removeFirst();
                    queuedBytes -= next.bytes();
                }
                send.accept(next);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
