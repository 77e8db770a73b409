package dev.quetzal.runtime.napt;

/** A fast, well-spread hash of an address and a small key, for the open-addressing tables. */
final class Hashing {
    private Hashing() {}

    /**
     * The address is mixed before the key joins it, so neighbouring addresses with neighbouring
     * ports (.2 port 5001, .3 port 5000) do not cancel out into one bucket.
     */
    static int mix(long high, long low, int extra) {
        long h = (high * 0x9E3779B97F4A7C15L + low) * 0xC2B2AE3D27D4EB4FL;
        h = (h ^ (h >>> 29) ^ extra) * 0xBF58476D1CE4E5B9L;
        h ^= h >>> 31;
        h *= 0x94D049BB133111EBL;
        return (int) (h ^ (h >>> 32));
    }
}
