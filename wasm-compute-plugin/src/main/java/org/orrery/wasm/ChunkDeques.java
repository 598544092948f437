package org.orrery.wasm;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The chunks of one tick, dealt out as one work-stealing deque per worker. When a tick opens, each
 * worker owns a contiguous run of chunks: it takes them from the front of its run, in order, so it
 * walks its own part of the state; a worker whose run is empty steals from the back of another's,
 * so a slow or descheduled worker never holds up chunks an idle one could take.
 *
 * <p>A run is two small indices, {@code [front, back)}, so a deque is one word:
 * {@code (tick << 32) | (front << 16) | back}. Taking and stealing are both a compare-and-set on
 * that word, which hands every chunk out exactly once, even when the owner and a thief reach for
 * the last chunk of a run together. The tick in the word stops a worker still busy with the
 * previous tick from taking a chunk of the next one (it would step it with the previous state).
 * Each deque has a cache line of its own: owners hit theirs on every take.
 */
public final class ChunkDeques {

    /** Longs per 64-byte cache line: deque {@code w} lives at index {@code w * PAD}. */
    private static final int PAD = 8;
    static final int MAX_CHUNKS = 0xFFFF;

    private final AtomicLongArray deques;
    private final int workers;
    private final int chunks;

    public ChunkDeques(int workers, int chunks) {
        if (workers < 1 || chunks < workers || chunks > MAX_CHUNKS) {
            throw new IllegalArgumentException("need 1 <= workers <= chunks <= " + MAX_CHUNKS + ", was " + workers
                    + " workers and " + chunks + " chunks");
        }
        this.workers = workers;
        this.chunks = chunks;
        this.deques = new AtomicLongArray(workers * PAD);
    }

    /**
     * Deals the chunks of {@code tick} out to the workers, worker {@code w} getting chunks
     * {@code [w * chunks / workers, (w + 1) * chunks / workers)}. Ticks must increase; call it
     * before releasing the tick to the workers.
     */
    public void open(long tick) {
        long tag = (tick & 0xFFFF_FFFFL) << 32;
        for (int w = 0; w < workers; w++) {
            long front = (long) chunks * w / workers;
            long back = (long) chunks * (w + 1) / workers;
            deques.set(w * PAD, tag | front << 16 | back);
        }
    }

    /**
     * The next chunk of {@code tick} for {@code worker}: the front of its own run, else the back of
     * another worker's; -1 when every run is empty or another tick has opened.
     */
    public int claim(int worker, long tick) {
        int chunk = takeFront(worker, tick);
        for (int k = 1; chunk < 0 && k < workers; k++) {
            chunk = stealBack((worker + k) % workers, tick);
        }
        return chunk;
    }

    public int chunks() {
        return chunks;
    }

    private int takeFront(int worker, long tick) {
        int index = worker * PAD;
        while (true) {
            long word = deques.get(index);
            int front = (int) (word >>> 16) & 0xFFFF;
            if (!isFor(word, tick) || front >= (int) (word & 0xFFFF)) {
                return -1;
            }
            if (deques.compareAndSet(index, word, word + (1L << 16))) {
                return front;
            }
        }
    }

    private int stealBack(int victim, long tick) {
        int index = victim * PAD;
        while (true) {
            long word = deques.get(index);
            int back = (int) (word & 0xFFFF);
            if (!isFor(word, tick) || ((int) (word >>> 16) & 0xFFFF) >= back) {
                return -1;
            }
            if (deques.compareAndSet(index, word, word - 1)) {
                return back - 1;
            }
        }
    }

    private static boolean isFor(long word, long tick) {
        return word >>> 32 == (tick & 0xFFFF_FFFFL);
    }
}
