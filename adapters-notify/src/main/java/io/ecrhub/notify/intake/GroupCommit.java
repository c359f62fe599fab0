package io.ecrhub.notify.intake;

import io.ecrhub.domain.notification.AcceptNotification.Result;
import io.ecrhub.domain.notification.AcceptNotification.Verified;
import io.ecrhub.notify.intake.NotificationIntake.Checked;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * Group commit for the notification intake: verified notifications that arrive while a transaction
 * is committing wait in a bounded queue, and a writer thread stores the next ones together in one
 * transaction ({@link NotificationIntake#storeTogether}) — one commit (one WAL flush) and one
 * multi-row insert for many notifications instead of one each. Each caller's stage completes only
 * after the transaction holding its notification has committed, so {@code SUCCESS} still means
 * stored. A writer that finds a single notification waiting stores it alone, as without grouping.
 *
 * <p>When a group fails (a database error, a copy stored meanwhile by another instance, an apply
 * that throws), nothing of it is stored and the writer stores its notifications one by one with
 * {@link NotificationIntake#store}, so one bad notification never costs the others; a failure there
 * completes only that caller's stage exceptionally (the endpoint answers 503 and QFPay sends it
 * again).
 *
 * <p>Checks that need no database run on the caller's thread; sampled rejected notifications and
 * unknown-type ones are stored on {@code blocking}, as is everything when there are no writers, the
 * queue is full, or the group commit is closed. {@code blocking} is the intake's own bounded
 * executor (ADR 0009): when it refuses a task, a notification that must be stored fails with {@link
 * Busy} (the endpoint answers 503 with {@code Retry-After}) and a rejected sample is dropped.
 */
public final class GroupCommit implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(GroupCommit.class.getName());
  private final NotificationIntake intake;
  private final Executor blocking;
  private final BlockingQueue<Pending> queue;
  private final int maxGroup;
  private final List<Thread> writers = new ArrayList<>();
  private final IntConsumer groupSizes;
  private volatile boolean closed;

  /** Sizes of the group commit; {@code writers == 0} turns it off. */
  public record Settings(int writers, int maxGroup, int queueCapacity) {
    public Settings {
      if (writers < 0 || maxGroup < 1 || queueCapacity < 1) {
        throw new IllegalArgumentException(
            "writers >= 0, maxGroup >= 1 and queueCapacity >= 1 required");
      }
    }
  }

  private record Pending(Verified verified, CompletableFuture<Result> answer) {}

  /** The intake's executor is full: nothing was stored; the sender should try again later. */
  public static final class Busy extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public Busy() {
      super("the notification intake is at its limit", null, false, false);
    }
  }

  public GroupCommit(NotificationIntake intake, Executor blocking, Settings settings) {
    this(intake, blocking, settings, size -> {});
  }

  /**
   * @param groupSizes told the size of every group a writer takes (1 for one stored alone), for
   *     metrics
   */
  public GroupCommit(
      NotificationIntake intake, Executor blocking, Settings settings, IntConsumer groupSizes) {
    this.groupSizes = Objects.requireNonNull(groupSizes);
    this.intake = Objects.requireNonNull(intake);
    this.blocking = Objects.requireNonNull(blocking);
    this.maxGroup = settings.maxGroup();
    this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
    for (int i = 1; i <= settings.writers(); i++) {
      Thread t = new Thread(this::write, "notification-writer-" + i);
      t.setDaemon(true);
      writers.add(t);
      t.start();
    }
  }

  /**
   * Takes in one notification; never throws. The returned stage completes once its verdict is
   * committed, or exceptionally when it could not be stored (then nothing of it was).
   */
  public CompletionStage<Result> submit(
      byte[] rawBody, Map<String, String> headers, String sourceAddress) {
    Checked checked;
    try {
      checked = intake.check(rawBody, headers, sourceAddress);
    } catch (RuntimeException e) { // e.g. the key ring could not be read: nothing stored, 503
      return CompletableFuture.failedFuture(e);
    }
    if (checked.verified() == null) {
      if (checked.other() == null) {
        return CompletableFuture.completedFuture(checked.answer()); // nothing to store
      }
      try {
        CompletableFuture<Result> stored = CompletableFuture.supplyAsync(checked.other(), blocking);
        // a rejected request is answered as such even when its sample could not be stored
        return checked.answer() == null ? stored : stored.exceptionally(e -> checked.answer());
      } catch (RejectedExecutionException e) {
        return checked.answer() != null
            ? CompletableFuture.completedFuture(checked.answer()) // a sample, dropped
            : CompletableFuture.failedFuture(new Busy());
      }
    }
    Pending p = new Pending(checked.verified(), new CompletableFuture<>());
    if (writers.isEmpty() || closed || !queue.offer(p)) {
      return alone(checked.verified());
    }
    if (closed && queue.remove(p)) { // closed meanwhile: no writer may take it any more
      return alone(checked.verified());
    }
    return p.answer();
  }

  private CompletionStage<Result> alone(Verified verified) {
    try {
      return CompletableFuture.supplyAsync(() -> intake.store(verified), blocking);
    } catch (RejectedExecutionException e) {
      return CompletableFuture.failedFuture(new Busy());
    }
  }

  private void write() {
    List<Pending> group = new ArrayList<>(maxGroup);
    while (!closed || !queue.isEmpty()) {
      try {
        Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        group.add(first);
        queue.drainTo(group, maxGroup - 1);
        groupSizes.accept(group.size());
        store(group);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (RuntimeException | Error e) {
        // store() completes every stage itself; this guards the thread against the unexpected
        group.forEach(p -> p.answer().completeExceptionally(e));
        LOG.log(Level.ERROR, "notification writer: unexpected failure", e);
      } finally {
        group.clear();
      }
    }
  }

  private void store(List<Pending> group) {
    if (group.size() > 1) {
      List<Result> results;
      try {
        results = intake.storeTogether(group.stream().map(Pending::verified).toList());
      } catch (RuntimeException e) {
        LOG.log(
            Level.DEBUG,
            "storing {0} notifications together failed ({1}); storing them one by one",
            group.size(),
            e.getClass().getSimpleName());
        results = null;
      }
      if (results != null) {
        for (int i = 0; i < group.size(); i++) {
          group.get(i).answer().complete(results.get(i));
        }
        return;
      }
    }
    for (Pending p : group) {
      try {
        p.answer().complete(intake.store(p.verified()));
      } catch (RuntimeException e) {
        p.answer().completeExceptionally(e);
      }
    }
  }

  /** Verified notifications waiting for a writer now. */
  public int queued() {
    return queue.size();
  }

  /**
   * Stops taking notifications into the queue; the writers store what is queued and end (waiting at
   * most {@code timeoutMillis} for them). Anything still queued then fails (503; QFPay retries).
   */
  public void close(long timeoutMillis) {
    closed = true;
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    for (Thread t : writers) {
      try {
        t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    writers.forEach(Thread::interrupt);
    for (Pending p; (p = queue.poll()) != null; ) {
      p.answer().completeExceptionally(new IllegalStateException("the hub is stopping"));
    }
  }

  @Override
  public void close() {
    close(5_000);
  }
}
